import { isSync360Error } from '@sync360/core';
import { parseCommandLine } from './cli/args.js';
import { exitCodeFor, exitCodes } from './cli/exit-codes.js';
import { helpText } from './cli/help.js';
import { buildCommand } from './commands/build.js';
import { doctorCommand } from './commands/doctor.js';
import { remindersCommand } from './commands/reminders.js';
import { runCommand } from './commands/run.js';
import { watchdogCommand } from './commands/watchdog.js';
import { parseRunnerConfig } from './config/runner-config.js';
import { consoleIo, type Io } from './io.js';

const commands = {
  run: runCommand,
  build: buildCommand,
  reminders: remindersCommand,
  watchdog: watchdogCommand,
  doctor: doctorCommand,
} as const;

const main = async (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Promise<number> => {
  let io: Io = consoleIo([]);
  try {
    const { command, flags } = parseCommandLine(argv);
    if (flags.help || command === null) {
      (command === null && !flags.help ? io.err : io.out)(helpText(command));
      return command === null && !flags.help ? exitCodes.config : exitCodes.ok;
    }
    const parsed = parseRunnerConfig(env, { pinOptional: command === 'doctor' });
    if (!parsed.ok) {
      io.err('Configuration error — fix these environment variables:');
      for (const problem of parsed.problems) io.err(`  - ${problem}`);
      return exitCodes.config;
    }
    io = consoleIo(parsed.config.secrets);
    return await commands[command](flags, parsed.config, io);
  } catch (error) {
    if (isSync360Error(error)) {
      io.err(`Error [${error.code}]: ${error.message}`);
      io.err(`What to do: ${error.hint}`);
      return exitCodeFor(error.kind);
    }
    io.err(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (env['SYNC360_DEBUG'] === '1' && error instanceof Error) io.err(error.stack ?? '');
    return exitCodes.internal;
  }
};

process.exitCode = await main(process.argv.slice(2), process.env);
