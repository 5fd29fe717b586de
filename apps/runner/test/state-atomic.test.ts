import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { describe, expect, it } from 'vitest';
import { scene, statePath, team } from './api360-scene.js';
import { runCli, writeUsers } from './cli-harness.js';

// SPEC §7: the state is always either the previous or the new delivered file, and remembers which
// destination it belongs to (another destination's counts as no baseline).

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const recordPath = (dir: string): string => join(dir, '.sync360', 'last-delivered.json');

describe('the state is one atomic unit: the delivered file and its destination', () => {
  it('a run killed between writing the destination and the file keeps the previous state whole', async () => {
    const s = await scene(team(), { users: [] });
    const local = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
      runCli(['run', '--input', s.input, '--force', ...args], { cwd: s.dir, env });
    // 1. A local delivery: the state is this file, delivered locally.
    const first = await local([]);
    expect(first.code, first.stderr).toBe(0);
    const previous = await readFile(statePath(s.dir));

    // 2. Another destination (360Learning's API) and another file, killed exactly between the
    // state's two writes: SYNC360_TEST_CRASH_AT=state-commit makes the CLI SIGKILL itself there.
    const changed = team().map((item) => ({ ...item, jobTitle: 'Auditrice' }));
    await writeUsers(s.input, changed);
    const killed = await s.run(['--force'], { SYNC360_TEST_CRASH_AT: 'state-commit' });
    expect(killed.code, killed.stderr).not.toBe(0);
    expect(killed.stderr).not.toContain('Error [');
    expect(s.server.writes().length).toBeGreaterThan(0);

    // 3. The state is still the previous file, still the local destination's: a local preview of
    // that previous file finds every row unchanged (the new file paired with the local destination
    // would show the title changes; the new state would show no baseline).
    await writeUsers(s.input, team());
    const preview = await local(['--dry-run', '--report', 'preview.json']);
    expect(preview.code, preview.stderr).toBe(0);
    const report = reportSchema.parse(
      JSON.parse(await readFile(join(s.dir, 'preview.json'), 'utf8')),
    );
    expect(report.changes).toMatchObject({ created: 0, updated: 0, unchanged: team().length });
    expect(sha256(await readFile(statePath(s.dir)))).toBe(sha256(previous));
    // And the API destination sees another destination's state: no baseline.
    const api = await s.run(['--dry-run']);
    expect(api.code, api.stderr).toBe(0);
    const apiReport = await s.report();
    expect(apiReport.changes).toBeNull();
    expect(apiReport.warnings.join('\n')).toContain(
      'the last file delivered to another destination (local)',
    );
  });
});

describe('reading and migrating the state', () => {
  const setUp = async () => {
    const s = await scene(team(), { users: [] });
    await mkdir(join(s.dir, '.sync360'));
    const run = (args: ReadonlyArray<string>) =>
      runCli(['run', '--input', s.input, '--report', 'report.json', ...args], { cwd: s.dir });
    const report = async () =>
      reportSchema.parse(JSON.parse(await readFile(join(s.dir, 'report.json'), 'utf8')));
    return { s, run, report };
  };

  it('a damaged destination record is exit 2 naming the file and the fix; nothing is delivered', async () => {
    const { s, run, report } = await setUp();
    await writeFile(join(s.dir, '.sync360/last-delivered.csv'), 'uniqueId\n');
    await writeFile(recordPath(s.dir), '{"files":[{"sha256":');
    const result = await run([]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'Error [state-corrupt]: .sync360/last-delivered.json is damaged',
    );
    expect(result.stderr).toContain('What to do: Delete .sync360/last-delivered.json');
    expect((await report()).outcome).toBe('failed');
    expect(await readFile(join(s.dir, '.sync360/last-delivered.csv'), 'utf8')).toBe('uniqueId\n');
  });

  it("migrates today's two files: the old record names the file's destination, the next delivery binds them", async () => {
    const { s, run, report } = await setUp();
    // The state of an earlier version: the file, and a record naming only its destination.
    const delivered = await runCli(['run', '--input', s.input], { cwd: s.dir });
    expect(delivered.code, delivered.stderr).toBe(0);
    const file = await readFile(statePath(s.dir));
    await writeFile(recordPath(s.dir), `${JSON.stringify({ destination: 'local' })}\n`);
    expect((await run(['--dry-run'])).code).toBe(0);
    expect((await report()).changes).toMatchObject({ updated: 0, unchanged: team().length });
    await writeFile(recordPath(s.dir), `${JSON.stringify({ destination: 'sftp elsewhere' })}\n`);
    expect((await run(['--dry-run'])).code).toBe(0);
    expect((await report()).changes).toBeNull();

    await writeFile(recordPath(s.dir), `${JSON.stringify({ destination: 'local' })}\n`);
    await writeUsers(
      s.input,
      team().map((item) => ({ ...item, jobTitle: 'Auditrice' })),
    );
    const next = await run([]);
    expect(next.code, next.stderr).toBe(0);
    const now = await readFile(statePath(s.dir));
    expect(JSON.parse(await readFile(recordPath(s.dir), 'utf8'))).toEqual({
      files: [
        { sha256: sha256(now), destination: 'local' },
        { sha256: sha256(file), destination: 'local' },
      ],
    });
  });

  it('a last-delivered.csv put there by hand (unknown to the record) is the baseline', async () => {
    const { s, run, report } = await setUp();
    expect((await runCli(['run', '--input', s.input], { cwd: s.dir })).code).toBe(0);
    const restored = (await readFile(statePath(s.dir), 'utf8')).replace(/Comptable/g, 'Stagiaire');
    await writeFile(statePath(s.dir), restored);
    expect((await run(['--dry-run'])).code).toBe(0);
    expect((await report()).changes).toMatchObject({ updated: team().length - 1 });
  });
});
