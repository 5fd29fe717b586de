import { dispatchWorkflow, findActiveRun, type WorkflowRun } from '@sync360/github';
import { channelMention, mrkdwnLink } from '@sync360/slack-messages/escape';
import type { SlackMessage } from '@sync360/slack-messages/message';
import {
  syncNotStartedMessage,
  syncRequestedMessage,
  type RequestMode,
} from '@sync360/slack-messages/thread';
import { runLine, runState } from '@sync360/slack-messages/workflow-run';
import type { BotConfig } from '../config.js';
import { errorMessage, isRefusal, mayHaveStartedMessage, textMessage } from '../replies.js';
import type { CommandContext, Subcommand } from './sync360.js';

/** The Actions page of the workflow, where a just-dispatched run shows up. */
export const workflowPageUrl = (config: BotConfig): string =>
  `${config.githubWebUrl}/${config.github.repository}/actions/workflows/${encodeURIComponent(config.github.workflow)}`;

const alreadyRunning = (run: WorkflowRun): SlackMessage =>
  textMessage(
    `:hourglass_flowing_sand: A sync360 run is already ${runState(run).label}, so I did not start another:\n${runLine(run)}\n` +
      'Its summary is posted to the sync360 channel when it ends; ask again after that if you still need one.',
  );

const started = (
  mode: RequestMode,
  context: CommandContext,
  channel: string | null,
): SlackMessage => {
  const link = mrkdwnLink(workflowPageUrl(context.bot.config), 'GitHub Actions');
  const where =
    channel === null
      ? 'the summary is posted to the sync360 channel when it ends'
      : `the outcome is posted in the thread of the request in ${channelMention(channel)}`;
  return mode === 'now'
    ? textMessage(
        `:rocket: <@${context.userId}> started the sync360 sync now: it delivers the file to 360Learning. Follow it on ${link}; ${where}.`,
      )
    : textMessage(
        `:mag: <@${context.userId}> started a sync360 preview (dry run: nothing is delivered). Follow it on ${link}; ${where}, with what tonight’s run would change.`,
      );
};

/** Posts "Sync requested by …" in the ops channel; its `<channel>:<ts>` becomes the run's thread. */
const announce = async (
  context: CommandContext,
  mode: RequestMode,
): Promise<{ readonly channel: string; readonly ts: string } | null> => {
  const channel = context.bot.config.slack.channelId;
  if (channel === null) return null;
  const message = syncRequestedMessage(context.userId, mode);
  try {
    const answer = await context.client.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    });
    return typeof answer.ts === 'string' ? { channel, ts: answer.ts } : null;
  } catch (error) {
    context.bot.log(
      `could not post the request in ${channel}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return null;
  }
};

/**
 * `now` and `preview`: unless a run is already queued or running (then it is linked), announce
 * the request in the ops channel and dispatch the nightly workflow with that message as its
 * thread. A dispatch GitHub may have received without answering is never called a failure.
 */
const runWorkflow = (mode: RequestMode): Subcommand => ({
  allowedOnly: true,
  ack: mode === 'now' ? 'Starting a sync…' : 'Starting a preview (dry run)…',
  run: async (context) => {
    const { bot, reply, userId } = context;
    const what = mode === 'now' ? 'the sync' : 'the preview';
    let active;
    try {
      active = await findActiveRun(bot.config.github);
    } catch (error) {
      bot.log(
        `${mode}: reading runs failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return reply(errorMessage(`start ${what}`, error, bot.config.secrets));
    }
    if (active !== null) return reply(alreadyRunning(active));
    const thread = await announce(context, mode);
    try {
      await dispatchWorkflow(
        bot.config.github,
        {
          dry_run: mode === 'preview' ? 'true' : 'false',
          requested_by: userId,
          ...(thread === null ? {} : { slack_thread: `${thread.channel}:${thread.ts}` }),
        },
        { evenIfActive: true },
      );
    } catch (error) {
      bot.log(
        `${mode}: dispatch failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      const refused = isRefusal(error);
      if (thread !== null) {
        const why = refused
          ? 'GitHub refused the request, so nothing started (the bot’s log says why).'
          : 'GitHub did not answer after the request was sent: it may have started. Check `/sync360 status`.';
        const message = syncNotStartedMessage(userId, mode, why);
        await context.client.chat
          .update({
            channel: thread.channel,
            ts: thread.ts,
            text: message.text,
            blocks: message.blocks,
          })
          .catch(() => undefined);
      }
      return reply(
        refused
          ? errorMessage(`start ${what}`, error, bot.config.secrets)
          : mayHaveStartedMessage(what),
      );
    }
    if (thread === null) return reply(started(mode, context, null), 'in_channel');
    return reply(started(mode, context, thread.channel));
  },
});

export const nowCommand: Subcommand = runWorkflow('now');
export const previewCommand: Subcommand = runWorkflow('preview');
