import { appendFileSync } from 'node:fs';
import { readGuardInput, USAGE, UsageError } from './guard-env.js';
import { decide } from './paris-hour-guard.js';

/**
 * `proceed=true|false` for the workflow's guard step (see paris-hour-guard.ts). Exit 0 with a
 * decision, 2 on a usage error (the step fails: better a red run than a silent skip).
 */
const main = (): number => {
  try {
    const input = readGuardInput(process.argv.slice(2), process.env);
    const decision = decide(input.event, input.now, input.timeZone, input.hour);
    process.stdout.write(`${decision.reason}\nproceed=${String(decision.proceed)}\n`);
    if (input.outputFile !== null) {
      appendFileSync(input.outputFile, `proceed=${String(decision.proceed)}\n`);
    }
    if (input.summaryFile !== null && !decision.proceed) {
      appendFileSync(input.summaryFile, `Skipped on purpose: ${decision.reason}.\n`);
    }
    return 0;
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n${error instanceof UsageError ? USAGE : ''}\n`);
    return 2;
  }
};

process.exitCode = main();
