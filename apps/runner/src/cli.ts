import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, redactSecrets, type ErrorKind } from '@sync360/core';
import { z } from 'zod';

export type CommandName = 'run' | 'build' | 'reminders' | 'watchdog' | 'doctor' | 'history';

export interface CliFlags {
  readonly help: boolean;
  readonly version: boolean;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly strict: boolean;
  readonly redact: boolean;
  readonly json: boolean;
  readonly notify: boolean;
  readonly report: string | null;
  readonly input: string | null;
  readonly definitions: string | null;
  readonly out: string | null;
  /** Lowercase hex: the whole sha256 of the approved file, or a prefix of at least 12 digits. */
  readonly approve: string | null;
}

interface CommandLine {
  readonly command: CommandName | null;
  readonly flags: CliFlags;
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

const options = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  approve: { type: 'string' },
  strict: { type: 'boolean' },
  redact: { type: 'boolean' },
  json: { type: 'boolean' },
  notify: { type: 'boolean' },
  report: { type: 'string' },
  input: { type: 'string' },
  definitions: { type: 'string' },
  out: { type: 'string' },
} as const;

type FlagName = keyof typeof options;

const valueName: Partial<Record<FlagName, string>> = {
  approve: 'SHA256',
  report: 'FILE',
  input: 'FILE',
  definitions: 'FILE',
  out: 'DIR',
};

const flagsByCommand: Record<CommandName, ReadonlyArray<FlagName>> = {
  run: [
    'dry-run',
    'force',
    'approve',
    'strict',
    'report',
    'input',
    'definitions',
    'out',
    'redact',
    'json',
  ],
  build: ['input', 'definitions', 'out', 'report', 'strict', 'redact', 'json'],
  reminders: ['input', 'definitions', 'notify', 'redact', 'json'],
  watchdog: ['json'],
  doctor: ['input', 'definitions', 'redact', 'json'],
  history: ['dry-run', 'approve', 'force', 'report', 'redact', 'json'],
};

const commandNames = Object.keys(flagsByCommand).join(', ');

const isCommand = (value: string): value is CommandName => value in flagsByCommand;
const isFlag = (value: string): value is FlagName => value in options;

const usageError = (message: string): ConfigError =>
  new ConfigError('usage', message, 'Run `sync360 --help` for the commands and flags.');

const flagList = (command: CommandName | null): string =>
  [...(command === null ? [] : flagsByCommand[command]), 'help']
    .map((flag) => {
      const value = isFlag(flag) ? valueName[flag] : undefined;
      return value === undefined ? `--${flag}` : `--${flag} ${value}`;
    })
    .join(', ');

const approvalOf = (value: string): string => {
  if (!/^[0-9a-f]{12,64}$/i.test(value))
    throw usageError(
      '--approve needs the sha256 of the file to deliver: its 64 hex digits, or at least its first 12 (as a preview prints them).',
    );
  return value.toLowerCase();
};

/** The command line as tokens, unknown flags included (they are reported, not thrown). */
const tokensOf = (argv: ReadonlyArray<string>) =>
  parseArgs({ args: [...argv], options, allowPositionals: true, strict: false, tokens: true })
    .tokens;

/** Finds the command, flags and values; every mistake is one short line naming what is valid. */
export const parseCommandLine = (argv: ReadonlyArray<string>): CommandLine => {
  const tokens = tokensOf(argv);
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const [name, ...extra] = positionals;
  if (name !== undefined && !isCommand(name))
    throw usageError(`Unknown command "${name}": the commands are ${commandNames}.`);
  const command = name ?? null;
  if (extra[0] !== undefined)
    throw usageError(
      `Unexpected argument "${extra[0]}": \`sync360 ${command ?? ''}\` takes flags only.`,
    );
  const values = new Map<FlagName, string | true>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const allowed = command === null ? [] : flagsByCommand[command];
    const flag = token.name;
    if (!isFlag(flag) || (!allowed.includes(flag) && flag !== 'help' && flag !== 'version'))
      throw usageError(
        command === null
          ? `Unknown flag ${token.rawName}: give a command first (${commandNames}), or --help, --version.`
          : `Unknown flag ${token.rawName} for \`sync360 ${command}\`: it takes ${flagList(command)}.`,
      );
    if (options[flag].type === 'boolean') {
      if (token.inlineValue === true) throw usageError(`${token.rawName} takes no value.`);
      values.set(flag, true);
      continue;
    }
    const value = token.value ?? '';
    if (value === '' || (token.inlineValue !== true && value.startsWith('-')))
      throw usageError(
        `${token.rawName} needs a value: ${token.rawName} ${valueName[flag] ?? 'VALUE'}.`,
      );
    values.set(flag, value);
  }
  const text = (flag: FlagName): string | null => {
    const value = values.get(flag);
    return typeof value === 'string' ? value : null;
  };
  const on = (flag: FlagName): boolean => values.get(flag) === true;
  if (values.has('definitions') && !values.has('input'))
    throw usageError(
      '--definitions only applies with --input FILE (the API source reads definitions itself).',
    );
  const approve = text('approve');
  return {
    command,
    flags: {
      help: on('help'),
      version: on('version'),
      dryRun: on('dry-run'),
      force: on('force'),
      strict: on('strict'),
      redact: on('redact'),
      json: on('json'),
      notify: on('notify'),
      report: text('report'),
      input: text('input'),
      definitions: text('definitions'),
      out: text('out'),
      approve: approve === null ? null : approvalOf(approve),
    },
  };
};

/**
 * What a `run` stopped by a usage or configuration error still honours: `--report FILE` when
 * that flag itself parsed.
 */
export const salvageFlags = (
  argv: ReadonlyArray<string>,
): { run: boolean; history: boolean; report: string | null } => {
  const tokens = tokensOf(argv);
  const report = tokens.find((token) => token.kind === 'option' && token.name === 'report');
  const reportValue = report?.kind === 'option' ? (report.value ?? '') : '';
  const command = tokens.find((token) => token.kind === 'positional')?.value;
  return {
    run: command === 'run',
    history: command === 'history',
    report:
      reportValue === '' ||
      (report?.kind === 'option' && report.inlineValue !== true && reportValue.startsWith('-'))
        ? null
        : reportValue,
  };
};

const versionSchema = z.object({ version: z.string() });

export const versionLine = (): string => {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return `sync360 ${versionSchema.parse(JSON.parse(text)).version}`;
};

const general = `sync360 — Lucca -> 360Learning user file, delivered nightly

Usage: sync360 <command> [flags]      sync360 --version

Commands:
  run         fetch -> build -> validate -> diff -> guard -> deliver -> report -> notify
  build       offline: --input Lucca users JSON in, --out 360 CSV out; prints the validation report
  reminders   employees whose 360 status an HR admin must set (--notify posts them to Slack)
  watchdog    alerts Slack when the nightly workflow had no successful run in 26 hours
  doctor      checks configuration and reaches every configured system
  history     records 360Learning completions as realized trainings in Lucca

Source (run, build, reminders, doctor): --input FILE [--definitions FILE] when given (it wins
over the API), else the Lucca API when LUCCA_BASE_URL and LUCCA_API_KEY are set, else the bundled
demo data.

Exit codes: 0 ok, 1 internal error, 2 usage/configuration, 3 blocked by the safety guard,
4 Lucca error, 5 delivery error, 6 --strict with data errors.
With --json, an error is printed on stdout as {"error":{"code","message","hint"}}.
Run \`sync360 <command> --help\` for its flags.`;

const byCommand: Record<CommandName, string> = {
  run: `Usage: sync360 run [flags]
  --dry-run            everything but delivery and state update; prints the diff
  --approve SHA256     deliver only the file with this sha256 (64 hex digits or a prefix of at
                       least 12, as a preview prints it), even if the safety guard trips;
                       a different file is not delivered (exit 3, approval-mismatch)
  --force              override the safety guard for whatever file is built (recorded)
  --strict             data errors fail the run (exit 6), nothing delivered
  --report FILE        write the JSON report (also when the run fails)
  --input FILE         Lucca users JSON instead of the API (--definitions FILE for entry-id
                       statuses); wins over LUCCA_BASE_URL/LUCCA_API_KEY
  --out DIR            deliver into DIR instead of the configured destination; the baseline of
                       a configured SFTP or API destination is compared, never replaced
  --redact             name employees by employee number only (default under GitHub Actions)
  --json               print the report as JSON instead of the human summary`,
  build: `Usage: sync360 build --input FILE --out FILE [--definitions FILE] [--report FILE] [--strict] [--json]
  Offline build: reads Lucca users JSON, writes the 360 CSV, prints the validation report.
  Without --input the source is chosen as for run (API when configured, else the demo).`,
  reminders: `Usage: sync360 reminders [--notify] [--json] [--input FILE [--definitions FILE]] [--redact]
  Lists onboarding, offboarding and fix-data tasks, most overdue first.
  --notify posts them to Slack.`,
  watchdog: `Usage: sync360 watchdog [--json]
  Reads the nightly workflow's recent runs (GITHUB_TOKEN, GITHUB_REPOSITORY) and alerts Slack when
  no successful run happened in the last 26 hours. Exit 0 healthy, 3 alerted.`,
  doctor: `Usage: sync360 doctor [--json] [--redact] [--input FILE [--definitions FILE]]
  One line per check (ok / FAIL + the fix); exit 0 only when every configured check passes.`,
  history: `Usage: sync360 history [--dry-run] [--approve SHA256] [--force] [--report FILE] [--json] [--redact]
  Records the 360Learning completions of the last SYNC360_HISTORY_DAYS days as realized trainings
  in Lucca (LUCCA_TRAINING_API_KEY). The plan and its sha256 are saved in the state folder; the
  first plan, and any plan above SYNC360_HISTORY_MAX_RECORDS writes, waits for review (exit 3).
  --dry-run            plan only: writes nothing, not even the plan file
  --approve SHA256     apply exactly the saved plan with this sha256 (64 hex digits or a prefix
                       of at least 12)
  --force              plan and apply at once, without review
  --report FILE        write the JSON report (also when the run fails)
  --redact             name employees by employee number only (default under GitHub Actions)
  --json               print the report as JSON instead of the human summary`,
};

export const helpText = (command: CommandName | null): string =>
  command === null ? general : byCommand[command];

/** Console output; everything printed passes through the secret filter. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const consoleIo = (secrets: ReadonlyArray<string>): Io => ({
  out: (line) => process.stdout.write(`${redactSecrets(line, secrets)}\n`),
  err: (line) => process.stderr.write(`${redactSecrets(line, secrets)}\n`),
});
