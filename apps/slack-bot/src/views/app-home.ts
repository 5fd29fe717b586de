import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { messageOf, type Reminder } from '@sync360/core';
import { listRecentRuns, type WorkflowRun } from '@sync360/github';
import { homeView, statusButtonsOffText, type HomeAccess } from '@sync360/slack-messages';
import type { BotContext } from '../bot-context.js';

/**
 * Publishes one user's Home tab: the last runs; for allowed users the pending tasks with their
 * Set-status buttons, for others a count and whom to ask for access. Reminders come from the
 * shared cache, so opening the tab does not hit Lucca each time.
 */
export const publishHome = async (
  client: WebClient,
  bot: BotContext,
  userId: string,
): Promise<void> => {
  const [runs, reminders] = await Promise.all([
    listRecentRuns(bot.config.github, 5).catch((error: unknown): WorkflowRun[] | null => {
      bot.log(`home: GitHub failed: ${messageOf(error)}`);
      return null;
    }),
    (bot.reminders?.get() ?? Promise.resolve(null)).catch((error: unknown): Reminder[] | null => {
      bot.log(`home: Lucca failed: ${messageOf(error)}`);
      return null;
    }),
  ]);
  const allowed = bot.config.slack.allowedUserIds;
  const buttons = (bot.config.lucca?.writeApiKey ?? null) !== null;
  const access: HomeAccess = allowed.includes(userId)
    ? { allowed: true, buttonsOff: buttons ? null : statusButtonsOffText }
    : { allowed: false, userId, allowedUserIds: allowed };
  await client.views.publish({
    user_id: userId,
    view: homeView({ runs, reminders, access }),
  });
};

/** `app_home_opened` -> publishes the Home tab of whoever opened it. */
export const registerAppHome = (app: App, bot: BotContext): void => {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, bot, event.user);
  });
};
