import { messageOf } from '@sync360/core';
import {
  failureReply,
  pendingUnavailableMessage,
  reminderPages,
  sentByDirectMessage,
  statusButtonsOffText,
  type SlackMessage,
} from '@sync360/slack-messages';
import type { CommandContext, Subcommand } from '../bot-context.js';

/** Slack accepts at most 5 answers per `response_url`. */
const maxReplies = 5;

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
  await context.reply(sentByDirectMessage(total, pages.length));
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
    if (bot.reminders === null) return reply(pendingUnavailableMessage);
    let reminders;
    try {
      reminders = await bot.reminders.get();
    } catch (error) {
      bot.log(`pending failed: ${messageOf(error)}`);
      return reply(failureReply('read the employees from Lucca', error));
    }
    const buttons = (bot.config.lucca?.writeApiKey ?? null) !== null;
    const pages = reminderPages(reminders, {
      note: buttons ? 'Only you can see this.' : `Only you can see this. ${statusButtonsOffText}`,
      statusButtons: buttons,
    });
    if (pages.length <= maxReplies) {
      for (const page of pages) await reply(page);
      return;
    }
    try {
      await sendByDirectMessage(context, pages, reminders.length);
    } catch (error) {
      await reply(failureReply('send you the list by direct message', error));
    }
  },
};
