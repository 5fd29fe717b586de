import {
  booleanText,
  labelConflicts,
  commaList,
  integerFrom,
  luccaBaseUrl,
  optionalText,
  optionalUrl,
  planEnvShape,
} from '@sync360/config';
import { columnKeys } from '@sync360/core';
// The settings module alone: parsing the environment never loads the SFTP or PGP clients.
import { parseHostKeyPins, privateKeyProblem } from '@sync360/sftp/settings';
import { z } from 'zod';

const channelId = (name: string) =>
  optionalText.refine(
    (value) => value === undefined || /^[CGD][A-Z0-9]{2,}$/.test(value),
    `${name} must be a channel ID such as C012ABCDEF (channel details > About, at the bottom)`,
  );

/**
 * What a failed run needs to be loud (Slack, the step summary, the run link): parsed on its own
 * too, so a configuration error elsewhere is still reported there.
 */
export const alertEnvShape = {
  SYNC360_TODAY: planEnvShape.SYNC360_TODAY,
  SYNC360_TIMEZONE: planEnvShape.SYNC360_TIMEZONE,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_CHANNEL_ID: channelId('SLACK_CHANNEL_ID'),
  SLACK_HR_CHANNEL_ID: channelId('SLACK_HR_CHANNEL_ID'),
  SLACK_API_URL: optionalUrl('SLACK_API_URL', 'https://slack.com/api/ (or unset)'),
  SYNC360_SLACK_THREAD: optionalText,
  SYNC360_STATUS_BUTTONS: booleanText('SYNC360_STATUS_BUTTONS', false),
  GITHUB_SERVER_URL: optionalText,
  GITHUB_REPOSITORY: optionalText.pipe(
    z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'GITHUB_REPOSITORY must be owner/name, e.g. acme/sync360')
      .optional(),
  ),
  GITHUB_RUN_ID: optionalText,
  GITHUB_ACTIONS: optionalText,
  GITHUB_STEP_SUMMARY: optionalText,
};

const placeholders = /\{([^{}]*)\}/g;

const fileName = optionalText.superRefine((name, context) => {
  if (name === undefined) return;
  if (/[/\\]/.test(name) || name === '.' || name === '..')
    context.addIssue({
      code: 'custom',
      message: 'SYNC360_FILE_NAME must be a plain file name without folders, e.g. users-{date}.csv',
    });
  const unknown = [...name.matchAll(placeholders)]
    .map((match) => match[0])
    .filter((placeholder) => placeholder !== '{date}');
  if (unknown.length > 0)
    context.addIssue({
      code: 'custom',
      message: `SYNC360_FILE_NAME uses ${unknown.join(', ')}: the only placeholder is {date} (YYYY-MM-DD in SYNC360_TIMEZONE), e.g. users-{date}.csv`,
    });
});

const header = commaList.superRefine((names, context) => {
  if (names.length === 0) return;
  if (names.length !== columnKeys.length)
    context.addIssue({
      code: 'custom',
      message: `SYNC360_HEADER must list exactly eight comma-separated names (for ${columnKeys.join(',')}, in that order)`,
    });
  const seen = new Set<string>();
  const repeated = names.filter((name) => {
    const key = name.toLowerCase();
    const again = seen.has(key);
    seen.add(key);
    return again;
  });
  if (repeated.length > 0)
    context.addIssue({
      code: 'custom',
      message: `SYNC360_HEADER names ${[...new Set(repeated)].join(', ')} more than once: each of the eight columns needs its own name`,
    });
});

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

/** Every variable the runner reads, with the fix in each message. */
export const runnerEnvSchema = z.object({
  ...planEnvShape,
  ...alertEnvShape,
  LUCCA_BASE_URL: luccaBaseUrl,
  LUCCA_API_KEY: optionalText.refine(
    (value) => value === undefined || /^[\x21-\x7e]+$/.test(value),
    'LUCCA_API_KEY holds spaces or characters that cannot go in an HTTP header: paste the key exactly as Lucca shows it',
  ),
  LUCCA_TIMEOUT_MS: integerFrom('LUCCA_TIMEOUT_MS', 1, 600_000),
  LUCCA_RETRIES: integerFrom('LUCCA_RETRIES', 0, 20),
  LUCCA_RETRY_DELAY_MS: integerFrom('LUCCA_RETRY_DELAY_MS', 0, 600_000),
  LUCCA_MAX_EMPLOYEES: integerFrom('LUCCA_MAX_EMPLOYEES', 1),
  SFTP_HOST: optionalText,
  SFTP_PORT: integerFrom('SFTP_PORT', 1, 65535),
  SFTP_USERNAME: optionalText,
  SFTP_PRIVATE_KEY: optionalText,
  SFTP_PASSWORD: optionalText,
  SFTP_PASSPHRASE: optionalText,
  SFTP_HOST_KEY_SHA256: hostKeyPins,
  SFTP_REMOTE_DIR: optionalText.transform((value) => value ?? '.'),
  SFTP_PGP_PUBLIC_KEY: optionalText,
  SFTP_CONNECT_TIMEOUT_MS: integerFrom('SFTP_CONNECT_TIMEOUT_MS', 1, 600_000),
  SFTP_TIMEOUT_MS: integerFrom('SFTP_TIMEOUT_MS', 1, 600_000),
  SFTP_ATTEMPTS: integerFrom('SFTP_ATTEMPTS', 1, 10),
  SFTP_RETRY_DELAY_MS: integerFrom('SFTP_RETRY_DELAY_MS', 1, 600_000),
  API360_CLIENT_ID: optionalText,
  API360_CLIENT_SECRET: optionalText,
  API360_COMPANY_ID: optionalText,
  API360_BASE_URL: optionalUrl('API360_BASE_URL', 'https://app.360learning.com').transform(
    (value) => (value ?? 'https://app.360learning.com').replace(/\/+$/, ''),
  ),
  API360_DEFAULT_GROUP_ID: optionalText.refine(
    (value) => value === undefined || /^[0-9a-f]{24}$/i.test(value),
    'API360_DEFAULT_GROUP_ID must be the 24-hex-digit id of a 360Learning group (in the group URL)',
  ),
  API360_SEND_INVITATIONS: booleanText('API360_SEND_INVITATIONS', false),
  API360_ACTIVATE_USERS: booleanText('API360_ACTIVATE_USERS', false),
  SYNC360_FILE_NAME: fileName,
  SYNC360_CSV_DELIMITER: optionalText.pipe(
    z.enum([',', ';'], { message: 'SYNC360_CSV_DELIMITER must be "," or ";"' }).optional(),
  ),
  SYNC360_HEADER: header,
  SYNC360_OUTPUT_DIR: optionalText.transform((value) => value ?? './out'),
  SYNC360_STATE_DIR: optionalText.transform((value) => value ?? './.sync360'),
  SYNC360_MAX_DEACTIVATIONS: integerFrom('SYNC360_MAX_DEACTIVATIONS', 0),
  LUCCA_TRAINING_API_KEY: optionalText.refine(
    (value) => value === undefined || /^[\x21-\x7e]+$/.test(value),
    'LUCCA_TRAINING_API_KEY holds spaces or characters that cannot go in an HTTP header: paste the key exactly as Lucca shows it',
  ),
  SYNC360_HISTORY_KINDS: commaList.pipe(
    z
      .array(
        z.enum(['paths', 'courses'], {
          message: 'SYNC360_HISTORY_KINDS must list paths, courses or both (comma-separated)',
        }),
      )
      .transform((kinds) => (kinds.length === 0 ? ['paths'] : [...new Set(kinds)])),
  ),
  SYNC360_HISTORY_CREATE_TRAININGS: booleanText('SYNC360_HISTORY_CREATE_TRAININGS', false),
  SYNC360_HISTORY_MAX_RECORDS: integerFrom('SYNC360_HISTORY_MAX_RECORDS', 0),
  SYNC360_HISTORY_DAYS: integerFrom('SYNC360_HISTORY_DAYS', 1, 3660),
  GITHUB_TOKEN: optionalText,
  GITHUB_API_URL: optionalUrl('GITHUB_API_URL', 'https://api.github.com (or unset)'),
  SYNC360_WORKFLOW: optionalText.transform((value) => value ?? 'sync360-nightly.yml'),
  SYNC360_GIT_REF: optionalText.transform((value) => value ?? 'main'),
});

export type RunnerEnv = z.infer<typeof runnerEnvSchema>;

/** Values never to print, read from the raw environment so even a broken one stays hidden. */
const secretVariables = [
  'LUCCA_API_KEY',
  'LUCCA_WRITE_API_KEY',
  'LUCCA_TRAINING_API_KEY',
  'SFTP_PASSWORD',
  'SFTP_PRIVATE_KEY',
  'SFTP_PASSPHRASE',
  'API360_CLIENT_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'GITHUB_TOKEN',
] as const;

export const valueOf = (source: NodeJS.ProcessEnv, name: string): string =>
  (source[name] ?? '').trim();
export const isSet = (source: NodeJS.ProcessEnv, name: string): boolean =>
  valueOf(source, name) !== '';

/** Keys often arrive with their line breaks written as `\n` (one-line secret stores). */
export const unescapeKey = (key: string): string => key.replace(/\\n/g, '\n');

/** Every secret value, plus each long line of a key, so a quoted fragment is scrubbed too. */
export const secretsOf = (source: NodeJS.ProcessEnv): string[] => {
  const values = secretVariables.map((name) => valueOf(source, name)).filter((v) => v !== '');
  const lines = values
    .flatMap((value) => unescapeKey(value).split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [...new Set([...values, ...values.map(unescapeKey), ...lines])].sort(
    (a, b) => b.length - a.length,
  );
};

const publicKey =
  /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-\S+|sk-\S+)\s+AAAA|-----BEGIN (?:RSA |SSH2 |PGP )?PUBLIC KEY|---- BEGIN SSH2 PUBLIC KEY/;

const sftpVariables = [
  'SFTP_PORT',
  'SFTP_USERNAME',
  'SFTP_PRIVATE_KEY',
  'SFTP_PASSWORD',
  'SFTP_PASSPHRASE',
  'SFTP_HOST_KEY_SHA256',
  'SFTP_REMOTE_DIR',
  'SFTP_PGP_PUBLIC_KEY',
];

const labelLists = z.object({
  SYNC360_ACTIVE_LABELS: runnerEnvSchema.shape.SYNC360_ACTIVE_LABELS,
  SYNC360_INACTIVE_LABELS: runnerEnvSchema.shape.SYNC360_INACTIVE_LABELS,
});

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

/** Variables that only make sense together; checked on the raw values so they are always listed. */
export const crossProblems = (
  source: NodeJS.ProcessEnv,
  requirePins: boolean,
  command: string | null = null,
): string[] => {
  const problems: string[] = [];
  const set = (name: string): boolean => isSet(source, name);
  const pair = (a: string, b: string, why: string): void => {
    if (set(a) !== set(b))
      problems.push(`${set(a) ? b : a}: set it too (${a} and ${b} go together), ${why}`);
  };
  pair('LUCCA_BASE_URL', 'LUCCA_API_KEY', 'or unset both to use --input or the demo.');
  pair('SLACK_BOT_TOKEN', 'SLACK_CHANNEL_ID', 'or unset both to run without Slack.');
  if (set('SLACK_HR_CHANNEL_ID') && !set('SLACK_BOT_TOKEN'))
    problems.push('SLACK_HR_CHANNEL_ID: needs SLACK_BOT_TOKEN and SLACK_CHANNEL_ID too.');
  if (set('LUCCA_WRITE_API_KEY'))
    problems.push(
      'LUCCA_WRITE_API_KEY: the nightly job only reads Lucca; give the write key to the bot alone and remove it here.',
    );
  if (command === 'run' && set('LUCCA_TRAINING_API_KEY'))
    problems.push(
      'LUCCA_TRAINING_API_KEY: only `sync360 history` takes the Training key; remove it from the sync job (give it to the history workflow alone).',
    );
  if (command === 'history') problems.push(...historyProblems(source));
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
    if (set('API360_CLIENT_ID') && command !== 'history' && !set('LUCCA_TRAINING_API_KEY'))
      problems.push(
        'SFTP_HOST / API360_CLIENT_ID: two destinations are configured; keep SFTP (unset API360_*) or the 360Learning API (unset SFTP_*).',
      );
  } else {
    const orphans = sftpVariables.filter(set);
    if (orphans.length > 0)
      problems.push(
        `${orphans.join(', ')}: set without SFTP_HOST, so the file would not go by SFTP; set SFTP_HOST too, or unset them.`,
      );
  }
  pair('API360_CLIENT_ID', 'API360_CLIENT_SECRET', 'or unset both to deliver otherwise.');
  // History reads 360Learning but never delivers: its API client needs no default group.
  const historyOnly =
    command === 'history' || (command === 'doctor' && set('LUCCA_TRAINING_API_KEY'));
  if (set('API360_CLIENT_ID') && !set('API360_DEFAULT_GROUP_ID') && !historyOnly)
    problems.push(
      'API360_DEFAULT_GROUP_ID: required with API360_CLIENT_ID (created users join that group as learners); set the group id.',
    );
  const api360Orphans = ['API360_COMPANY_ID', 'API360_DEFAULT_GROUP_ID'].filter(set);
  if (!set('API360_CLIENT_ID') && !set('API360_CLIENT_SECRET') && api360Orphans.length > 0)
    problems.push(
      `${api360Orphans.join(', ')}: set without API360_CLIENT_ID and API360_CLIENT_SECRET; set those too, or unset them.`,
    );
  const key = unescapeKey(valueOf(source, 'SFTP_PRIVATE_KEY'));
  if (publicKey.test(key))
    problems.push(
      'SFTP_PRIVATE_KEY: this is a public key; paste the private key (the file without .pub, starting with -----BEGIN ... PRIVATE KEY-----) and give 360Learning the public one.',
    );
  else if (key !== '') {
    const problem = privateKeyProblem(key, valueOf(source, 'SFTP_PASSPHRASE') || undefined);
    if (problem !== null) problems.push(`SFTP_PRIVATE_KEY: ${problem}.`);
  }
  const labels = labelLists.safeParse(source);
  if (labels.success) problems.push(...labelConflicts(labels.data));
  return problems;
};
