import type { App } from '@slack/bolt';
import type { BotConfig } from '../config/bot-config.js';
import type { BotDeps } from '../deps.js';
import { checkNightly } from './check-nightly.js';
import { startWatchdogTimer, type WatchdogTimer } from './watchdog-timer.js';

const dayMs = 24 * 3_600_000;

/** Starts the daily check, or returns null when it is disabled or has nowhere to post. */
export const startBotWatchdog = (
  app: App,
  config: BotConfig,
  deps: BotDeps,
  log: (line: string) => void,
): WatchdogTimer | null => {
  const intervalMs = deps.watchdogIntervalMs === undefined ? dayMs : deps.watchdogIntervalMs;
  if (intervalMs === null) return null;
  const channelId = config.slack.channelId;
  if (channelId === null) {
    log('watchdog: off (set SLACK_CHANNEL_ID to get an alert when the nightly sync stops running)');
    return null;
  }
  const now = deps.now ?? (() => new Date());
  return startWatchdogTimer(
    { firstDelayMs: deps.watchdogFirstDelayMs ?? 300_000, intervalMs },
    () => checkNightly(config.github, app.client, channelId, now(), log),
    log,
  );
};
