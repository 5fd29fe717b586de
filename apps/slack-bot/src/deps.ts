import type { LogLevel } from '@slack/bolt';
import type { Reminder } from '@sync360/core';

/** What the bot reaches outside Slack, injectable so tests can use fixed data and fast timers. */
export interface BotDeps {
  /** Live reminders for `/sync360 pending` and the Home tab; null when Lucca is not configured. */
  readonly loadReminders: (() => Promise<Reminder[]>) | null;
  readonly now?: () => Date;
  /** How often the watchdog checks; default 24 h. Null disables it. */
  readonly watchdogIntervalMs?: number | null;
  /** Delay before the first watchdog check; default 5 minutes. */
  readonly watchdogFirstDelayMs?: number;
  /** Cache of the Home tab's pending count; default 10 minutes. */
  readonly pendingCountTtlMs?: number;
  /** Web API retries per call; default 2. Tests turn them off with 0. */
  readonly slackRetries?: number;
  readonly logLevel?: LogLevel;
  /** Where the bot writes its own log lines; default stderr. */
  readonly log?: (line: string) => void;
}
