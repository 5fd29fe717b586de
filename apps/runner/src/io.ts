import { redactSecrets } from '@sync360/core';

/** Console output; everything printed passes through the secret filter. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const consoleIo = (secrets: ReadonlyArray<string>): Io => ({
  out: (line) => process.stdout.write(`${redactSecrets(line, secrets)}\n`),
  err: (line) => process.stderr.write(`${redactSecrets(line, secrets)}\n`),
});
