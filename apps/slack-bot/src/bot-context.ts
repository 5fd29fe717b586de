import type { LogLevel } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reminder } from '@sync360/core';
import type { RateLimiter } from '@sync360/lucca';
import type { SlackMessage } from '@sync360/slack-messages';
import type { BotConfig } from './config.js';
import type { ReminderCache } from './reminder-cache.js';

/** What the bot reaches outside Slack and GitHub, injectable so tests can use fixed data. */
export interface BotDeps {
  /** Live reminders for `/sync360 pending` and the Home tab; null when Lucca is not configured. */
  readonly loadReminders: (() => Promise<Reminder[]>) | null;
  readonly now?: () => Date;
  /** How often the watchdog checks; default 24 h. Null disables it. */
  readonly watchdogIntervalMs?: number | null;
  /** Delay before the first watchdog check; default 5 minutes. */
  readonly watchdogFirstDelayMs?: number;
  /** How long the reminders are kept (pending, Home tab, clicks); default 10 minutes. */
  readonly remindersTtlMs?: number;
  /** The one limiter of every Lucca call (read and write keys: same tenant); default a new one. */
  readonly luccaLimiter?: RateLimiter;
  /** Web API retries per call (a rate-limited call waits for `Retry-After`); default 2. */
  readonly slackRetries?: number;
  readonly logLevel?: LogLevel;
  /** Where the bot writes its own log lines; default stderr. */
  readonly log?: (line: string) => void;
}

/** What every listener gets: the configuration, the dependencies and a secret-free log. */
export interface BotContext {
  readonly config: BotConfig;
  readonly deps: BotDeps;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** The reminders from Lucca, shared; null when Lucca is not configured. */
  readonly reminders: ReminderCache | null;
  readonly luccaLimiter: RateLimiter;
}

/** Answers the user who ran the command (through Slack's `response_url`). */
export type Reply = (
  message: SlackMessage,
  visibility?: 'ephemeral' | 'in_channel',
) => Promise<void>;

/** Everything a subcommand needs: who asked, how to answer, what to call. */
export interface CommandContext {
  readonly userId: string;
  readonly reply: Reply;
  readonly client: WebClient;
  readonly bot: BotContext;
}

export interface Subcommand {
  /** Only `SLACK_ALLOWED_USER_IDS` may run it. */
  readonly allowedOnly: boolean;
  /** What the acknowledgement says is happening, shown at once. */
  readonly ack: string;
  readonly run: (context: CommandContext) => Promise<void>;
}
