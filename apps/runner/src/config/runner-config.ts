import { planOptionsFromEnv, todayIn } from '@sync360/config';
import { defaultPlanOptions, redactSecrets, type PlanOptions } from '@sync360/core';
import type { SftpSettings } from '@sync360/sftp';
import { z } from 'zod';
import {
  alertEnvShape,
  crossProblems,
  isSet,
  runnerEnvSchema,
  secretsOf,
  unescapeKey,
  valueOf,
  type RunnerEnv,
} from './env-schema.js';

export interface LuccaConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly statusField: string;
  /** LUCCA_TIMEOUT_MS, LUCCA_RETRIES, LUCCA_RETRY_DELAY_MS; the client's defaults when unset. */
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseDelayMs?: number;
  /** More users than this stops the fetch (`lucca-too-many`). */
  readonly maxEmployees: number;
}

export interface SlackConfig {
  readonly token: string;
  readonly channel: string;
  readonly apiUrl?: string;
  /** Private channel of HR admins (names allowed), or null. */
  readonly hrChannel: string | null;
  /** `<channel>:<thread ts>` of the message that asked for this run (workflow input), or null. */
  readonly thread: string | null;
  readonly statusButtons: boolean;
}

export interface GithubConfig {
  readonly token: string;
  readonly repository: string;
  readonly apiUrl?: string;
  readonly workflow: string;
  readonly ref: string;
}

/** Direct delivery through 360Learning's API v2. */
export interface Api360Config {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly companyId: string | null;
  readonly baseUrl: string;
  readonly defaultGroupId: string;
  readonly sendInvitations: boolean;
  readonly activateUsers: boolean;
}

/** What a run needs to be loud about a failure, even when the rest of the configuration is bad. */
export interface AlertConfig {
  /** SYNC360_TODAY, else today in SYNC360_TIMEZONE (default Europe/Paris). */
  readonly today: string;
  readonly slack: SlackConfig | null;
  readonly inGithubActions: boolean;
  readonly stepSummaryPath: string | null;
  readonly runUrl: string | null;
  /** Values that must never be printed, posted or written. */
  readonly secrets: ReadonlyArray<string>;
}

/** `sync360 history` (§7d): 360Learning completions recorded as realized trainings in Lucca. */
export interface HistoryConfig {
  /** LUCCA_TRAINING_API_KEY, null when unset (only `history` and `doctor` take it). */
  readonly trainingApiKey: string | null;
  /** 360Learning's API client without the delivery settings (no default group needed). */
  readonly api360: Omit<
    Api360Config,
    'defaultGroupId' | 'sendInvitations' | 'activateUsers'
  > | null;
  readonly courses: boolean;
  readonly createTrainings: boolean;
  readonly maxRecords: number;
  readonly days: number;
  readonly timeZone: string;
}

export interface RunnerConfig extends AlertConfig {
  readonly statusField: string;
  readonly lucca: LuccaConfig | null;
  readonly sftp: SftpSettings | null;
  readonly api360: Api360Config | null;
  readonly github: GithubConfig | null;
  readonly plan: PlanOptions;
  readonly fileNameTemplate: string;
  readonly outputDir: string;
  readonly stateDir: string;
  readonly history: HistoryConfig;
}

type ConfigResult =
  | { readonly ok: true; readonly config: RunnerConfig }
  | {
      readonly ok: false;
      /** Every bad variable, secrets already filtered out. */
      readonly problems: ReadonlyArray<string>;
      readonly alert: AlertConfig;
    };

const slackOf = (env: z.infer<z.ZodObject<typeof alertEnvShape>>): SlackConfig | null =>
  env.SLACK_BOT_TOKEN === undefined || env.SLACK_CHANNEL_ID === undefined
    ? null
    : {
        token: env.SLACK_BOT_TOKEN,
        channel: env.SLACK_CHANNEL_ID,
        ...(env.SLACK_API_URL === undefined ? {} : { apiUrl: env.SLACK_API_URL }),
        hrChannel: env.SLACK_HR_CHANNEL_ID ?? null,
        thread: env.SYNC360_SLACK_THREAD ?? null,
        statusButtons: env.SYNC360_STATUS_BUTTONS,
      };

const alertOf = (
  env: z.infer<z.ZodObject<typeof alertEnvShape>>,
  secrets: ReadonlyArray<string>,
): AlertConfig => ({
  secrets,
  today: env.SYNC360_TODAY ?? todayIn(env.SYNC360_TIMEZONE ?? 'Europe/Paris'),
  slack: slackOf(env),
  inGithubActions: env.GITHUB_ACTIONS === 'true',
  stepSummaryPath: env.GITHUB_STEP_SUMMARY ?? null,
  runUrl:
    env.GITHUB_SERVER_URL !== undefined &&
    env.GITHUB_REPOSITORY !== undefined &&
    env.GITHUB_RUN_ID !== undefined
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null,
});

/** When the rest is broken, Slack and the step summary still work if their own variables do. */
const alertWhenBroken = (
  source: NodeJS.ProcessEnv,
  secrets: ReadonlyArray<string>,
): AlertConfig => {
  const parsed = z.object(alertEnvShape).safeParse(source);
  if (parsed.success) return alertOf(parsed.data, secrets);
  return {
    secrets,
    today: todayIn('Europe/Paris'),
    slack: null,
    inGithubActions: valueOf(source, 'GITHUB_ACTIONS') === 'true',
    stepSummaryPath: isSet(source, 'GITHUB_STEP_SUMMARY')
      ? valueOf(source, 'GITHUB_STEP_SUMMARY')
      : null,
    runUrl: null,
  };
};

const sftpOf = (env: RunnerEnv): SftpSettings | null =>
  env.SFTP_HOST === undefined
    ? null
    : {
        host: env.SFTP_HOST,
        port: env.SFTP_PORT ?? 22,
        username: env.SFTP_USERNAME ?? '',
        ...(env.SFTP_PRIVATE_KEY === undefined
          ? {}
          : { privateKey: unescapeKey(env.SFTP_PRIVATE_KEY) }),
        ...(env.SFTP_PASSWORD === undefined ? {} : { password: env.SFTP_PASSWORD }),
        ...(env.SFTP_PASSPHRASE === undefined ? {} : { passphrase: env.SFTP_PASSPHRASE }),
        hostKeyPins: env.SFTP_HOST_KEY_SHA256 ?? [],
        remoteDir: env.SFTP_REMOTE_DIR,
        ...(env.SFTP_PGP_PUBLIC_KEY === undefined
          ? {}
          : { pgpPublicKey: unescapeKey(env.SFTP_PGP_PUBLIC_KEY) }),
        ...(env.SFTP_CONNECT_TIMEOUT_MS === undefined
          ? {}
          : { connectTimeoutMs: env.SFTP_CONNECT_TIMEOUT_MS }),
        ...(env.SFTP_TIMEOUT_MS === undefined ? {} : { operationTimeoutMs: env.SFTP_TIMEOUT_MS }),
        ...(env.SFTP_ATTEMPTS === undefined ? {} : { attempts: env.SFTP_ATTEMPTS }),
        ...(env.SFTP_RETRY_DELAY_MS === undefined
          ? {}
          : { retryBaseDelayMs: env.SFTP_RETRY_DELAY_MS }),
      };

const luccaOf = (env: RunnerEnv): LuccaConfig | null =>
  env.LUCCA_BASE_URL === undefined || env.LUCCA_API_KEY === undefined
    ? null
    : {
        baseUrl: env.LUCCA_BASE_URL,
        apiKey: env.LUCCA_API_KEY,
        statusField: env.LUCCA_STATUS_FIELD,
        ...(env.LUCCA_TIMEOUT_MS === undefined ? {} : { timeoutMs: env.LUCCA_TIMEOUT_MS }),
        ...(env.LUCCA_RETRIES === undefined ? {} : { maxRetries: env.LUCCA_RETRIES }),
        ...(env.LUCCA_RETRY_DELAY_MS === undefined
          ? {}
          : { retryBaseDelayMs: env.LUCCA_RETRY_DELAY_MS }),
        maxEmployees: env.LUCCA_MAX_EMPLOYEES ?? 200_000,
      };

const api360Of = (env: RunnerEnv): Api360Config | null =>
  env.API360_CLIENT_ID === undefined ||
  env.API360_CLIENT_SECRET === undefined ||
  env.API360_DEFAULT_GROUP_ID === undefined
    ? null
    : {
        clientId: env.API360_CLIENT_ID,
        clientSecret: env.API360_CLIENT_SECRET,
        companyId: env.API360_COMPANY_ID ?? null,
        baseUrl: env.API360_BASE_URL,
        defaultGroupId: env.API360_DEFAULT_GROUP_ID,
        sendInvitations: env.API360_SEND_INVITATIONS,
        activateUsers: env.API360_ACTIVATE_USERS,
      };

const githubOf = (env: RunnerEnv): GithubConfig | null =>
  env.GITHUB_TOKEN === undefined || env.GITHUB_REPOSITORY === undefined
    ? null
    : {
        token: env.GITHUB_TOKEN,
        repository: env.GITHUB_REPOSITORY,
        ...(env.GITHUB_API_URL === undefined ? {} : { apiUrl: env.GITHUB_API_URL }),
        workflow: env.SYNC360_WORKFLOW,
        ref: env.SYNC360_GIT_REF,
      };

const historyOf = (env: RunnerEnv): HistoryConfig => ({
  trainingApiKey: env.LUCCA_TRAINING_API_KEY ?? null,
  api360:
    env.API360_CLIENT_ID === undefined || env.API360_CLIENT_SECRET === undefined
      ? null
      : {
          clientId: env.API360_CLIENT_ID,
          clientSecret: env.API360_CLIENT_SECRET,
          companyId: env.API360_COMPANY_ID ?? null,
          baseUrl: env.API360_BASE_URL,
        },
  courses: env.SYNC360_HISTORY_KINDS.includes('courses'),
  createTrainings: env.SYNC360_HISTORY_CREATE_TRAININGS,
  maxRecords: env.SYNC360_HISTORY_MAX_RECORDS ?? 200,
  days: env.SYNC360_HISTORY_DAYS ?? 30,
  timeZone: env.SYNC360_TIMEZONE ?? 'Europe/Paris',
});

const planOf = (env: RunnerEnv): PlanOptions => ({
  ...planOptionsFromEnv(env),
  delimiter: env.SYNC360_CSV_DELIMITER ?? defaultPlanOptions.delimiter,
  header: env.SYNC360_HEADER.length > 0 ? env.SYNC360_HEADER : defaultPlanOptions.header,
  maxDeactivations: env.SYNC360_MAX_DEACTIVATIONS ?? null,
});

/**
 * Parses the environment once; every bad variable is reported, by name, with its fix. Only
 * `doctor` takes SFTP_HOST without a host-key pin: it shows the fingerprint to pin, sending no
 * credential.
 */
export const parseRunnerConfig = (
  source: NodeJS.ProcessEnv,
  {
    requirePins,
    command = null,
  }: { readonly requirePins: boolean; readonly command?: string | null },
): ConfigResult => {
  const secrets = secretsOf(source);
  const parsed = runnerEnvSchema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crossProblems(source, requirePins, command),
  ].map((problem) => redactSecrets(problem, secrets));
  if (!parsed.success || problems.length > 0)
    return { ok: false, problems, alert: alertWhenBroken(source, secrets) };
  const env = parsed.data;
  return {
    ok: true,
    config: {
      ...alertOf(env, secrets),
      statusField: env.LUCCA_STATUS_FIELD,
      lucca: luccaOf(env),
      sftp: sftpOf(env),
      api360: api360Of(env),
      github: githubOf(env),
      plan: planOf(env),
      fileNameTemplate: env.SYNC360_FILE_NAME ?? 'users.csv',
      outputDir: env.SYNC360_OUTPUT_DIR,
      stateDir: env.SYNC360_STATE_DIR,
      history: historyOf(env),
    },
  };
};

export const fileNameFor = (template: string, today: string): string =>
  template.replaceAll('{date}', today);
