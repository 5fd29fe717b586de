import {
  columnKeys,
  defaultPlanOptions,
  isCalendarDate,
  normalizeText,
  type PlanOptions,
} from '@sync360/core';
import { z } from 'zod';
import {
  booleanText,
  commaList,
  integerFrom,
  isTimeZone,
  luccaBaseUrl,
  optionalText,
  optionalUrl,
} from './parsers.js';

/** Where 360Learning's side of a variable lives, for the go-live guide's table. */
type Destination = 'sftp' | 'api360';

interface Variable {
  /** Never printed: read from the raw environment by the secret filter, even when invalid. */
  readonly secret: boolean;
  /** What applies when unset, as the help and the README show it. */
  readonly default?: string;
  /** The app cannot start without it. */
  readonly required?: boolean;
  /** The app refuses it when set (exit 2), with this fix. */
  readonly refused?: string;
  /** Set without this variable, it has no effect: the runner says so (exit 2). */
  readonly needs?: string;
  /** Only this destination reads it. */
  readonly destination?: Destination;
  /** Why the nightly workflow does not take it from its GitHub environment (sets or omits it). */
  readonly nightly?: string;
  /** One line: what it is, where to find it; also the fix when a required one is unset. */
  readonly help: string;
}

type Parser = z.ZodType<unknown, string | undefined>;

const about = new Map<z.ZodType, Variable>();

/** A variable's parser, with what the help, the README and the secret filter say of it. */
const variable = <T extends Parser>(parse: T, meta: Variable) => {
  const schema = z.string().optional().pipe(parse);
  about.set(schema, meta);
  return schema;
};

const required = <T>(name: string, schema: z.ZodType<T | undefined, string | undefined>) => {
  const meta = about.get(schema);
  const help = meta?.help ?? '';
  const strict = schema.transform((value, context): T => {
    if (value !== undefined) return value;
    context.addIssue({ code: 'custom', message: `${name} is not set: ${help}` });
    return z.NEVER;
  });
  about.set(strict, { secret: false, ...meta, help, required: true });
  return strict;
};

const refused = (name: string, schema: Parser, fix: string) => {
  const meta = about.get(schema);
  const refusal = optionalText.refine((value) => value === undefined, `${name}: ${fix}`);
  about.set(refusal, { secret: false, ...meta, help: meta?.help ?? '', refused: fix });
  return refusal;
};

const memberIds = (name: string) =>
  commaList.superRefine((ids, context) => {
    const bad = ids.filter((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
    if (bad.length > 0)
      context.addIssue({
        code: 'custom',
        message: `${name} must be a comma list of Slack member IDs such as U012ABCDEF (profile > ⋮ > Copy member ID); not member IDs: ${bad.join(', ')}`,
      });
  });

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

const withDefault = (fallback: string) => optionalText.transform((value) => value ?? fallback);

const orDefault = <T>(parse: z.ZodType<T | undefined, string | undefined>, fallback: T) =>
  parse.transform((value): T => value ?? fallback);

/** Variables both apps read (parsed the same way by both). */
const sharedVariables = {
  LUCCA_BASE_URL: variable(luccaBaseUrl, {
    secret: false,
    help: "Lucca tenant's origin only, e.g. https://acme.ilucca.net (no /api/v3); with LUCCA_API_KEY selects the API source",
  }),
  LUCCA_API_KEY: variable(
    optionalText.refine(
      (value) => value === undefined || /^[\x21-\x7e]+$/.test(value),
      'LUCCA_API_KEY holds spaces or characters that cannot go in an HTTP header: paste the key exactly as Lucca shows it',
    ),
    {
      secret: true,
      help: 'read-only Lucca API key (sent as `Authorization: lucca application=<key>`); the rights are in docs/go-live.md',
    },
  ),
  LUCCA_STATUS_FIELD: variable(withDefault('e_360_status'), {
    secret: false,
    default: 'e_360_status',
    help: 'key of the Active/Inactive list field in extendedData',
  }),
  SYNC360_LEGAL_ENTITIES: variable(commaList, {
    secret: false,
    default: 'all',
    help: 'comma list of legal-entity ids to export (managers are looked up among everyone)',
  }),
  SYNC360_UNIQUE_ID: variable(
    optionalText.pipe(
      z
        .enum(['employeeNumber', 'entity-employeeNumber'], {
          message: 'SYNC360_UNIQUE_ID must be employeeNumber or entity-employeeNumber',
        })
        .optional(),
    ),
    {
      secret: false,
      default: 'employeeNumber',
      help: 'or entity-employeeNumber (<legalEntityId>-<number>, managers too)',
    },
  ),
  SYNC360_ACTIVE_LABELS: variable(commaList, {
    secret: false,
    help: 'extra status labels meaning Active, e.g. Aktiv; a label in both lists (built-in ones included) is exit 2',
  }),
  SYNC360_INACTIVE_LABELS: variable(commaList, {
    secret: false,
    help: 'extra status labels meaning Inactive',
  }),
  SYNC360_DEFAULT_LANGUAGE: variable(
    optionalText.pipe(
      z
        .string()
        .transform((value) => value.toLowerCase())
        .pipe(
          z
            .string()
            .regex(
              /^[a-z]{2}$/,
              'SYNC360_DEFAULT_LANGUAGE must be a two-letter ISO 639-1 code such as fr',
            ),
        )
        .optional(),
    ),
    {
      secret: false,
      default: defaultPlanOptions.defaultLanguage,
      help: "two-letter language when an employee's is unknown (any case: EN is en)",
    },
  ),
  SYNC360_TIMEZONE: variable(
    orDefault(
      optionalText.pipe(
        z
          .string()
          .refine(isTimeZone, 'SYNC360_TIMEZONE must be an IANA time zone such as Europe/Paris')
          .optional(),
      ),
      'Europe/Paris',
    ),
    {
      secret: false,
      default: 'Europe/Paris',
      help: '"today" for reminders and {date}, times in messages',
    },
  ),
  SYNC360_TODAY: variable(
    optionalText.pipe(
      z
        .string()
        .refine(isCalendarDate, 'SYNC360_TODAY must be a real date written YYYY-MM-DD')
        .optional(),
    ),
    {
      secret: false,
      nightly: 'left out: a forgotten date would freeze today',
      help: 'YYYY-MM-DD, overrides today (tests)',
    },
  ),
  SYNC360_ONBOARDING_LEAD_DAYS: variable(integerFrom('SYNC360_ONBOARDING_LEAD_DAYS', 0, 365), {
    secret: false,
    default: String(defaultPlanOptions.onboardingLeadDays),
    help: 'remind this many days before a contract starts',
  }),
  SLACK_BOT_TOKEN: variable(
    optionalText.refine(
      (value) => value === undefined || value.startsWith('xoxb-'),
      'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page of the Slack app)',
    ),
    {
      secret: true,
      help: 'Bot User OAuth Token (xoxb-…) of the Slack app (OAuth & Permissions page); runner: with SLACK_CHANNEL_ID posts summaries and alerts',
    },
  ),
  SLACK_CHANNEL_ID: variable(
    optionalText.refine(
      (value) => value === undefined || /^[CGD][A-Z0-9]{2,}$/.test(value),
      'SLACK_CHANNEL_ID must be a channel ID such as C012ABCDEF (channel details > About, at the bottom)',
    ),
    {
      secret: false,
      help: 'ops channel (may be public): run summaries, alerts, request threads, watchdog alerts; never a name or an email',
    },
  ),
  SLACK_HR_CHANNEL_ID: variable(
    optionalText.refine(
      (value) => value === undefined || /^[CG][A-Z0-9]{2,}$/.test(value),
      'SLACK_HR_CHANNEL_ID must be the ID of a private channel such as G012ABCDEF (channel details > About, at the bottom)',
    ),
    {
      secret: false,
      help: 'private channel of HR admins: reminders, change lists and Set-status audit lines by name (refused unless private and not shared)',
    },
  ),
  SLACK_API_URL: variable(optionalUrl('SLACK_API_URL', 'https://slack.com/api/ (or unset)'), {
    secret: false,
    nightly: 'left out (tests)',
    default: "Slack's",
    help: 'Slack Web API base URL (tests point it at a local fake)',
  }),
  GITHUB_TOKEN: variable(optionalText, {
    secret: true,
    nightly: "the job's own token",
    help: 'fine-grained token on this repository with Actions: read and write (the bot dispatches the nightly workflow; watchdog reads its runs)',
  }),
  GITHUB_REPOSITORY: variable(
    optionalText.pipe(
      z
        .string()
        .regex(/^[\w.-]+\/[\w.-]+$/, 'GITHUB_REPOSITORY must be owner/name, e.g. acme/sync360')
        .optional(),
    ),
    {
      secret: false,
      nightly: 'set by GitHub Actions',
      help: 'owner/name of the repository with the workflow',
    },
  ),
  GITHUB_API_URL: variable(optionalUrl('GITHUB_API_URL', 'https://api.github.com (or unset)'), {
    secret: false,
    nightly: 'set by GitHub Actions',
    default: "GitHub's",
    help: 'GitHub REST API base URL (tests, GitHub Enterprise)',
  }),
  GITHUB_SERVER_URL: variable(
    orDefault(
      optionalUrl('GITHUB_SERVER_URL', 'https://github.com (or unset)'),
      'https://github.com',
    ),
    {
      secret: false,
      nightly: 'set by GitHub Actions',
      default: 'https://github.com',
      help: 'web address of GitHub, for links',
    },
  ),
  SYNC360_WORKFLOW: variable(withDefault('sync360-nightly.yml'), {
    secret: false,
    nightly: 'set by the workflow',
    default: 'sync360-nightly.yml',
    help: 'workflow file the bot dispatches and watchdog reads',
  }),
  SYNC360_GIT_REF: variable(withDefault('main'), {
    secret: false,
    nightly: 'left out (the bot only)',
    default: 'main',
    help: 'ref the bot dispatches the workflow on',
  }),
};

/** `sync360 history` only: `run` and the bot refuse it. */
const trainingApiKey = variable(
  optionalText.refine(
    (value) => value === undefined || /^[\x21-\x7e]+$/.test(value),
    'LUCCA_TRAINING_API_KEY holds spaces or characters that cannot go in an HTTP header: paste the key exactly as Lucca shows it',
  ),
  {
    secret: true,
    nightly: 'left out (the history workflow only; `run` refuses it)',
    help: '`history` only: a Lucca API key whose role has rights on the Training module (catalogue, realized trainings)',
  },
);

/** Variables only the bot reads; those the bot cannot start without are marked required here. */
const botVariables = {
  LUCCA_WRITE_API_KEY: variable(optionalText, {
    secret: true,
    help: 'a second Lucca key with the edit right on the HR-file section holding the status field: enables the Set-status buttons (the nightly job refuses it)',
  }),
  SLACK_SIGNING_SECRET: variable(optionalText, {
    secret: true,
    help: 'HTTP mode: verifies Slack requests (Basic Information > Signing Secret); not needed with SLACK_APP_TOKEN',
  }),
  SLACK_APP_TOKEN: variable(
    optionalText.refine(
      (value) => value === undefined || value.startsWith('xapp-'),
      'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write), or unset for HTTP mode',
    ),
    {
      secret: true,
      help: 'app-level token (xapp-…, scope connections:write): Socket Mode, no public URL',
    },
  ),
  SLACK_ALLOWED_USER_IDS: variable(memberIds('SLACK_ALLOWED_USER_IDS'), {
    secret: false,
    default: 'nobody',
    help: 'comma list of member IDs allowed to use /sync360 now, preview, pending and the Set-status buttons',
  }),
  SLACK_APPROVER_USER_IDS: variable(memberIds('SLACK_APPROVER_USER_IDS'), {
    secret: false,
    default: 'SLACK_ALLOWED_USER_IDS',
    help: 'member IDs allowed to press Approve and deliver (releasing the guard is riskier than a sync)',
  }),
  PORT: variable(orDefault(integerFrom('PORT', 0, 65535), 3000), {
    secret: false,
    default: '3000',
    help: 'HTTP mode: port of /slack/events',
  }),
  HEALTH_PORT: variable(integerFrom('HEALTH_PORT', 0, 65535), {
    secret: false,
    help: 'serve GET /healthz (200 ok) on this port, both modes; must differ from PORT in HTTP mode',
  }),
  LUCCA_TRAINING_API_KEY: refused(
    'LUCCA_TRAINING_API_KEY',
    trainingApiKey,
    'only `sync360 history` (its own workflow) takes the Training key; remove it from the bot.',
  ),
  SLACK_BOT_TOKEN: required('SLACK_BOT_TOKEN', sharedVariables.SLACK_BOT_TOKEN),
  GITHUB_TOKEN: required('GITHUB_TOKEN', sharedVariables.GITHUB_TOKEN),
  GITHUB_REPOSITORY: required('GITHUB_REPOSITORY', sharedVariables.GITHUB_REPOSITORY),
};

/** Variables only the runner reads, and those it refuses. */
const runnerVariables = {
  LUCCA_MAX_EMPLOYEES: variable(orDefault(integerFrom('LUCCA_MAX_EMPLOYEES', 1), 200_000), {
    secret: false,
    default: '200000',
    help: 'safety cap on users read: more is exit 4 (lucca-too-many), never an endless fetch',
  }),
  LUCCA_TIMEOUT_MS: variable(integerFrom('LUCCA_TIMEOUT_MS', 1, 600_000), {
    secret: false,
    default: '30000',
    help: 'timeout of each Lucca request (headers and body)',
  }),
  LUCCA_RETRIES: variable(integerFrom('LUCCA_RETRIES', 0, 20), {
    secret: false,
    default: '5',
    help: 'retries of 429/408/5xx/network errors',
  }),
  LUCCA_RETRY_DELAY_MS: variable(integerFrom('LUCCA_RETRY_DELAY_MS', 0, 600_000), {
    secret: false,
    default: '1000',
    help: 'first backoff step of those retries (doubles, with jitter)',
  }),
  SFTP_HOST: variable(optionalText, {
    secret: false,
    destination: 'sftp',
    help: "360Learning's SFTP server: selects SFTP delivery (unset: local delivery, or the API)",
  }),
  SFTP_PORT: variable(orDefault(integerFrom('SFTP_PORT', 1, 65535), 22), {
    secret: false,
    default: '22',
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'port of the SFTP server',
  }),
  SFTP_USERNAME: variable(optionalText, {
    secret: false,
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'the SFTP login 360Learning gave you',
  }),
  SFTP_PRIVATE_KEY: variable(optionalText, {
    secret: true,
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'private key as PEM text (`\\n` escapes accepted), or set SFTP_PASSWORD; a public key here is exit 2',
  }),
  SFTP_PASSWORD: variable(optionalText, {
    secret: true,
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'password login, instead of SFTP_PRIVATE_KEY',
  }),
  SFTP_PASSPHRASE: variable(optionalText, {
    secret: true,
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'passphrase of SFTP_PRIVATE_KEY, when it has one',
  }),
  SFTP_HOST_KEY_SHA256: variable(optionalText, {
    secret: false,
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'required with SFTP_HOST: pinned SHA256:<base64> fingerprint(s), comma-separated; a whole `ssh-keygen -lf` line works',
    // The runner reads the pins with the SFTP package's parser (kept out of this package).
  }),
  SFTP_REMOTE_DIR: variable(orDefault(optionalText, '.'), {
    secret: false,
    default: '.',
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: 'remote folder the connector reads; it must exist (never created: a missing one is exit 5)',
  }),
  SFTP_PGP_PUBLIC_KEY: variable(optionalText, {
    secret: false,
    needs: 'SFTP_HOST',
    destination: 'sftp',
    help: "360Learning's armored OpenPGP public key: the file is uploaded encrypted as <name>.pgp",
  }),
  SFTP_CONNECT_TIMEOUT_MS: variable(integerFrom('SFTP_CONNECT_TIMEOUT_MS', 1, 600_000), {
    secret: false,
    default: '20000',
    destination: 'sftp',
    help: 'connect and login timeout',
  }),
  SFTP_TIMEOUT_MS: variable(integerFrom('SFTP_TIMEOUT_MS', 1, 600_000), {
    secret: false,
    default: '30000',
    destination: 'sftp',
    help: 'timeout of each SFTP operation (the upload gets 1 s more per 64 KiB)',
  }),
  SFTP_ATTEMPTS: variable(integerFrom('SFTP_ATTEMPTS', 1, 10), {
    secret: false,
    default: '3',
    destination: 'sftp',
    help: 'attempts on transient errors (not on host key, login, permission, folder, disk full)',
  }),
  SFTP_RETRY_DELAY_MS: variable(integerFrom('SFTP_RETRY_DELAY_MS', 1, 600_000), {
    secret: false,
    default: '2000',
    destination: 'sftp',
    help: 'first retry delay of SFTP (doubles, with jitter)',
  }),
  API360_CLIENT_ID: variable(optionalText, {
    secret: false,
    destination: 'api360',
    help: '360Learning API v2 client id: with API360_CLIENT_SECRET and API360_DEFAULT_GROUP_ID selects delivery through the API',
  }),
  API360_CLIENT_SECRET: variable(optionalText, {
    secret: true,
    destination: 'api360',
    help: '360Learning API v2 client secret (scopes users:read and users:write)',
  }),
  API360_DEFAULT_GROUP_ID: variable(
    optionalText.refine(
      (value) => value === undefined || /^[0-9a-f]{24}$/i.test(value),
      'API360_DEFAULT_GROUP_ID must be the 24-hex-digit id of a 360Learning group (in the group URL)',
    ),
    {
      secret: false,
      needs: 'API360_CLIENT_ID',
      destination: 'api360',
      help: 'required with the API: 24-hex id of the 360Learning group created users join as learners (in the group URL)',
    },
  ),
  API360_COMPANY_ID: variable(optionalText, {
    secret: false,
    needs: 'API360_CLIENT_ID',
    destination: 'api360',
    help: 'company id sent with the token request, when 360Learning gave you one',
  }),
  API360_BASE_URL: variable(
    optionalUrl('API360_BASE_URL', 'https://app.360learning.com').transform((value) =>
      (value ?? 'https://app.360learning.com').replace(/\/+$/, ''),
    ),
    {
      secret: false,
      default: 'https://app.360learning.com',
      destination: 'api360',
      help: 'https://app.us.360learning.com on the US platform',
    },
  ),
  API360_SEND_INVITATIONS: variable(booleanText('API360_SEND_INVITATIONS', false), {
    secret: false,
    default: 'false',
    destination: 'api360',
    help: 'true sends 360Learning invitation emails to created users',
  }),
  API360_ACTIVATE_USERS: variable(booleanText('API360_ACTIVATE_USERS', false), {
    secret: false,
    default: 'false',
    destination: 'api360',
    help: 'true activates created users at once',
  }),
  SYNC360_FILE_NAME: variable(orDefault(fileName, 'users.csv'), {
    secret: false,
    default: 'users.csv',
    help: 'name of the delivered file; may contain {date} (today in SYNC360_TIMEZONE), the only placeholder',
  }),
  SYNC360_CSV_DELIMITER: variable(
    optionalText.pipe(
      z.enum([',', ';'], { message: 'SYNC360_CSV_DELIMITER must be "," or ";"' }).optional(),
    ),
    {
      secret: false,
      default: ',',
      help: ', or ;',
    },
  ),
  SYNC360_HEADER: variable(header, {
    secret: false,
    default: columnKeys.join(','),
    help: 'eight distinct comma-separated names, to rename the columns',
  }),
  SYNC360_OUTPUT_DIR: variable(withDefault('./out'), {
    secret: false,
    default: './out',
    help: 'local delivery folder (no SFTP_HOST nor API360_CLIENT_ID)',
  }),
  SYNC360_STATE_DIR: variable(withDefault('./.sync360'), {
    secret: false,
    nightly: 'set by the workflow (.sync360, kept in its cache)',
    default: './.sync360',
    help: 'the state (last delivered file) and the run lock; a file or a read-only place is exit 2',
  }),
  SYNC360_MAX_DEACTIVATIONS: variable(integerFrom('SYNC360_MAX_DEACTIVATIONS', 0), {
    secret: false,
    default: 'max(5, 10% of previously Active)',
    help: 'cap on deactivations per run (the safety guard)',
  }),
  SYNC360_RULES_FILE: variable(optionalText, {
    secret: false,
    help: 'YAML file of group rules and custom fields, API destination only (README, "Group rules and custom fields")',
  }),
  SYNC360_MAX_ROLE_REMOVALS: variable(integerFrom('SYNC360_MAX_ROLE_REMOVALS', 0), {
    secret: false,
    default: 'max(5, 10% of the managed roles file users hold)',
    help: 'cap on group roles removed per run (groups left by the learner cascade and custom values cleared count too)',
  }),
  SYNC360_DEBUG: variable(optionalText, {
    secret: false,
    nightly: 'left out',
    help: '1 prints the stack of an unexpected error',
  }),
  SYNC360_SLACK_THREAD: variable(optionalText, {
    secret: false,
    nightly: 'set by the workflow (the /sync360 thread)',
    help: '<channel>:<ts> of the Slack message that asked for this run',
  }),
  SYNC360_REQUESTED_BY: variable(optionalText, {
    secret: false,
    nightly: 'set by the workflow (who asked in Slack)',
    help: 'Slack member who started or approved this run, named in Slack as who asked or approved',
  }),
  SYNC360_STATUS_BUTTONS: variable(booleanText('SYNC360_STATUS_BUTTONS', false), {
    secret: false,
    default: 'false',
    help: "true adds Set Active / Set Inactive buttons to the HR channel's reminder list (when the bot has LUCCA_WRITE_API_KEY)",
  }),
  GITHUB_RUN_ID: variable(optionalText, {
    secret: false,
    nightly: 'set by GitHub Actions',
    help: 'the run linked from Slack',
  }),
  GITHUB_ACTIONS: variable(optionalText, {
    secret: false,
    nightly: 'set by GitHub Actions',
    help: 'true turns redaction on',
  }),
  GITHUB_STEP_SUMMARY: variable(optionalText, {
    secret: false,
    nightly: 'set by GitHub Actions',
    help: 'the job summary file',
  }),
  LUCCA_TRAINING_API_KEY: trainingApiKey,
  SYNC360_HISTORY_KINDS: variable(
    commaList.pipe(
      z
        .array(
          z.enum(['paths', 'courses'], {
            message: 'SYNC360_HISTORY_KINDS must list paths, courses or both (comma-separated)',
          }),
        )
        .transform((kinds) => (kinds.length === 0 ? ['paths'] : [...new Set(kinds)])),
    ),
    {
      secret: false,
      nightly: 'left out (the history workflow only)',
      default: 'paths',
      help: '`history`: what is recorded in Lucca, paths, courses or paths,courses',
    },
  ),
  SYNC360_HISTORY_CREATE_TRAININGS: variable(
    booleanText('SYNC360_HISTORY_CREATE_TRAININGS', false),
    {
      secret: false,
      nightly: 'left out (the history workflow only)',
      default: 'false',
      help: '`history`: true creates a missing Lucca training (title only) instead of warning',
    },
  ),
  SYNC360_HISTORY_MAX_RECORDS: variable(
    orDefault(integerFrom('SYNC360_HISTORY_MAX_RECORDS', 0), 200),
    {
      secret: false,
      nightly: 'left out (the history workflow only)',
      default: '200',
      help: '`history`: a plan with more writes than this waits for a review (exit 3)',
    },
  ),
  SYNC360_HISTORY_DAYS: variable(orDefault(integerFrom('SYNC360_HISTORY_DAYS', 1, 3660), 30), {
    secret: false,
    nightly: 'left out (the history workflow only)',
    default: '30',
    help: '`history`: the window of completions read, in days before today',
  }),
  LUCCA_WRITE_API_KEY: refused(
    'LUCCA_WRITE_API_KEY',
    botVariables.LUCCA_WRITE_API_KEY,
    'the nightly job only reads Lucca; give the write key to the bot alone and remove it here.',
  ),
};

/** The runner's shape: `z.object` of it parses the nightly job's environment. */
export const runnerShape = { ...sharedVariables, ...runnerVariables };
/** The bot's shape. */
export const botShape = { ...sharedVariables, ...botVariables };

type Shape = Readonly<Record<string, z.ZodType>>;
type Row = readonly [string, Variable];

const rowsOf = (shape: Shape, withRefused = false): ReadonlyArray<Row> =>
  Object.entries(shape).flatMap(([name, schema]) => {
    const meta = about.get(schema);
    return meta === undefined || (meta.refused !== undefined && !withRefused)
      ? []
      : [[name, meta] as const];
  });

interface EveryRow {
  readonly name: string;
  readonly meta: Variable;
  /** How each app reads it; undefined when the app does not. */
  readonly runner: Variable | undefined;
  readonly bot: Variable | undefined;
}

/** Every variable once, with how each app reads it. */
const everyRow = (): ReadonlyArray<EveryRow> => {
  const runner = new Map(rowsOf(runnerShape));
  const bot = new Map(rowsOf(botShape));
  return [...new Set([...runner.keys(), ...bot.keys()])].flatMap((name) => {
    const meta = runner.get(name) ?? bot.get(name);
    return meta === undefined ? [] : [{ name, meta, runner: runner.get(name), bot: bot.get(name) }];
  });
};

/** The runner's variables the nightly workflow takes from its GitHub environment. */
export const nightlyNames = rowsOf(runnerShape)
  .filter(([, meta]) => meta.nightly === undefined)
  .map(([name, meta]) => ({ name, secret: meta.secret }));

/** The runner's variables set without the one they need, grouped by what they need. */
export const orphansOf = (
  isSetName: (name: string) => boolean,
): ReadonlyArray<readonly [string, ReadonlyArray<string>]> => {
  const byNeed = new Map<string, string[]>();
  for (const [name, meta] of rowsOf(runnerShape))
    if (meta.needs !== undefined && isSetName(name) && !isSetName(meta.needs))
      byNeed.set(meta.needs, [...(byNeed.get(meta.needs) ?? []), name]);
  return [...byNeed];
};

const valueOf = (source: NodeJS.ProcessEnv, name: string): string => (source[name] ?? '').trim();

/** Empty and blank values count as unset: CI systems often export empty variables. */
export const isSet = (source: NodeJS.ProcessEnv, name: string): boolean =>
  valueOf(source, name) !== '';

/** Keys often arrive with their line breaks written as `\\n` (one-line secret stores). */
export const unescapeKey = (key: string): string => key.replace(/\\n/g, '\n');

/**
 * Every secret value of the raw environment (so even a broken one stays hidden), plus each long
 * line of a key, so a quoted fragment is scrubbed too; longest first.
 */
export const secretsOf = (source: NodeJS.ProcessEnv): string[] => {
  const values = everyRow()
    .filter(({ meta }) => meta.secret)
    .map(({ name }) => valueOf(source, name))
    .filter((value) => value !== '');
  const lines = values
    .flatMap((value) => unescapeKey(value).split(/\r?\n/))
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [...new Set([...values, ...values.map(unescapeKey), ...lines])].sort(
    (a, b) => b.length - a.length,
  );
};

/** What applies when unset, as `--help` and the README say it; null when nothing does. */
const fallbackOf = (meta: Variable): string | null =>
  meta.required === true
    ? 'required'
    : meta.default === undefined
      ? null
      : `default: ${meta.default}`;

/** `--help`'s list: one line per variable of the shape, with its default or "required". */
export const variablesHelp = (shape: Shape): string => {
  const list = rowsOf(shape);
  const width = Math.max(...list.map(([name]) => name.length));
  return list
    .map(([name, meta]) => {
      const notes = [meta.secret ? 'secret' : null, fallbackOf(meta)].filter(
        (note) => note !== null,
      );
      return `  ${name.padEnd(width)}  ${meta.help}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`;
    })
    .join('\n');
};

const markdownTable = (
  header: ReadonlyArray<string>,
  body: ReadonlyArray<ReadonlyArray<string>>,
): string => {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: ReadonlyArray<string>): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join(
    '\n',
  );
};

const code = (text: string): string => `\`${text}\``;
const cell = (text: string): string => text.replaceAll('|', '\\|');

/** The README's table of the shape's variables; a test keeps the README equal to it. */
export const variablesMarkdown = (shape: Shape): string =>
  markdownTable(
    ['variable', 'secret', 'when unset', 'meaning'],
    rowsOf(shape).map(([name, meta]) => {
      const fallback = fallbackOf(meta);
      return [
        code(name),
        meta.secret ? 'secret' : '',
        fallback === null ? '—' : cell(fallback.replace(/^default: (.*)$/, '`$1`')),
        cell(meta.help),
      ];
    }),
  );

const destinationNames: Record<Destination, string> = { sftp: 'SFTP only', api360: 'API v2 only' };

/**
 * The go-live guide's table: for each variable an operator sets, the destination that reads it
 * and where it goes: the GitHub environment of the nightly job (secret or variable) and the
 * bot's environment.
 */
export const goLiveMarkdown = (): string =>
  markdownTable(
    ['variable', 'destination', 'GitHub environment `production`', 'bot'],
    everyRow()
      .filter(({ runner, bot }) => bot !== undefined || runner?.nightly === undefined)
      .map(({ name, meta, runner, bot }) => {
        const kind = meta.secret ? 'secret' : 'variable';
        return [
          code(name),
          meta.destination === undefined ? 'any' : destinationNames[meta.destination],
          runner === undefined ? '—' : (runner.nightly ?? kind),
          bot === undefined ? '—' : bot.required === true ? `${kind}, required` : kind,
        ];
      }),
  );
type PlanEnv = Pick<
  z.output<z.ZodObject<typeof sharedVariables>>,
  | 'LUCCA_STATUS_FIELD'
  | 'SYNC360_LEGAL_ENTITIES'
  | 'SYNC360_UNIQUE_ID'
  | 'SYNC360_ACTIVE_LABELS'
  | 'SYNC360_INACTIVE_LABELS'
  | 'SYNC360_DEFAULT_LANGUAGE'
  | 'SYNC360_ONBOARDING_LEAD_DAYS'
>;

const labelKey = (label: string): string => normalizeText(label).toLowerCase();

/**
 * A label listed as both Active and Inactive (built-in labels included) cannot be read; an
 * empty list means every problem is named here, with the variables to fix.
 */
export const labelConflicts = (
  env: Pick<PlanEnv, 'SYNC360_ACTIVE_LABELS' | 'SYNC360_INACTIVE_LABELS'>,
): string[] => {
  const active = new Set(['active', 'actif', ...env.SYNC360_ACTIVE_LABELS.map(labelKey)]);
  const both = [
    ...new Set(['inactive', 'inactif', ...env.SYNC360_INACTIVE_LABELS.map(labelKey)]),
  ].filter((label) => active.has(label));
  return both.length === 0
    ? []
    : [
        `SYNC360_ACTIVE_LABELS / SYNC360_INACTIVE_LABELS: ${both.join(', ')} cannot mean both Active and Inactive; keep each label in one list (active, actif, inactive and inactif are built in)`,
      ];
};

/** Plan options from the shared variables; file-format settings stay at their defaults. */
export const planOptionsFromEnv = (env: PlanEnv): PlanOptions => ({
  ...defaultPlanOptions,
  legalEntities: env.SYNC360_LEGAL_ENTITIES.length > 0 ? env.SYNC360_LEGAL_ENTITIES : null,
  uniqueId: env.SYNC360_UNIQUE_ID ?? defaultPlanOptions.uniqueId,
  extraActiveLabels: env.SYNC360_ACTIVE_LABELS,
  extraInactiveLabels: env.SYNC360_INACTIVE_LABELS,
  defaultLanguage: env.SYNC360_DEFAULT_LANGUAGE ?? defaultPlanOptions.defaultLanguage,
  onboardingLeadDays: env.SYNC360_ONBOARDING_LEAD_DAYS ?? defaultPlanOptions.onboardingLeadDays,
});
