import {
  isSet,
  labelConflicts,
  optionalText,
  orphansOf,
  planOptionsFromEnv,
  runnerShape as sharedRunnerShape,
  secretsOf,
  todayIn,
  unescapeKey,
} from '@sync360/config';
import { defaultPlanOptions, redactSecrets, type PlanOptions } from '@sync360/core';
import type { SftpSettings } from '@sync360/sftp';
// The settings module alone: parsing the environment never loads the SFTP or PGP clients.
import { parseHostKeyPins, privateKeyProblem } from '@sync360/sftp/settings';
import { z } from 'zod';

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
  /** The Slack member who started this run from Slack (workflow input), or null. */
  readonly requestedBy?: string | null;
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
  /** SYNC360_RULES_FILE (§7c): read by `run`, `doctor` and `rules` only. */
  readonly rulesFile: string | null;
  /** SYNC360_MAX_ROLE_REMOVALS; null: max(5, 10 % of the managed roles file users hold). */
  readonly maxRoleRemovals: number | null;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: RunnerConfig }
  | {
      readonly ok: false;
      /** Every bad variable, secrets already filtered out. */
      readonly problems: ReadonlyArray<string>;
      readonly alert: AlertConfig;
    };

const hostKeyPins = optionalText.transform((value, context) => {
  if (value === undefined) return undefined;
  const parsed = parseHostKeyPins(value);
  if (parsed.ok) return parsed.pins;
  context.addIssue({
    code: 'custom',
    message: `SFTP_HOST_KEY_SHA256: ${parsed.reason}; give SHA256:<base64> fingerprints separated by commas (a whole \`ssh-keygen -lf\` line works)`,
  });
  return z.NEVER;
});

const publicKey =
  /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-\S+|sk-\S+)\s+AAAA|-----BEGIN (?:RSA |SSH2 |PGP )?PUBLIC KEY|---- BEGIN SSH2 PUBLIC KEY/;

const runnerShape = { ...sharedRunnerShape, SFTP_HOST_KEY_SHA256: hostKeyPins };
type RunnerEnv = z.output<z.ZodObject<typeof runnerShape>>;

/** What `sync360 history` cannot start without: both Lucca keys and 360Learning's API client. */
const historyProblems = (source: NodeJS.ProcessEnv): string[] =>
  [
    ['LUCCA_BASE_URL', 'the Lucca tenant, e.g. https://acme.ilucca.net'],
    ['LUCCA_API_KEY', 'the key the sync reads users with (owners are found by their mail)'],
    ['LUCCA_TRAINING_API_KEY', 'a Lucca API key whose role has rights on the Training module'],
    [
      'API360_CLIENT_ID',
      "360Learning's API v2 client (scopes pathStats:read, paths:read, users:read)",
    ],
    ['API360_CLIENT_SECRET', "the secret of 360Learning's API v2 client"],
  ].flatMap(([name = '', what = '']) =>
    isSet(source, name) ? [] : [`${name}: required by \`sync360 history\`; set it to ${what}.`],
  );

/**
 * Variables that only make sense together. The schema runs them even when a variable failed
 * (that one then holds its trimmed text), so every problem is listed at once.
 */
const crossChecks = (
  env: RunnerEnv,
  source: NodeJS.ProcessEnv,
  requirePins: boolean,
  command: string | null,
): string[] => {
  const problems: string[] = [];
  const set = (name: string): boolean => isSet(source, name);
  // History reads 360Learning but never delivers: its API client needs no default group.
  const history = command === 'history' || (command === 'doctor' && set('LUCCA_TRAINING_API_KEY'));
  if (command === 'run' && set('LUCCA_TRAINING_API_KEY'))
    problems.push(
      'LUCCA_TRAINING_API_KEY: only `sync360 history` takes the Training key; remove it from the sync job (give it to the history workflow alone).',
    );
  if (command === 'history') problems.push(...historyProblems(source));
  const pair = (a: string, b: string, why: string): void => {
    if (set(a) !== set(b))
      problems.push(`${set(a) ? b : a}: set it too (${a} and ${b} go together), ${why}`);
  };
  pair('LUCCA_BASE_URL', 'LUCCA_API_KEY', 'or unset both to use --input or the demo.');
  pair('SLACK_BOT_TOKEN', 'SLACK_CHANNEL_ID', 'or unset both to run without Slack.');
  if (set('SLACK_HR_CHANNEL_ID') && !set('SLACK_BOT_TOKEN'))
    problems.push('SLACK_HR_CHANNEL_ID: needs SLACK_BOT_TOKEN and SLACK_CHANNEL_ID too.');
  if (set('SFTP_HOST')) {
    if (!set('SFTP_USERNAME'))
      problems.push('SFTP_USERNAME: required with SFTP_HOST; set the login 360Learning gave you.');
    if (!set('SFTP_PRIVATE_KEY') && !set('SFTP_PASSWORD'))
      problems.push(
        'SFTP_PRIVATE_KEY / SFTP_PASSWORD: one is required with SFTP_HOST; set the key (PEM text) or the password.',
      );
    if (requirePins && !set('SFTP_HOST_KEY_SHA256'))
      problems.push(
        'SFTP_HOST_KEY_SHA256: required with SFTP_HOST (sync360 never connects to an unpinned server); run `sync360 doctor` or `ssh-keyscan <host> | ssh-keygen -lf -` and pin the SHA256:... fingerprint.',
      );
    if (set('API360_CLIENT_ID') && !history)
      problems.push(
        'SFTP_HOST / API360_CLIENT_ID: two destinations are configured; keep SFTP (unset API360_*) or the 360Learning API (unset SFTP_*).',
      );
  }
  for (const [needed, orphans] of orphansOf(set))
    problems.push(
      `${orphans.join(', ')}: set without ${needed}, so ${orphans.length === 1 ? 'it has' : 'they have'} no effect; set ${needed} too, or unset ${orphans.length === 1 ? 'it' : 'them'}.`,
    );
  pair('API360_CLIENT_ID', 'API360_CLIENT_SECRET', 'or unset both to deliver otherwise.');
  if (set('API360_CLIENT_ID') && !set('API360_DEFAULT_GROUP_ID') && !history)
    problems.push(
      'API360_DEFAULT_GROUP_ID: required with API360_CLIENT_ID (created users join that group as learners); set the group id.',
    );
  const key = unescapeKey(env.SFTP_PRIVATE_KEY ?? '');
  if (publicKey.test(key))
    problems.push(
      'SFTP_PRIVATE_KEY: this is a public key; paste the private key (the file without .pub, starting with -----BEGIN ... PRIVATE KEY-----) and give 360Learning the public one.',
    );
  else if (key !== '') {
    const problem = privateKeyProblem(key, env.SFTP_PASSPHRASE);
    if (problem !== null) problems.push(`SFTP_PRIVATE_KEY: ${problem}.`);
  }
  if (Array.isArray(env.SYNC360_ACTIVE_LABELS) && Array.isArray(env.SYNC360_INACTIVE_LABELS))
    problems.push(...labelConflicts(env));
  return problems;
};

/** Every variable the runner reads, each message naming the variable and its fix. */
const runnerSchema = (source: NodeJS.ProcessEnv, requirePins: boolean, command: string | null) =>
  z.object(runnerShape).superRefine(
    (env, context) => {
      for (const message of crossChecks(env, source, requirePins, command))
        context.addIssue({ code: 'custom', message, path: [] });
    },
    { when: () => true },
  );

/** What reports a failure (Slack, the step summary, the run link), read even when the rest is broken. */
const alertSchema = z.object(runnerShape).pick({
  SYNC360_TODAY: true,
  SYNC360_TIMEZONE: true,
  SLACK_BOT_TOKEN: true,
  SLACK_CHANNEL_ID: true,
  SLACK_HR_CHANNEL_ID: true,
  SLACK_API_URL: true,
  SYNC360_SLACK_THREAD: true,
  SYNC360_REQUESTED_BY: true,
  SYNC360_STATUS_BUTTONS: true,
  GITHUB_SERVER_URL: true,
  GITHUB_REPOSITORY: true,
  GITHUB_RUN_ID: true,
  GITHUB_ACTIONS: true,
  GITHUB_STEP_SUMMARY: true,
});
type AlertEnv = z.output<typeof alertSchema>;

const slackOf = (env: AlertEnv): SlackConfig | null =>
  env.SLACK_BOT_TOKEN === undefined || env.SLACK_CHANNEL_ID === undefined
    ? null
    : {
        token: env.SLACK_BOT_TOKEN,
        channel: env.SLACK_CHANNEL_ID,
        ...(env.SLACK_API_URL === undefined ? {} : { apiUrl: env.SLACK_API_URL }),
        hrChannel: env.SLACK_HR_CHANNEL_ID ?? null,
        thread: env.SYNC360_SLACK_THREAD ?? null,
        requestedBy: env.SYNC360_REQUESTED_BY ?? null,
        statusButtons: env.SYNC360_STATUS_BUTTONS,
      };

const alertOf = (env: AlertEnv, secrets: ReadonlyArray<string>): AlertConfig => ({
  secrets,
  today: env.SYNC360_TODAY ?? todayIn(env.SYNC360_TIMEZONE),
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
  const parsed = alertSchema.safeParse(source);
  if (parsed.success) return alertOf(parsed.data, secrets);
  return {
    secrets,
    today: todayIn('Europe/Paris'),
    slack: null,
    inGithubActions: source['GITHUB_ACTIONS']?.trim() === 'true',
    stepSummaryPath: isSet(source, 'GITHUB_STEP_SUMMARY')
      ? (source['GITHUB_STEP_SUMMARY'] ?? '').trim()
      : null,
    runUrl: null,
  };
};

const sftpOf = (env: RunnerEnv): SftpSettings | null =>
  env.SFTP_HOST === undefined
    ? null
    : {
        host: env.SFTP_HOST,
        port: env.SFTP_PORT,
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
        maxEmployees: env.LUCCA_MAX_EMPLOYEES,
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
  maxRecords: env.SYNC360_HISTORY_MAX_RECORDS,
  days: env.SYNC360_HISTORY_DAYS,
  timeZone: env.SYNC360_TIMEZONE,
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
  const parsed = runnerSchema(source, requirePins, command).safeParse(source);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) =>
        redactSecrets(
          issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
          secrets,
        ),
      ),
      alert: alertWhenBroken(source, secrets),
    };
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
      fileNameTemplate: env.SYNC360_FILE_NAME,
      outputDir: env.SYNC360_OUTPUT_DIR,
      stateDir: env.SYNC360_STATE_DIR,
      history: historyOf(env),
      rulesFile: env.SYNC360_RULES_FILE ?? null,
      maxRoleRemovals: env.SYNC360_MAX_ROLE_REMOVALS ?? null,
    },
  };
};

export const fileNameFor = (template: string, today: string): string =>
  template.replaceAll('{date}', today);
