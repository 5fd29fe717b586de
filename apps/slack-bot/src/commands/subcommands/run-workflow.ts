import { dispatchWorkflow, type GithubSettings, type WorkflowRun } from '@sync360/github';
import { mrkdwnLink, runLine, runState, type SlackMessage } from '@sync360/slack-messages';
import { isAllowed, notAllowedMessage } from '../allowlist.js';
import type { CommandContext, Subcommand } from '../command-context.js';
import { errorMessage } from '../error-message.js';
import { textMessage } from '../reply.js';

type RunMode = 'now' | 'preview';

/** The Actions page of the workflow, where a just-dispatched run shows up. */
const workflowPageUrl = (webUrl: string, settings: GithubSettings): string =>
  `${webUrl}/${settings.repository}/actions/workflows/${encodeURIComponent(settings.workflow)}`;

const alreadyRunning = (run: WorkflowRun): SlackMessage =>
  textMessage(
    `:hourglass_flowing_sand: A sync360 run is already ${runState(run).label}, so I did not start another:\n${runLine(run)}\n` +
      'Its summary is posted to the sync360 channel when it ends; try again after that if you still need one.',
  );

const started = (mode: RunMode, context: CommandContext): SlackMessage => {
  const link = mrkdwnLink(
    workflowPageUrl(context.config.githubWebUrl, context.config.github),
    'GitHub Actions',
  );
  return mode === 'now'
    ? textMessage(
        `:rocket: <@${context.userId}> started the sync360 sync now: it delivers the file to 360Learning. ` +
          `Follow it on ${link}; the summary is posted to the sync360 channel when it ends.`,
      )
    : textMessage(
        `:mag: <@${context.userId}> started a sync360 preview (dry run: nothing is delivered). ` +
          `Follow it on ${link}; the summary shows what tonight’s run would change.`,
      );
};

/** `now` and `preview`: dispatch the nightly workflow, unless a run is already queued or running. */
const runWorkflow =
  (mode: RunMode): Subcommand =>
  async (context) => {
    const { config, reply, userId } = context;
    if (!isAllowed(userId, config.slack.allowedUserIds)) {
      return reply(notAllowedMessage(mode, userId, config.slack.allowedUserIds));
    }
    let result;
    try {
      result = await dispatchWorkflow(config.github, {
        dry_run: mode === 'preview' ? 'true' : 'false',
        requested_by: userId,
      });
    } catch (error) {
      context.log(
        `dispatch (${mode}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      const action = mode === 'now' ? 'start the sync' : 'start the preview';
      return reply(errorMessage(action, error, config.secrets));
    }
    if (!result.dispatched) return reply(alreadyRunning(result.activeRun));
    return reply(started(mode, context), 'in_channel');
  };

export const nowCommand: Subcommand = runWorkflow('now');
export const previewCommand: Subcommand = runWorkflow('preview');
