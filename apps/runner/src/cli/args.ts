import { parseArgs } from 'node:util';
import { usageError } from './usage-error.js';

export type CommandName = 'run' | 'build' | 'reminders' | 'watchdog' | 'doctor';

export interface CliFlags {
  readonly help: boolean;
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
}

export interface ParsedCommand {
  readonly command: CommandName | null;
  readonly flags: CliFlags;
}

const flagsByCommand: Record<CommandName, ReadonlyArray<string>> = {
  run: ['dry-run', 'force', 'report', 'input', 'definitions', 'out', 'strict', 'redact', 'json'],
  build: ['input', 'definitions', 'out', 'report', 'redact', 'json', 'strict'],
  reminders: ['input', 'definitions', 'notify', 'json', 'redact'],
  watchdog: ['json'],
  doctor: ['input', 'definitions', 'json'],
};

const options = {
  help: { type: 'boolean', short: 'h' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  strict: { type: 'boolean' },
  redact: { type: 'boolean' },
  json: { type: 'boolean' },
  notify: { type: 'boolean' },
  report: { type: 'string' },
  input: { type: 'string' },
  definitions: { type: 'string' },
  out: { type: 'string' },
} as const;

const isCommand = (value: string): value is CommandName => value in flagsByCommand;

export const parseCommandLine = (argv: ReadonlyArray<string>): ParsedCommand => {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (name !== undefined && !isCommand(name)) {
    throw usageError(
      `Unknown command "${name}".`,
      'Commands: run, build, reminders, watchdog, doctor (see `sync360 --help`).',
    );
  }
  if (extra.length > 0) throw usageError(`Unexpected argument "${extra[0] ?? ''}".`);
  if (name !== undefined) {
    const allowed = flagsByCommand[name];
    const given = Object.keys(values).filter((key) => key !== 'help');
    const wrong = given.find((key) => !allowed.includes(key));
    if (wrong !== undefined)
      throw usageError(
        `--${wrong} does not apply to \`sync360 ${name}\`.`,
        `Run \`sync360 ${name} --help\`.`,
      );
  }
  for (const key of ['report', 'input', 'definitions', 'out'] as const) {
    if (values[key] === '') throw usageError(`--${key} needs a path.`);
  }
  if (values.definitions !== undefined && values.input === undefined) {
    throw usageError(
      '--definitions only applies with --input FILE.',
      'Add --input FILE, or drop --definitions (the API source reads definitions itself).',
    );
  }
  return {
    command: name ?? null,
    flags: {
      help: values.help ?? false,
      dryRun: values['dry-run'] ?? false,
      force: values.force ?? false,
      strict: values.strict ?? false,
      redact: values.redact ?? false,
      json: values.json ?? false,
      notify: values.notify ?? false,
      report: values.report ?? null,
      input: values.input ?? null,
      definitions: values.definitions ?? null,
      out: values.out ?? null,
    },
  };
};
