import { messageOf } from '@sync360/core';
import { dispatchWorkflow, findActiveRun, GithubError, isPreviewRun } from '@sync360/github';
import {
  alreadyRunningMessage,
  failureReply,
  mayHaveStartedMessage,
  startedMessage,
  syncNotStartedMessage,
  syncRequestedMessage,
  type RequestMode,
} from '@sync360/slack-messages';
import type { BotConfig } from '../config.js';
import type { CommandContext, Subcommand } from '../bot-context.js';

/** The Actions page of the workflow, where a just-dispatched run shows up. */
export const workflowPageUrl = (config: BotConfig): string =>
  `${config.githubWebUrl}/${config.github.repository}/actions/workflows/${encodeURIComponent(config.github.workflow)}`;

/** GitHub refused for a reason that means nothing was started (as opposed to no clear answer). */
export const isRefusal = (error: unknown): boolean =>
  error instanceof GithubError &&
  ['github-auth', 'github-forbidden', 'github-not-found', 'github-rejected'].includes(error.code);

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
    context.bot.log(`could not post the request in ${channel}: ${messageOf(error)}`);
    return null;
  }
};

/**
 * `now` and `preview`: unless a run is already queued or running (then it is linked; a preview
 * never holds up `now`, its concurrency group is separate), announce the request in the ops
 * channel and dispatch the nightly workflow with that message as its thread. A dispatch GitHub
 * may have received without answering is never called a failure.
 */
const runWorkflow = (mode: RequestMode): Subcommand => ({
  allowedOnly: true,
  ack: mode === 'now' ? 'Starting a sync…' : 'Starting a preview (dry run)…',
  run: async (context) => {
    const { bot, reply, userId } = context;
    const what = mode === 'now' ? 'the sync' : 'the preview';
    let active;
    let previewRunning = null;
    try {
      active = await findActiveRun(bot.config.github);
      if (mode === 'now' && active !== null && isPreviewRun(active)) {
        previewRunning = active;
        active = await findActiveRun(bot.config.github, { ignorePreviews: true });
      }
    } catch (error) {
      bot.log(`${mode}: reading runs failed: ${messageOf(error)}`);
      return reply(failureReply(`start ${what}`, error, {}, 'Nothing was started.'));
    }
    if (active !== null) return reply(alreadyRunningMessage(active));
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
      bot.log(`${mode}: dispatch failed: ${messageOf(error)}`);
      const refused = isRefusal(error);
      if (thread !== null) {
        const message = syncNotStartedMessage(userId, mode, refused);
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
          ? failureReply(`start ${what}`, error, {}, 'Nothing was started.')
          : mayHaveStartedMessage(what),
      );
    }
    const started = startedMessage({
      mode,
      userId,
      followUrl: workflowPageUrl(bot.config),
      channel: thread?.channel ?? null,
      previewRunning,
    });
    return reply(started, thread === null ? 'in_channel' : 'ephemeral');
  },
});

export const nowCommand: Subcommand = runWorkflow('now');
export const previewCommand: Subcommand = runWorkflow('preview');
