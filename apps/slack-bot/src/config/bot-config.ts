import { planOptionsFromEnv } from '@sync360/config';
import type { PlanOptions } from '@sync360/core';
import type { GithubSettings } from '@sync360/github';
import { botEnvSchema } from './env-schema.js';

export interface LuccaBotSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly statusField: string;
}

/** Everything the bot needs, parsed once from the environment. */
export interface BotConfig {
  readonly slack: {
    readonly botToken: string;
    /** HTTP mode: verifies Slack's request signatures. Null in Socket Mode. */
    readonly signingSecret: string | null;
    /** Socket Mode when set. */
    readonly appToken: string | null;
    readonly apiUrl: string | null;
    /** Where watchdog alerts go; null disables them. */
    readonly channelId: string | null;
    /** Who may use now, preview and pending; empty = nobody. */
    readonly allowedUserIds: ReadonlyArray<string>;
  };
  readonly github: GithubSettings;
  /** Web address of GitHub, for links (`https://github.com`). */
  readonly githubWebUrl: string;
  readonly port: number;
  /** Null when `LUCCA_*` is not set: `/sync360 pending` then says how to enable it. */
  readonly lucca: LuccaBotSettings | null;
  readonly plan: PlanOptions;
  readonly timeZone: string;
  readonly todayOverride: string | null;
  /** Values never to print. */
  readonly secrets: ReadonlyArray<string>;
}

export type BotConfigResult =
  | { readonly ok: true; readonly config: BotConfig }
  | { readonly ok: false; readonly problems: ReadonlyArray<string> };

const isSet = (source: NodeJS.ProcessEnv, name: string): boolean =>
  (source[name] ?? '').trim() !== '';

/** Checks across variables, on the raw environment so they are reported with the others. */
const crossChecks = (source: NodeJS.ProcessEnv): string[] => {
  const problems: string[] = [];
  if (!isSet(source, 'SLACK_APP_TOKEN') && !isSet(source, 'SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET is not set: HTTP mode needs it (Slack app > Basic Information > Signing Secret); or set SLACK_APP_TOKEN for Socket Mode.',
    );
  }
  if (isSet(source, 'LUCCA_BASE_URL') !== isSet(source, 'LUCCA_API_KEY')) {
    const missing = isSet(source, 'LUCCA_BASE_URL') ? 'LUCCA_API_KEY' : 'LUCCA_BASE_URL';
    problems.push(
      `${missing} is not set: LUCCA_BASE_URL and LUCCA_API_KEY go together (for /sync360 pending); set both or neither.`,
    );
  }
  return problems;
};

/** Parses the environment once; every bad variable is reported, by name, with its fix. */
export const parseBotConfig = (source: NodeJS.ProcessEnv): BotConfigResult => {
  const parsed = botEnvSchema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => {
          const name = issue.path.join('.');
          return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
        })),
    ...crossChecks(source),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const env = parsed.data;
  const lucca =
    env.LUCCA_BASE_URL !== undefined && env.LUCCA_API_KEY !== undefined
      ? {
          baseUrl: env.LUCCA_BASE_URL.replace(/\/+$/, ''),
          apiKey: env.LUCCA_API_KEY,
          statusField: env.LUCCA_STATUS_FIELD,
        }
      : null;
  const config: BotConfig = {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET ?? null,
      appToken: env.SLACK_APP_TOKEN ?? null,
      apiUrl: env.SLACK_API_URL ?? null,
      channelId: env.SLACK_CHANNEL_ID ?? null,
      allowedUserIds: env.SLACK_ALLOWED_USER_IDS,
    },
    github: {
      token: env.GITHUB_TOKEN,
      repository: env.GITHUB_REPOSITORY,
      ...(env.GITHUB_API_URL === undefined ? {} : { apiUrl: env.GITHUB_API_URL }),
      workflow: env.SYNC360_WORKFLOW,
      ref: env.SYNC360_GIT_REF,
    },
    githubWebUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    port: env.PORT ?? 3000,
    lucca,
    plan: planOptionsFromEnv(env),
    timeZone: env.SYNC360_TIMEZONE ?? 'Europe/Paris',
    todayOverride: env.SYNC360_TODAY ?? null,
    secrets: [
      env.SLACK_BOT_TOKEN,
      env.SLACK_SIGNING_SECRET,
      env.SLACK_APP_TOKEN,
      env.GITHUB_TOKEN,
      env.LUCCA_API_KEY,
    ].filter((value): value is string => value !== undefined),
  };
  return { ok: true, config };
};
