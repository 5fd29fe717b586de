import type { App } from '@slack/bolt';
import { listRecentRuns, type WorkflowRun } from '@sync360/github';
import { homeView } from '@sync360/slack-messages';
import type { BotConfig } from '../config/bot-config.js';
import type { BotDeps } from '../deps.js';
import { cachedCount } from './cached-count.js';

/** `app_home_opened` -> publishes the Home tab: last run and how many tasks are pending. */
export const registerAppHome = (
  app: App,
  config: BotConfig,
  deps: BotDeps,
  log: (line: string) => void,
): void => {
  const now = deps.now ?? (() => new Date());
  const load = deps.loadReminders;
  const pendingCount =
    load === null
      ? null
      : cachedCount(async () => (await load()).length, deps.pendingCountTtlMs ?? 600_000, now);

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const notes: string[] = [];
    const [runs, count] = await Promise.all([
      listRecentRuns(config.github, 1).catch((error: unknown): WorkflowRun[] | null => {
        log(`home: GitHub failed: ${error instanceof Error ? error.message : String(error)}`);
        notes.push('GitHub could not be reached, so the last run is unknown right now.');
        return null;
      }),
      pendingCount === null
        ? Promise.resolve(null)
        : pendingCount().catch((error: unknown) => {
            log(`home: Lucca failed: ${error instanceof Error ? error.message : String(error)}`);
            return null;
          }),
    ]);
    await client.views.publish({
      user_id: event.user,
      view: homeView(runs === null ? null : (runs[0] ?? null), count, notes),
    });
  });
};
