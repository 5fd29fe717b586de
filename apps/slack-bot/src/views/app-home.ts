import type { App } from '@slack/bolt';
import { listRecentRuns, type WorkflowRun } from '@sync360/github';
import { homeView } from '@sync360/slack-messages/home-view';
import type { BotContext } from '../create-bot-app.js';

/** Remembers the pending count for `ttlMs`, so opening the Home tab does not hit Lucca each time. */
const cachedCount = (
  load: () => Promise<number>,
  ttlMs: number,
  now: () => Date,
): (() => Promise<number>) => {
  let cached: { value: number; at: number } | null = null;
  return async () => {
    const at = now().getTime();
    if (cached !== null && at - cached.at < ttlMs) return cached.value;
    const value = await load();
    cached = { value, at };
    return value;
  };
};

/** `app_home_opened` -> publishes the Home tab: last run and how many tasks are pending. */
export const registerAppHome = (app: App, bot: BotContext): void => {
  const load = bot.deps.loadReminders;
  const pendingCount =
    load === null
      ? null
      : cachedCount(
          async () => (await load()).length,
          bot.deps.pendingCountTtlMs ?? 600_000,
          bot.now,
        );

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const notes: string[] = [];
    const [runs, count] = await Promise.all([
      listRecentRuns(bot.config.github, 1).catch((error: unknown): WorkflowRun[] | null => {
        bot.log(`home: GitHub failed: ${error instanceof Error ? error.message : String(error)}`);
        notes.push('GitHub could not be reached, so the last run is unknown right now.');
        return null;
      }),
      pendingCount === null
        ? Promise.resolve(null)
        : pendingCount().catch((error: unknown) => {
            bot.log(
              `home: Lucca failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            return null;
          }),
    ]);
    await client.views.publish({
      user_id: event.user,
      view: homeView(runs === null ? null : (runs[0] ?? null), count, notes),
    });
  });
};
