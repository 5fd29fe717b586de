import { ConfigError, isSync360Error, messageOf, Sync360Error } from '@sync360/core';
import {
  consoleIo,
  exitCodeFor,
  exitCodes,
  helpText,
  parseCommandLine,
  packageVersion,
  type CliFlags,
  type CommandName,
  type Io,
} from './cli.js';
import { secretsOf } from '@sync360/config';
import { parseRunnerConfig, type AlertConfig, type RunnerConfig } from './config/runner-config.js';

type Command = (flags: CliFlags, config: RunnerConfig, io: Io) => Promise<number>;

// Each command's module loads only when it runs: `build` and `reminders` never pay for the SSH,
// PGP, GitHub or 360Learning clients (about a second of start-up through tsx).
const commands: Record<CommandName, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  build: async () => (await import('./commands/build.js')).buildCommand,
  reminders: async () => (await import('./commands/reminders.js')).remindersCommand,
  watchdog: async () => (await import('./commands/watchdog.js')).watchdogCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
  history: async () => (await import('./commands/history.js')).historyCommand,
  rules: async () => (await import('./commands/rules.js')).rulesCommand,
};

/** A usage error is one line; with `--json` every error is `{"error":{code,message,hint}}` on stdout. */
const printError = (error: Sync360Error, io: Io, json: boolean): void => {
  if (json) {
    const { code, message, hint } = error;
    io.out(JSON.stringify({ error: { code, message, hint } }));
  } else if (error.code === 'usage') io.err(`sync360: ${error.message}`);
  else {
    io.err(`Error [${error.code}]: ${error.message}`);
    io.err(`What to do: ${error.hint}`);
  }
};

/** Slack, step summary and secrets for a run that stopped on its command line. */
const alertOf = (env: NodeJS.ProcessEnv): AlertConfig => {
  const parsed = parseRunnerConfig(env, { requirePins: true });
  return parsed.ok ? parsed.config : parsed.alert;
};

const main = async (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Promise<number> => {
  const io = consoleIo(secretsOf(env));
  const line = parseCommandLine(argv);
  const { command, flags } = line;
  let alert: AlertConfig | null = null;
  let failure: Sync360Error;
  try {
    if (line.error !== null) throw line.error;
    if (flags.version) {
      io.out(`sync360 ${packageVersion()}`);
      return exitCodes.ok;
    }
    if (command === 'help' || flags.help || command === null) {
      const text =
        command === 'help' ? helpText(line.topic, line.topic === null) : helpText(command);
      (command === null && !flags.help ? io.err : io.out)(text);
      return command === null && !flags.help ? exitCodes.config : exitCodes.ok;
    }
    const parsed = parseRunnerConfig(env, { requirePins: command !== 'doctor', command });
    if (parsed.ok) return await (await commands[command]())(flags, parsed.config, io);
    alert = parsed.alert;
    failure = new ConfigError(
      'config-invalid',
      `Configuration error — fix these environment variables:\n${parsed.problems.map((problem) => `  - ${problem}`).join('\n')}`,
      'Each line names the variable and the fix (see README, "Configuration").',
    );
  } catch (error) {
    if (!isSync360Error(error)) {
      io.err(`Unexpected error: ${messageOf(error)}`);
      if (env['SYNC360_DEBUG'] === '1' && error instanceof Error) io.err(error.stack ?? '');
      return exitCodes.internal;
    }
    failure = error;
  }
  if (command === 'run' && failure.kind === 'config') {
    const { reportEarlyRunFailure } = await import('./commands/run.js');
    for (const warning of await reportEarlyRunFailure(failure, alert ?? alertOf(env), flags.report))
      io.err(`Warning: ${warning}`);
  }
  if (command === 'history' && failure.kind === 'config') {
    const { reportEarlyHistoryFailure } = await import('./commands/history.js');
    const where = alert ?? alertOf(env);
    for (const warning of await reportEarlyHistoryFailure(failure, where, flags.report))
      io.err(`Warning: ${warning}`);
  }
  printError(failure, io, flags.json);
  return exitCodeFor(failure.kind);
};

process.exitCode = await main(process.argv.slice(2), process.env);
