import { reminderPages, type SlackMessage } from '@sync360/slack-messages';
import { isAllowed, notAllowedMessage } from '../allowlist.js';
import type { CommandContext, Subcommand } from '../command-context.js';
import { errorMessage } from '../error-message.js';
import { textMessage } from '../reply.js';

/** Slack accepts at most 5 answers per `response_url`. */
const maxReplies = 5;

const notConfigured = textMessage(
  ':information_source: `/sync360 pending` reads Lucca live, and the bot has no Lucca access: set `LUCCA_BASE_URL` and `LUCCA_API_KEY` (and `LUCCA_STATUS_FIELD` if not `e_360_status`) in the bot’s environment and restart it. Meanwhile the weekday reminders and run summaries list them.',
);

/** Longer lists go to the user's direct messages with the bot, still visible to them only. */
const sendByDirectMessage = async (
  context: CommandContext,
  pages: ReadonlyArray<SlackMessage>,
  total: number,
): Promise<void> => {
  for (const page of pages) {
    await context.client.chat.postMessage({
      channel: context.userId,
      text: page.text,
      blocks: page.blocks,
      unfurl_links: false,
    });
  }
  await context.reply(
    textMessage(
      `:envelope: ${String(total)} pending tasks fill ${String(pages.length)} pages, more than Slack lets me answer here: I sent them to you as direct messages from sync360 (only you can see them).`,
    ),
  );
};

/** `pending`: reminders computed live from Lucca, only to the allowed user who asked. */
export const pendingCommand: Subcommand = async (context) => {
  const { config, deps, reply, userId } = context;
  if (!isAllowed(userId, config.slack.allowedUserIds)) {
    return reply(notAllowedMessage('pending', userId, config.slack.allowedUserIds));
  }
  if (deps.loadReminders === null) return reply(notConfigured);
  let reminders;
  try {
    reminders = await deps.loadReminders();
  } catch (error) {
    context.log(`pending failed: ${error instanceof Error ? error.message : String(error)}`);
    return reply(errorMessage('read the employees from Lucca', error, config.secrets));
  }
  const pages = reminderPages(reminders, { note: 'Only you can see this.' });
  if (pages.length > maxReplies) {
    try {
      return await sendByDirectMessage(context, pages, reminders.length);
    } catch (error) {
      return reply(errorMessage('send you the list by direct message', error, config.secrets));
    }
  }
  for (const page of pages) await reply(page);
};
