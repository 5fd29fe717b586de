import { readdirSync } from 'node:fs';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeLuccaUsers } from '@sync360/testkit/lucca-users';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { root, runCli, spawnAndCollect } from './cli-harness.js';

const launcher = join(root, 'apps/runner/launch.mjs');
/** The builds in `apps/runner/dist`, each named by the newest source time it was built from. */
const builds = () =>
  readdirSync(join(root, 'apps/runner/dist'))
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
const launch = (args: ReadonlyArray<string>, cwd: string) =>
  spawnAndCollect(process.execPath, [launcher, ...args], { cwd });

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-launcher-');
});
afterEach(async () => dir.cleanup());

describe('pnpm sync360 (apps/runner/launch.mjs, the runner bundled to JavaScript)', () => {
  it('writes the same file and prints the same report as the TypeScript sources through tsx', async () => {
    const input = join(dir.path, 'users.json');
    await writeFile(
      input,
      JSON.stringify({
        data: { items: makeLuccaUsers(300, { statusStyle: 'value-label', today: '2026-11-25' }) },
      }),
    );
    const bundled = await launch(['build', '--input', input, '--out', 'bundled.csv'], dir.path);
    const sources = await runCli(['build', '--input', input, '--out', 'sources.csv'], {
      cwd: dir.path,
    });
    expect(bundled.stderr).toBe(sources.stderr);
    expect(bundled.code).toBe(0);
    expect(sources.code).toBe(0);
    expect(bundled.stdout.replaceAll('bundled.csv', 'sources.csv')).toBe(sources.stdout);
    expect(await readFile(join(dir.path, 'bundled.csv'), 'utf8')).toBe(
      await readFile(join(dir.path, 'sources.csv'), 'utf8'),
    );
  }, 120_000);

  it('builds the bundle again when a source is newer, then runs it', async () => {
    const source = join(root, 'packages/core/src/dates.ts');
    expect((await launch(['--version'], dir.path)).code).toBe(0);
    const before = Math.max(...builds());
    // A source saved after the bundle was built, its content unchanged.
    const later = new Date(Math.max(before, Date.now()) + 1_000);
    await utimes(source, later, later);
    const result = await launch(['--version'], dir.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sync360 \d+\.\d+\.\d+\n$/);
    expect(builds()).toContain(Math.ceil(later.getTime()));
  }, 120_000);
});
