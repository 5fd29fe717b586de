import { botShape, labelConflicts, planOptionsFromEnv, secretsOf } from '@sync360/config';
import type { PlanOptions } from '@sync360/core';
import type { GithubSettings } from '@sync360/github';
import { z } from 'zod';

type BotEnv = z.output<z.ZodObject<typeof botShape>>;

/** Checks across variables, run even when one failed so every problem is listed at once. */
const crossChecks = (env: BotEnv): string[] => {
  const problems: string[] = [];
  if (env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined)
    problems.push(
      'SLACK_SIGNING_SECRET is not set: HTTP mode needs it (Slack app > Basic Information > Signing Secret); or set SLACK_APP_TOKEN for Socket Mode.',
    );
  if ((env.LUCCA_BASE_URL === undefined) !== (env.LUCCA_API_KEY === undefined)) {
    const missing = env.LUCCA_BASE_URL === undefined ? 'LUCCA_BASE_URL' : 'LUCCA_API_KEY';
    problems.push(
      `${missing} is not set: LUCCA_BASE_URL and LUCCA_API_KEY go together (for /sync360 pending); set both or neither.`,
    );
  }
  if (env.LUCCA_WRITE_API_KEY !== undefined && env.LUCCA_BASE_URL === undefined)
    problems.push(
      'LUCCA_WRITE_API_KEY is set without LUCCA_BASE_URL and LUCCA_API_KEY: the Set-status buttons need the read key too; set them, or unset LUCCA_WRITE_API_KEY.',
    );
  if (
    env.HEALTH_PORT !== undefined &&
    env.HEALTH_PORT !== 0 &&
    env.SLACK_APP_TOKEN === undefined &&
    env.HEALTH_PORT === env.PORT
  )
    problems.push(
      'HEALTH_PORT must differ from PORT in HTTP mode (PORT serves Slack, HEALTH_PORT the health check); pick another port.',
    );
  if (Array.isArray(env.SYNC360_ACTIVE_LABELS) && Array.isArray(env.SYNC360_INACTIVE_LABELS))
    problems.push(...labelConflicts(env));
  return problems;
};

/** Every variable the bot reads, each message naming the variable and the fix. */
export const botEnvSchema = z.object(botShape).superRefine(
  (env, context) => {
    for (const message of crossChecks(env)) context.addIssue({ code: 'custom', message, path: [] });
  },
  { when: () => true },
);

export interface LuccaBotSettings {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly statusField: string;
  /** The second key, allowed to edit the status field: enables the Set-status buttons. */
  readonly writeApiKey: string | null;
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
    /** The ops channel: requests' threads and watchdog alerts; null disables both. */
    readonly channelId: string | null;
    /** Who may use now, preview and pending; empty = nobody. */
    readonly allowedUserIds: ReadonlyArray<string>;
    /** Who may press Approve (releasing the guard is riskier than a sync); default the allowed. */
    readonly approverUserIds: ReadonlyArray<string>;
    /** Private channel of HR admins: the Set-status audit lines (names) go there. */
    readonly hrChannelId: string | null;
  };
  readonly github: GithubSettings;
  /** Web address of GitHub, for links (`https://github.com`). */
  readonly githubWebUrl: string;
  readonly port: number;
  /** `GET /healthz` answers 200 on this port when set (containers' health checks). */
  readonly healthPort: number | null;
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

/** Parses the environment once; every bad variable is reported, by name, with its fix. */
export const parseBotConfig = (source: NodeJS.ProcessEnv): BotConfigResult => {
  const parsed = botEnvSchema.safeParse(source);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return name === '' || issue.message.startsWith(name)
          ? issue.message
          : `${name}: ${issue.message}`;
      }),
    };
  const env = parsed.data;
  const lucca =
    env.LUCCA_BASE_URL !== undefined && env.LUCCA_API_KEY !== undefined
      ? {
          baseUrl: env.LUCCA_BASE_URL,
          apiKey: env.LUCCA_API_KEY,
          statusField: env.LUCCA_STATUS_FIELD,
          writeApiKey: env.LUCCA_WRITE_API_KEY ?? null,
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
      approverUserIds:
        env.SLACK_APPROVER_USER_IDS.length > 0
          ? env.SLACK_APPROVER_USER_IDS
          : env.SLACK_ALLOWED_USER_IDS,
      hrChannelId: env.SLACK_HR_CHANNEL_ID ?? null,
    },
    github: {
      token: env.GITHUB_TOKEN,
      repository: env.GITHUB_REPOSITORY,
      ...(env.GITHUB_API_URL === undefined ? {} : { apiUrl: env.GITHUB_API_URL }),
      workflow: env.SYNC360_WORKFLOW,
      ref: env.SYNC360_GIT_REF,
    },
    githubWebUrl: env.GITHUB_SERVER_URL.replace(/\/+$/, ''),
    port: env.PORT,
    healthPort: env.HEALTH_PORT ?? null,
    lucca,
    plan: planOptionsFromEnv(env),
    timeZone: env.SYNC360_TIMEZONE,
    todayOverride: env.SYNC360_TODAY ?? null,
    secrets: secretsOf(source),
  };
  return { ok: true, config };
};
