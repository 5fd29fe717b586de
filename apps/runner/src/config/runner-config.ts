import { planOptionsFromEnv } from '@sync360/config';
import { defaultPlanOptions, type PlanOptions } from '@sync360/core';
import { privateKeyProblem, type SftpSettings } from '@sync360/sftp';
import { runnerEnvSchema, type RunnerEnv } from './env-schema.js';

export interface LuccaConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly statusField: string;
  /** LUCCA_TIMEOUT_MS, LUCCA_RETRIES, LUCCA_RETRY_DELAY_MS; the client's defaults when unset. */
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseDelayMs?: number;
}

export interface SlackConfig {
  readonly token: string;
  readonly channel: string;
  readonly apiUrl?: string;
  /** Private channel of HR admins (names allowed), or null. */
  readonly hrChannel: string | null;
  /** `<channel>:<thread ts>` of the message that asked for this run (workflow input), or null. */
  readonly thread: string | null;
  /** Set-status buttons on the HR reminder list (`SYNC360_STATUS_BUTTONS`; the bot acts on them). */
  readonly statusButtons?: boolean;
}

export interface GithubConfig {
  readonly token: string;
  readonly repository: string;
  readonly apiUrl?: string;
  readonly workflow: string;
  readonly ref: string;
}

export interface RunnerConfig {
  readonly statusField: string;
  readonly lucca: LuccaConfig | null;
  readonly sftp: SftpSettings | null;
  readonly slack: SlackConfig | null;
  readonly github: GithubConfig | null;
  readonly plan: PlanOptions;
  readonly fileNameTemplate: string;
  readonly outputDir: string;
  readonly stateDir: string;
  readonly timeZone: string;
  readonly todayOverride: string | null;
  readonly inGithubActions: boolean;
  readonly stepSummaryPath: string | null;
  readonly runUrl: string | null;
  /** Values that must never be printed. */
  readonly secrets: ReadonlyArray<string>;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: RunnerConfig }
  | { readonly ok: false; readonly problems: ReadonlyArray<string> };

const isSet = (source: NodeJS.ProcessEnv, name: string): boolean =>
  (source[name] ?? '').trim() !== '';

/** Variables that only make sense together; checked on the raw values so they are always listed. */
const pairingProblems = (source: NodeJS.ProcessEnv, pinOptional: boolean): string[] => {
  const problems: string[] = [];
  const pair = (a: string, b: string, why: string): void => {
    if (isSet(source, a) !== isSet(source, b))
      problems.push(`${isSet(source, a) ? b : a}: set it too (${a} and ${b} go together), ${why}`);
  };
  pair('LUCCA_BASE_URL', 'LUCCA_API_KEY', 'or unset both to use --input or the demo.');
  pair('SLACK_BOT_TOKEN', 'SLACK_CHANNEL_ID', 'or unset both to run without Slack.');
  if (isSet(source, 'LUCCA_WRITE_API_KEY')) {
    problems.push(
      'LUCCA_WRITE_API_KEY: the nightly job only reads Lucca and never takes the write key (least privilege); remove it from this environment and give it to the Slack bot only.',
    );
  }
  if (isSet(source, 'SFTP_HOST')) {
    if (!isSet(source, 'SFTP_USERNAME'))
      problems.push('SFTP_USERNAME: required with SFTP_HOST; set the login 360Learning gave you.');
    if (!isSet(source, 'SFTP_PRIVATE_KEY') && !isSet(source, 'SFTP_PASSWORD')) {
      problems.push(
        'SFTP_PRIVATE_KEY / SFTP_PASSWORD: one is required with SFTP_HOST; set the key (PEM text) or the password.',
      );
    }
    const key = source['SFTP_PRIVATE_KEY']?.trim().replace(/\\n/g, '\n') ?? '';
    const keyProblem =
      key === '' ? null : privateKeyProblem(key, source['SFTP_PASSPHRASE']?.trim() || undefined);
    if (keyProblem !== null) problems.push(`SFTP_PRIVATE_KEY: ${keyProblem}.`);
    if (!pinOptional && !isSet(source, 'SFTP_HOST_KEY_SHA256')) {
      problems.push(
        'SFTP_HOST_KEY_SHA256: required with SFTP_HOST (sync360 never connects to an unpinned server); run `sync360 doctor` or `ssh-keyscan <host> | ssh-keygen -lf -` and pin the SHA256:... fingerprint.',
      );
    }
  }
  return problems;
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
          : { privateKey: env.SFTP_PRIVATE_KEY.replace(/\\n/g, '\n') }),
        ...(env.SFTP_PASSWORD === undefined ? {} : { password: env.SFTP_PASSWORD }),
        ...(env.SFTP_PASSPHRASE === undefined ? {} : { passphrase: env.SFTP_PASSPHRASE }),
        hostKeyPins: env.SFTP_HOST_KEY_SHA256 ?? [],
        remoteDir: env.SFTP_REMOTE_DIR,
        ...(env.SFTP_PGP_PUBLIC_KEY === undefined
          ? {}
          : { pgpPublicKey: env.SFTP_PGP_PUBLIC_KEY.replace(/\\n/g, '\n') }),
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
        baseUrl: env.LUCCA_BASE_URL.replace(/\/+$/, ''),
        apiKey: env.LUCCA_API_KEY,
        statusField: env.LUCCA_STATUS_FIELD,
        ...(env.LUCCA_TIMEOUT_MS === undefined ? {} : { timeoutMs: env.LUCCA_TIMEOUT_MS }),
        ...(env.LUCCA_RETRIES === undefined ? {} : { maxRetries: env.LUCCA_RETRIES }),
        ...(env.LUCCA_RETRY_DELAY_MS === undefined
          ? {}
          : { retryBaseDelayMs: env.LUCCA_RETRY_DELAY_MS }),
      };

const slackOf = (env: RunnerEnv): SlackConfig | null =>
  env.SLACK_BOT_TOKEN === undefined || env.SLACK_CHANNEL_ID === undefined
    ? null
    : {
        token: env.SLACK_BOT_TOKEN,
        channel: env.SLACK_CHANNEL_ID,
        ...(env.SLACK_API_URL === undefined ? {} : { apiUrl: env.SLACK_API_URL }),
        hrChannel: env.SLACK_HR_CHANNEL_ID ?? null,
        thread: env.SYNC360_SLACK_THREAD ?? null,
        statusButtons: env.SYNC360_STATUS_BUTTONS === 'true',
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

const planOf = (env: RunnerEnv): PlanOptions => ({
  ...planOptionsFromEnv(env),
  delimiter: env.SYNC360_CSV_DELIMITER ?? defaultPlanOptions.delimiter,
  header: env.SYNC360_HEADER.length === 8 ? env.SYNC360_HEADER : defaultPlanOptions.header,
  maxDeactivations: env.SYNC360_MAX_DEACTIVATIONS ?? null,
});

const runUrlOf = (env: RunnerEnv): string | null =>
  env.GITHUB_SERVER_URL !== undefined &&
  env.GITHUB_REPOSITORY !== undefined &&
  env.GITHUB_RUN_ID !== undefined
    ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : null;

/**
 * Parses the environment once; every bad variable is reported, by name, with its fix. Only
 * `doctor` passes `pinOptional`: it connects without a pin (never authenticating) to show the
 * server's fingerprint.
 */
export const parseRunnerConfig = (
  source: NodeJS.ProcessEnv,
  { pinOptional = false }: { pinOptional?: boolean } = {},
): ConfigResult => {
  const parsed = runnerEnvSchema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...pairingProblems(source, pinOptional),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const env = parsed.data;
  return {
    ok: true,
    config: {
      statusField: env.LUCCA_STATUS_FIELD,
      lucca: luccaOf(env),
      sftp: sftpOf(env),
      slack: slackOf(env),
      github: githubOf(env),
      plan: planOf(env),
      fileNameTemplate: env.SYNC360_FILE_NAME ?? 'users.csv',
      outputDir: env.SYNC360_OUTPUT_DIR,
      stateDir: env.SYNC360_STATE_DIR,
      timeZone: env.SYNC360_TIMEZONE ?? 'Europe/Paris',
      todayOverride: env.SYNC360_TODAY ?? null,
      inGithubActions: env.GITHUB_ACTIONS === 'true',
      stepSummaryPath: env.GITHUB_STEP_SUMMARY ?? null,
      runUrl: runUrlOf(env),
      secrets: [
        env.LUCCA_API_KEY,
        env.SFTP_PASSWORD,
        env.SFTP_PRIVATE_KEY,
        env.SFTP_PASSPHRASE,
        env.SLACK_BOT_TOKEN,
        env.GITHUB_TOKEN,
      ].filter((value): value is string => value !== undefined),
    },
  };
};
