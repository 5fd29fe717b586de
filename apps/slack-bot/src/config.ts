import {
  commaList,
  integerFrom,
  optionalText,
  optionalUrl,
  planEnvShape,
  planOptionsFromEnv,
  required,
} from '@sync360/config';
import type { PlanOptions } from '@sync360/core';
import type { GithubSettings } from '@sync360/github';
import { z } from 'zod';

const memberIds = (name: string) =>
  commaList.superRefine((ids, context) => {
    const bad = ids.filter((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
    if (bad.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `${name} must be a comma list of Slack member IDs such as U012ABCDEF (profile > ⋮ > Copy member ID); not member IDs: ${bad.join(', ')}`,
      });
    }
  });

/** Every variable the bot reads, each message naming the variable and the fix. */
export const botEnvSchema = z.object({
  SLACK_BOT_TOKEN: required(
    'SLACK_BOT_TOKEN',
    'copy the Bot User OAuth Token (xoxb-…) from your Slack app, OAuth & Permissions page',
  ).refine(
    (value) => value.startsWith('xoxb-'),
    'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page of the Slack app)',
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xapp-'),
    'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write), or unset for HTTP mode',
  ),
  SLACK_ALLOWED_USER_IDS: memberIds('SLACK_ALLOWED_USER_IDS'),
  SLACK_APPROVER_USER_IDS: memberIds('SLACK_APPROVER_USER_IDS'),
  SLACK_CHANNEL_ID: optionalText.refine(
    (value) => value === undefined || /^[CGD][A-Z0-9]{2,}$/.test(value),
    'SLACK_CHANNEL_ID must be a channel ID such as C012ABCDEF (channel details > About, at the bottom)',
  ),
  SLACK_HR_CHANNEL_ID: optionalText.refine(
    (value) => value === undefined || /^[CG][A-Z0-9]{2,}$/.test(value),
    'SLACK_HR_CHANNEL_ID must be the ID of a private channel such as G012ABCDEF (channel details > About, at the bottom)',
  ),
  SLACK_API_URL: optionalUrl('SLACK_API_URL', 'https://slack.com/api/ (or unset)'),
  GITHUB_TOKEN: required(
    'GITHUB_TOKEN',
    'create a fine-grained token with Actions: read and write on the repository',
  ),
  GITHUB_REPOSITORY: required(
    'GITHUB_REPOSITORY',
    'set it to owner/name of the repository with the workflow',
  ).refine(
    (value) => /^[\w.-]+\/[\w.-]+$/.test(value),
    'GITHUB_REPOSITORY must be owner/name, e.g. acme/sync360',
  ),
  GITHUB_API_URL: optionalUrl('GITHUB_API_URL', 'https://api.github.com (or unset)'),
  GITHUB_SERVER_URL: optionalUrl('GITHUB_SERVER_URL', 'https://github.com (or unset)'),
  SYNC360_WORKFLOW: optionalText.transform((value) => value ?? 'sync360-nightly.yml'),
  SYNC360_GIT_REF: optionalText.transform((value) => value ?? 'main'),
  PORT: integerFrom('PORT', 0, 65535),
  HEALTH_PORT: integerFrom('HEALTH_PORT', 0, 65535),
  LUCCA_BASE_URL: optionalUrl('LUCCA_BASE_URL', 'https://acme.ilucca.net'),
  LUCCA_API_KEY: optionalText,
  LUCCA_WRITE_API_KEY: optionalText,
  ...planEnvShape,
});

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
  if (isSet(source, 'LUCCA_WRITE_API_KEY') && !isSet(source, 'LUCCA_BASE_URL')) {
    problems.push(
      'LUCCA_WRITE_API_KEY is set without LUCCA_BASE_URL and LUCCA_API_KEY: the Set-status buttons need the read key too; set them, or unset LUCCA_WRITE_API_KEY.',
    );
  }
  if (isSet(source, 'LUCCA_TRAINING_API_KEY')) {
    problems.push(
      'LUCCA_TRAINING_API_KEY is set: only `sync360 history` (its own workflow) takes the Training key; remove it from the bot.',
    );
  }
  if (
    isSet(source, 'HEALTH_PORT') &&
    !isSet(source, 'SLACK_APP_TOKEN') &&
    (source['HEALTH_PORT'] ?? '').trim() === (source['PORT'] ?? '3000').trim() &&
    (source['HEALTH_PORT'] ?? '').trim() !== '0'
  ) {
    problems.push(
      'HEALTH_PORT must differ from PORT in HTTP mode (PORT serves Slack, HEALTH_PORT the health check); pick another port.',
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
      approverUserIds: isSet(source, 'SLACK_APPROVER_USER_IDS')
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
    githubWebUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    port: env.PORT ?? 3000,
    healthPort: env.HEALTH_PORT ?? null,
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
      env.LUCCA_WRITE_API_KEY,
    ].filter((value): value is string => value !== undefined),
  };
  return { ok: true, config };
};
