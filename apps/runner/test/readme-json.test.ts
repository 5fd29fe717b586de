import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { root, spawnAndCollect } from './cli-harness.js';

/** The README's own command line for JSON output, as written there. */
const readmeJsonLine = async (): Promise<string> => {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const line = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((match) => (match[1] ?? '').split('\n'))
    .find((candidate) => candidate.includes('sync360') && candidate.includes('--json'));
  if (line === undefined) throw new Error('README.md has no sh line running sync360 with --json');
  return line.trim();
};

// "`pnpm` means `npx -y pnpm@10.34.8`" (README): the real pnpm, with its banner and error line.
const pnpmFunction = 'pnpm() { npx -y pnpm@10.34.8 "$@"; }\n';

describe("the README's --json command line", () => {
  let state: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    state = await makeTempDir('sync360-readme-json-');
  });
  afterAll(async () => state.cleanup());

  const runLine = (line: string) =>
    spawnAndCollect('bash', ['-euo', 'pipefail', '-c', pnpmFunction + line], {
      cwd: root,
      env: {
        // npx finds its cached pnpm under the real HOME; the run's files go to a temp folder.
        HOME: process.env['HOME'] ?? state.path,
        SYNC360_STATE_DIR: join(state.path, 'state'),
        SYNC360_OUTPUT_DIR: join(state.path, 'out'),
      },
    });

  it('prints JSON alone on stdout: the report, and an error too', async () => {
    const line = await readmeJsonLine();
    expect(line).toMatch(/^pnpm -s sync360 /);
    const ok = await runLine(line);
    expect(ok.code, ok.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(ok.stdout));
    expect(report.outcome).toBe('dry-run');

    const failed = await runLine(`${line} --input missing-users.json`);
    expect(failed.code).toBe(2);
    expect(failed.stdout).not.toContain('ELIFECYCLE');
    const error = z
      .object({ error: z.object({ code: z.string(), message: z.string(), hint: z.string() }) })
      .parse(JSON.parse(failed.stdout));
    expect(error.error.code).toBe('input-unreadable');
  });
});
