import { afterAll } from 'vitest';
import { LogLevel } from '@slack/bolt';
import type { Reminder } from '@sync360/core';
import {
  startFakeGithub,
  type FakeGithub,
  type FakeGithubOptions,
} from '@sync360/testkit/github-api';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '@sync360/testkit/slack-api';
import {
  appHomeOpenedEvent,
  sendBlockAction,
  sendSlackEvent,
  sendSlashCommand,
} from '@sync360/testkit/slack-requests';
import {
  startResponseCapture,
  type ResponseCapture,
} from '@sync360/testkit/slack-response-capture';
import type { SignedResponse } from '@sync360/testkit/slack-signing';
import { checkSlackPayloads, countPrivacyCheck } from '@sync360/testkit/slack-privacy';
import { luccaRateLimiter } from '@sync360/lucca';
import type { FakeLucca } from '@sync360/testkit/lucca-server';
import { parseBotConfig, type BotConfig } from '../src/config.js';
import { luccaReminderLoader } from '../src/lucca-reminders.js';
import { createBotApp, type BotApp } from '../src/create-bot-app.js';

export const signingSecret = 'test-signing-secret-0123456789';
const botToken = 'xoxb-test-bot-token';
export const githubToken = 'ghp_testtoken0123456789';
export const allowedUser = 'U0ALLOWED';

export interface HarnessOptions {
  readonly allowed?: string;
  readonly channelId?: string;
  readonly github?: FakeGithubOptions;
  readonly slack?: FakeSlackOptions;
  /** Per-request GitHub timeout of the bot, in ms; default the client's. */
  readonly githubTimeoutMs?: number;
  readonly loadReminders?: (() => Promise<Reminder[]>) | null;
  readonly watchdogIntervalMs?: number | null;
  readonly env?: Readonly<Record<string, string>>;
  /** Real reminders from this Lucca fake (read key; plus the write key unless `writeKey` is null). */
  readonly lucca?: FakeLucca;
  /** `LUCCA_WRITE_API_KEY` given to the bot; default the fake's write key. */
  readonly writeKey?: string | null;
  readonly remindersTtlMs?: number;
  readonly now?: () => Date;
  /** Names no ops-channel message may carry, besides those of the reminders and the Lucca fake. */
  readonly names?: ReadonlyArray<string>;
}

export interface ClickInit {
  readonly userId: string;
  readonly value: string;
  readonly channelId: string;
  readonly messageTs: string;
  readonly threadTs?: string;
  readonly blocks?: ReadonlyArray<unknown>;
  readonly actionId?: string;
  readonly ephemeral?: boolean;
  /** The button is in the App Home tab. */
  readonly home?: boolean;
}

export interface Harness {
  readonly slack: FakeSlack;
  readonly github: FakeGithub;
  readonly responses: ResponseCapture;
  readonly bot: BotApp;
  readonly config: BotConfig;
  readonly eventsUrl: string;
  readonly logs: string[];
  /** Sends `/sync360 <text>`; returns the HTTP answer and the command's response_url. */
  command(
    text: string,
    userId?: string,
    triggerId?: string,
  ): Promise<SignedResponse & { responseUrl: string }>;
  /** Clicks a button (default `sync360_approve`); returns the HTTP answer and the response_url. */
  click(init: ClickInit): Promise<SignedResponse & { responseUrl: string }>;
  homeOpened(userId: string): Promise<SignedResponse>;
  /** Stops everything; fails when any payload Slack received breaks the privacy rules. */
  close(): Promise<void>;
}

const luccaEnv = (options: HarnessOptions): Record<string, string> => {
  const { lucca } = options;
  if (lucca === undefined) return {};
  const writeKey = options.writeKey === undefined ? lucca.writeApiKey : options.writeKey;
  return {
    LUCCA_BASE_URL: lucca.url,
    LUCCA_API_KEY: lucca.apiKey,
    ...(writeKey === null ? {} : { LUCCA_WRITE_API_KEY: writeKey }),
  };
};

/** What the privacy check of every harness covered in this test file, printed at its end. */
const privacyTotals = { line: '' };
afterAll(() => {
  if (privacyTotals.line !== '') process.stdout.write(`${privacyTotals.line}\n`);
});

export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const slack = await startFakeSlack({ token: botToken, ...options.slack });
  const github = await startFakeGithub({ token: githubToken, ...options.github });
  const responses = await startResponseCapture();
  const parsed = parseBotConfig({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.url,
    SLACK_ALLOWED_USER_IDS: options.allowed ?? `${allowedUser},U0OTHER`,
    ...(options.channelId === '' ? {} : { SLACK_CHANNEL_ID: options.channelId ?? 'C0SYNC360' }),
    GITHUB_TOKEN: githubToken,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_API_URL: github.url,
    PORT: '0',
    ...luccaEnv(options),
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config: BotConfig =
    options.githubTimeoutMs === undefined
      ? parsed.config
      : {
          ...parsed.config,
          github: { ...parsed.config.github, timeoutMs: options.githubTimeoutMs },
        };
  const logs: string[] = [];
  const names = new Set<string>(options.names ?? []);
  for (const user of options.lucca?.users() ?? []) {
    const first = Reflect.get(Object(user), 'firstName');
    const last = Reflect.get(Object(user), 'lastName');
    if (typeof first === 'string' && typeof last === 'string') names.add(`${first} ${last}`);
  }
  const rememberNames = (reminders: Reminder[]): Reminder[] => {
    for (const reminder of reminders) if (reminder.name.trim() !== '') names.add(reminder.name);
    return reminders;
  };
  const fixed = options.loadReminders;
  const luccaLimiter = luccaRateLimiter();
  const realLucca =
    options.lucca === undefined || config.lucca === null
      ? null
      : luccaReminderLoader(config.lucca, config, luccaLimiter, options.now);
  const bot = createBotApp(config, {
    loadReminders:
      realLucca ??
      (fixed === undefined || fixed === null ? null : () => fixed().then(rememberNames)),
    luccaLimiter,
    ...(options.remindersTtlMs === undefined ? {} : { remindersTtlMs: options.remindersTtlMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
    slackRetries: 0,
    logLevel: LogLevel.ERROR,
    log: (line: string) => logs.push(line),
    watchdogIntervalMs:
      options.watchdogIntervalMs === undefined ? null : options.watchdogIntervalMs,
    watchdogFirstDelayMs: 10,
  });
  const started = await bot.start();
  if (started.mode !== 'http') throw new Error('expected HTTP mode');
  const eventsUrl = `http://127.0.0.1:${String(started.port)}/slack/events`;
  return {
    slack,
    github,
    responses,
    bot,
    config,
    eventsUrl,
    logs,
    command: async (text, userId = allowedUser, triggerId) => {
      const responseUrl = responses.nextUrl();
      const answer = await sendSlashCommand({
        url: eventsUrl,
        signingSecret,
        text,
        userId,
        responseUrl,
        ...(triggerId === undefined ? {} : { triggerId }),
      });
      return { ...answer, responseUrl };
    },
    click: async (init) => {
      const responseUrl = responses.nextUrl();
      const answer = await sendBlockAction({
        url: eventsUrl,
        signingSecret,
        actionId: init.actionId ?? 'sync360_approve',
        value: init.value,
        userId: init.userId,
        channelId: init.channelId,
        messageTs: init.messageTs,
        ...(init.threadTs === undefined ? {} : { threadTs: init.threadTs }),
        ...(init.blocks === undefined ? {} : { blocks: init.blocks }),
        ...(init.ephemeral === undefined ? {} : { ephemeral: init.ephemeral }),
        ...(init.home === undefined ? {} : { home: init.home }),
        responseUrl,
      });
      return { ...answer, responseUrl };
    },
    homeOpened: (userId) =>
      sendSlackEvent({ url: eventsUrl, signingSecret, event: appHomeOpenedEvent(userId) }),
    close: async () => {
      await bot.stop();
      // A test may already have closed a fake to simulate an outage.
      await Promise.allSettled([slack.close(), github.close(), responses.close()]);
      const verdict = checkSlackPayloads([...slack.payloads(), ...responses.payloads()], {
        opsChannels: config.slack.channelId === null ? [] : [config.slack.channelId],
        names: [...names],
      });
      privacyTotals.line = countPrivacyCheck(verdict);
      if (verdict.problems.length > 0) throw new Error(verdict.problems.join('\n'));
    },
  };
};

/** Every text of a captured `respond()` post: fallback and blocks, as one string. */
export const postText = (body: Readonly<Record<string, unknown>>): string =>
  `${String(body.text)}\n${JSON.stringify(body.blocks ?? [])}`;
