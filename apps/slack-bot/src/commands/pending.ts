import { reminderPages } from '@sync360/slack-messages/reminder-pages';
import type { SlackMessage } from '@sync360/slack-messages/message';
import { errorMessage, statusButtonsOff, textMessage } from '../replies.js';
import type { CommandContext, Subcommand } from './sync360.js';

/** Slack accepts at most 5 answers per `response_url`. */
const maxReplies = 5;

const notConfigured = textMessage(
  ':information_source: `/sync360 pending` reads Lucca live, and the bot has no Lucca access: set `LUCCA_BASE_URL` and `LUCCA_API_KEY` (and `LUCCA_STATUS_FIELD` if not `e_360_status`) in the bot’s environment and restart it. Meanwhile the weekday reminders list them in the HR channel.',
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

/**
 * `pending`: reminders computed live from Lucca. They name who is leaving, so only the allowed
 * user who asked sees them: as ephemeral answers, or direct messages when longer.
 */
export const pendingCommand: Subcommand = {
  allowedOnly: true,
  ack: 'Reading the pending tasks from Lucca…',
  run: async (context) => {
    const { bot, reply } = context;
    if (bot.reminders === null) return reply(notConfigured);
    let reminders;
    try {
      reminders = await bot.reminders.get();
    } catch (error) {
      bot.log(`pending failed: ${error instanceof Error ? error.message : String(error)}`);
      return reply(errorMessage('read the employees from Lucca', error, bot.config.secrets));
    }
    const off = statusButtonsOff(bot.config);
    const pages = reminderPages(reminders, {
      note: off === null ? 'Only you can see this.' : `Only you can see this. ${off}`,
      statusButtons: off === null,
    });
    if (pages.length <= maxReplies) {
      for (const page of pages) await reply(page);
      return;
    }
    try {
      await sendByDirectMessage(context, pages, reminders.length);
    } catch (error) {
      await reply(errorMessage('send you the list by direct message', error, bot.config.secrets));
    }
  },
};
