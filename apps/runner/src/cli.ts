import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runnerShape, variablesHelp } from '@sync360/config';
import { ConfigError, redactSecrets, type ErrorKind } from '@sync360/core';
import { z } from 'zod';

export interface CliFlags {
  readonly help: boolean;
  readonly version: boolean;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly strict: boolean;
  readonly redact: boolean;
  readonly json: boolean;
  readonly notify: boolean;
  /** `rules`: list who each rule matches. */
  readonly names: boolean;
  readonly report: string | null;
  readonly input: string | null;
  readonly definitions: string | null;
  readonly out: string | null;
  /** Lowercase hex: the whole sha256 of the approved file, or a prefix of at least 12 digits. */
  readonly approve: string | null;
}

/** The command line, read once. On a mistake, `error` says it and the rest holds what parsed. */
interface CommandLine {
  readonly command: CommandName | 'help' | null;
  /** `sync360 help <command>`: the command asked about. */
  readonly topic: CommandName | null;
  readonly flags: CliFlags;
  readonly error: ConfigError | null;
}

export const exitCodes = {
  ok: 0,
  internal: 1,
  config: 2,
  guard: 3,
  source: 4,
  delivery: 5,
  strict: 6,
} as const;

export const exitCodeFor = (kind: ErrorKind): number => exitCodes[kind];

/** Every flag: its parser type, the name of its value, and its help line. */
const flagTable = {
  help: { type: 'boolean', short: 'h', help: 'this help' },
  version: { type: 'boolean', help: 'print sync360 and its version' },
  'dry-run': {
    type: 'boolean',
    help: 'everything but delivery and state update; prints the diff',
  },
  approve: {
    type: 'string',
    value: 'SHA256',
    help: 'deliver only the file with this sha256 (64 hex digits or a prefix of at least 12, as a preview prints it), even if the safety guard trips; a different file is not delivered (exit 3, approval-mismatch)',
  },
  force: {
    type: 'boolean',
    help: 'override the safety guard for whatever file is built (recorded in the report)',
  },
  strict: { type: 'boolean', help: 'data errors fail the command (exit 6), nothing written' },
  report: { type: 'string', value: 'FILE', help: 'write the JSON report (also when it fails)' },
  input: {
    type: 'string',
    value: 'FILE',
    help: 'Lucca users JSON instead of the API; wins over LUCCA_BASE_URL/LUCCA_API_KEY',
  },
  definitions: {
    type: 'string',
    value: 'FILE',
    help: 'with --input: the custom-field definitions, for statuses given as list-entry ids',
  },
  out: {
    type: 'string',
    value: 'DIR',
    help: 'deliver into DIR instead of the configured destination; the baseline of a configured SFTP or API destination is compared, never replaced',
  },
  redact: {
    type: 'boolean',
    help: 'name employees by employee number only (default under GitHub Actions)',
  },
  json: { type: 'boolean', help: 'print JSON instead of the human summary' },
  notify: { type: 'boolean', help: 'post the reminders to Slack' },
  names: {
    type: 'boolean',
    help: 'list who each rule matches (employee numbers only under GitHub Actions or --redact)',
  },
} as const;

type FlagName = keyof typeof flagTable;

interface CommandSpec {
  readonly summary: string;
  /** What the usage line shows before `[flags]`. */
  readonly usage?: string;
  /** More lines of the command's help. */
  readonly about: ReadonlyArray<string>;
  readonly flags: ReadonlyArray<FlagName>;
  /** This command's own words for some flags (value name and help). */
  readonly overrides?: Partial<
    Record<FlagName, { readonly value?: string; readonly help: string }>
  >;
}

/** Every command, its flags and help: the parser and every help text come from here. */
const commandTable = {
  run: {
    summary:
      'the nightly job: fetch -> build -> validate -> diff -> guard -> deliver -> report -> notify',
    about: [],
    flags: [
      'dry-run',
      'approve',
      'force',
      'strict',
      'report',
      'input',
      'definitions',
      'out',
      'redact',
      'json',
    ],
  },
  build: {
    summary: 'offline: Lucca users in, 360 CSV written to --out FILE; prints the validation report',
    usage: '--out FILE',
    about: [
      'Writes the file only: no baseline, no safety guard, no delivery, no state.',
      'The source is chosen as for run: --input FILE when given, else the Lucca API when',
      'LUCCA_BASE_URL and LUCCA_API_KEY are set, else the bundled demo data.',
    ],
    flags: ['out', 'input', 'definitions', 'report', 'strict', 'redact', 'json'],
    overrides: { out: { value: 'FILE', help: 'where to write the 360 CSV (required)' } },
  },
  reminders: {
    summary: 'employees whose 360 status an HR admin must set (--notify posts them to Slack)',
    about: ['Lists onboarding, offboarding and fix-data tasks, most overdue first.'],
    flags: ['input', 'definitions', 'notify', 'redact', 'json'],
  },
  watchdog: {
    summary: 'alerts Slack when the nightly workflow had no successful run in 26 hours',
    about: [
      "Reads the nightly workflow's recent runs (GITHUB_TOKEN, GITHUB_REPOSITORY).",
      'Exit 0 healthy, 3 alerted.',
    ],
    flags: ['json'],
  },
  doctor: {
    summary: 'checks the configuration and reaches every configured system',
    about: [
      'One line per check (ok / FAIL + the fix); exit 0 only when every configured check passes.',
    ],
    flags: ['input', 'definitions', 'redact', 'json'],
  },
  history: {
    summary: 'records 360Learning completions as realized trainings in Lucca',
    about: [
      'Reads the completions of the last SYNC360_HISTORY_DAYS days ending before today and records',
      'each in Lucca with LUCCA_TRAINING_API_KEY. The plan and its sha256 are saved in the state',
      'folder (history/history-plan.json); the first plan, and any plan above',
      'SYNC360_HISTORY_MAX_RECORDS writes, waits for a review (exit 3, history-review).',
    ],
    flags: ['dry-run', 'approve', 'force', 'report', 'redact', 'json'],
    overrides: {
      'dry-run': { help: 'plan only: writes nothing, not even the plan file' },
      approve: {
        value: 'SHA256',
        help: 'apply exactly the saved plan with this sha256 (64 hex digits or a prefix of at least 12), re-checking what Lucca already holds',
      },
      force: { help: 'plan and apply at once, without review' },
    },
  },
  rules: {
    summary: 'previews the group rules (SYNC360_RULES_FILE) on Lucca data, no 360Learning access',
    about: [
      'For each rule, how many Active employees it matches; each custom field filled or empty;',
      'the Active employees no group rule matches. The source is chosen as for run.',
    ],
    flags: ['input', 'definitions', 'names', 'redact', 'json'],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commandTable;

const commandNames = [...Object.keys(commandTable), 'help'].join(', ');

const isCommand = (value: string): value is CommandName => value in commandTable;
const isFlag = (value: string): value is FlagName => value in flagTable;

const usageError = (message: string): ConfigError =>
  new ConfigError('usage', message, 'Run `sync360 help` for the commands and flags.');

const spec = (command: CommandName): CommandSpec => commandTable[command];

const flagWords = (command: CommandName | null, flag: FlagName) => {
  const override = command === null ? undefined : spec(command).overrides?.[flag];
  const base: { readonly value?: string; readonly help: string } = flagTable[flag];
  return { value: override?.value ?? base.value, help: override?.help ?? base.help };
};

const flagName = (command: CommandName | null, flag: FlagName): string => {
  const { value } = flagWords(command, flag);
  return value === undefined ? `--${flag}` : `--${flag} ${value}`;
};

const flagList = (command: CommandName): string =>
  [...spec(command).flags, 'help' as const].map((flag) => flagName(command, flag)).join(', ');

const approvalOf = (value: string): string => {
  if (!/^[0-9a-f]{12,64}$/i.test(value))
    throw usageError(
      '--approve needs the sha256 of the file to deliver: its 64 hex digits, or at least its first 12 (as a preview prints them).',
    );
  return value.toLowerCase();
};

const noFlags: CliFlags = {
  help: false,
  version: false,
  dryRun: false,
  force: false,
  strict: false,
  redact: false,
  json: false,
  notify: false,
  names: false,
  report: null,
  input: null,
  definitions: null,
  out: null,
  approve: null,
};

/** Finds the command, flags and values; every mistake is one short line naming what is valid. */
export const parseCommandLine = (argv: ReadonlyArray<string>): CommandLine => {
  const { tokens } = parseArgs({
    args: [...argv],
    options: flagTable,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const [name, ...extra] = positionals;
  const command = name !== undefined && isCommand(name) ? name : null;
  const values = new Map<FlagName, string | true>();
  const problems: ConfigError[] = [];
  const fail = (message: string): void => {
    problems.push(usageError(message));
  };
  if (name !== undefined && name !== 'help' && command === null)
    fail(`Unknown command "${name}": the commands are ${commandNames}.`);
  const topic = name === 'help' && extra[0] !== undefined && isCommand(extra[0]) ? extra[0] : null;
  const unexpected = name === 'help' && topic !== null ? extra[1] : extra[0];
  if (unexpected !== undefined)
    fail(
      name === 'help'
        ? `Unknown command "${unexpected}": \`sync360 help\` takes one of ${Object.keys(commandTable).join(', ')}.`
        : `Unexpected argument "${unexpected}": \`sync360 ${name ?? ''}\` takes flags only.`,
    );
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = token.name;
    const allowed: ReadonlyArray<string> = command === null ? [] : spec(command).flags;
    if (!isFlag(flag) || (!allowed.includes(flag) && flag !== 'help' && flag !== 'version')) {
      fail(
        command === null
          ? `Unknown flag ${token.rawName}: give a command first (${commandNames}), or --help, --version.`
          : `Unknown flag ${token.rawName} for \`sync360 ${command}\`: it takes ${flagList(command)}.`,
      );
      continue;
    }
    if (flagTable[flag].type === 'boolean') {
      if (token.inlineValue === true) fail(`${token.rawName} takes no value.`);
      else values.set(flag, true);
      continue;
    }
    const value = token.value ?? '';
    if (value === '' || (token.inlineValue !== true && value.startsWith('-')))
      fail(`${token.rawName} needs a value: ${flagName(command, flag)}.`);
    else values.set(flag, value);
  }
  if (values.has('definitions') && !values.has('input'))
    fail('--definitions only applies with --input FILE (the API source reads definitions itself).');
  const text = (flag: FlagName): string | null => {
    const value = values.get(flag);
    return typeof value === 'string' ? value : null;
  };
  const on = (flag: FlagName): boolean => values.get(flag) === true;
  let approve: string | null = null;
  try {
    approve = text('approve') === null ? null : approvalOf(text('approve') ?? '');
  } catch (error) {
    if (error instanceof ConfigError) problems.push(error);
    else throw error;
  }
  return {
    command: name === 'help' ? 'help' : command,
    topic,
    error: problems[0] ?? null,
    flags: {
      ...noFlags,
      help: on('help'),
      version: on('version'),
      dryRun: on('dry-run'),
      force: on('force'),
      strict: on('strict'),
      redact: on('redact'),
      // `--json` anywhere on the line, even where it is a mistake, asks for errors as JSON.
      json: tokens.some((token) => token.kind === 'option' && token.name === 'json'),
      notify: on('notify'),
      names: on('names'),
      report: text('report'),
      input: text('input'),
      definitions: text('definitions'),
      out: text('out'),
      approve,
    },
  };
};

const rootPackage = z.object({ version: z.string() });

/** The version of the repository's package.json: `--version`, the report, Slack's footer. */
export const packageVersion = (): string =>
  rootPackage.parse(
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')),
  ).version;

const pad = (lines: ReadonlyArray<readonly [string, string]>, indent: string): string[] => {
  const width = Math.max(...lines.map(([left]) => left.length));
  return lines.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`);
};

const usageOf = (command: CommandName): string => {
  const { usage } = spec(command);
  return `sync360 ${command}${usage === undefined ? '' : ` ${usage}`} [flags]`;
};

const commandHelp = (command: CommandName): string =>
  [
    `Usage: ${usageOf(command)}`,
    `  ${spec(command).summary}`,
    ...spec(command).about.map((line) => `  ${line}`),
    'Flags:',
    ...pad(
      [...spec(command).flags, 'help' as const].map((flag) => [
        flagName(command, flag),
        flagWords(command, flag).help,
      ]),
      '  ',
    ),
  ].join('\n');

const general = (): string =>
  [
    'sync360 — Lucca -> 360Learning users, delivered nightly',
    '',
    'Usage: sync360 <command> [flags]      sync360 help [command]      sync360 --version',
    '',
    'Commands:',
    ...pad(
      [
        ...Object.keys(commandTable)
          .filter(isCommand)
          .map((command) => [command, spec(command).summary] as const),
        ['help', "the usage of every command (this text, then each command's)"] as const,
      ],
      '  ',
    ),
    '',
    'Source (run, build, reminders, doctor): --input FILE [--definitions FILE] when given (it wins',
    'over the API), else the Lucca API when LUCCA_BASE_URL and LUCCA_API_KEY are set, else the bundled',
    'demo data.',
    '',
    'Exit codes: 0 ok, 1 internal error, 2 usage/configuration, 3 blocked by the safety guard,',
    '4 Lucca error, 5 delivery error, 6 --strict with data errors.',
    'With --json, an error is printed on stdout as {"error":{"code","message","hint"}}.',
    '',
    'Environment variables:',
    variablesHelp(runnerShape),
  ].join('\n');

/** `--help` of a command, or the general help; `sync360 help` adds every command's. */
export const helpText = (command: CommandName | null, everything = false): string =>
  command !== null
    ? commandHelp(command)
    : everything
      ? [general(), ...Object.keys(commandTable).filter(isCommand).map(commandHelp)].join('\n\n')
      : `${general()}\n\nRun \`sync360 <command> --help\` for its flags, \`sync360 help\` for all.`;

/** Console output; everything printed passes through the secret filter. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const consoleIo = (secrets: ReadonlyArray<string>): Io => ({
  out: (line) => process.stdout.write(`${redactSecrets(line, secrets)}\n`),
  err: (line) => process.stderr.write(`${redactSecrets(line, secrets)}\n`),
});
