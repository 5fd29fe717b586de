import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, user, writeUsers, type UserItem } from './cli-harness.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-approve-');
});
afterEach(async () => dir.cleanup());

const inactive = { id: 1, value: { id: 2, name: 'Inactif' } };
const leaver = (id: number, overrides: Partial<UserItem> = {}): UserItem =>
  user(id, overrides, inactive);
const readReport = async () =>
  reportSchema.parse(JSON.parse(await readFile(join(dir.path, 'report.json'), 'utf8')));
const sha256Of = async (path: string): Promise<string | null> =>
  existsSync(path)
    ? createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
    : null;
const delivered = () => sha256Of(join(dir.path, 'out/users.csv'));
const state = () => sha256Of(join(dir.path, '.sync360/last-delivered.csv'));
const run = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  runCli(['run', '--input', 'users.json', '--report', 'report.json', ...args], {
    cwd: dir.path,
    env,
  });

describe('first delivery and approvals bound to the file', () => {
  it('a first file of mostly Inactive rows is blocked; only its exact sha256 releases it', async () => {
    // 2 Active and 58 Inactive: against an empty file, 58 deactivations > max(5, 10% of 2).
    const ids = Array.from({ length: 58 }, (_, index) => 200 + index);
    await writeUsers(join(dir.path, 'users.json'), [
      user(1),
      user(2),
      ...ids.map((id) => leaver(id)),
    ]);
    const summary = join(dir.path, 'summary.md');
    await writeFile(summary, '');
    const ci = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };

    const blocked = await run([], ci);
    expect(blocked.code, blocked.stderr).toBe(3);
    const report = await readReport();
    const sha = report.file?.sha256 ?? '';
    expect(report).toMatchObject({
      outcome: 'blocked',
      changes: null,
      destination: null,
      forced: false,
      approvedSha256: null,
      guard: { tripped: true, reasons: ['too-many-deactivations', 'no-baseline'] },
    });
    expect(report.changeList.filter((change) => change.kind === 'deactivated')).toHaveLength(58);
    expect(report.changeList.filter((change) => change.kind === 'created')).toHaveLength(2);
    expect(report.changeList.every((change) => change.fields.length === 0)).toBe(true);
    // Employee numbers by category, the first 50 then "and N more", on the console and the summary.
    const listed = `deactivated (58): ${ids.slice(0, 50).join(', ')} … and 8 more`;
    expect(blocked.stdout).toContain(listed);
    expect(blocked.stdout).toContain('created (2): 1, 2');
    expect(await readFile(summary, 'utf8')).toContain(`- ${listed}`);
    expect(blocked.stdout).toContain(`sync360 run --approve ${sha}`);
    expect(blocked.stdout).toMatch(/fix the data in Lucca and preview again/);
    expect(blocked.stdout).not.toContain('Jeanne');
    expect(await delivered()).toBeNull();
    expect(await state()).toBeNull();

    const wrong = await run(['--approve', 'ab'.repeat(32)]);
    expect(wrong.code, wrong.stderr).toBe(3);
    expect(await readReport()).toMatchObject({
      outcome: 'blocked',
      approvedSha256: null,
      guard: { tripped: true, reasons: expect.arrayContaining(['approval-mismatch']) },
      failure: {
        code: 'approval-mismatch',
        message: expect.stringContaining('Lucca changed since the preview: review the new one'),
      },
    });
    expect(await delivered()).toBeNull();

    const prefix = sha.slice(0, 12).toUpperCase();
    const preview = await run(['--dry-run', '--approve', prefix]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(await readReport()).toMatchObject({
      outcome: 'dry-run',
      forced: true,
      approvedSha256: sha,
    });
    expect(await delivered()).toBeNull();

    const approved = await run(['--approve', prefix]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(await readReport()).toMatchObject({
      outcome: 'delivered',
      forced: true,
      approvedSha256: sha,
      guard: { tripped: true },
    });
    expect(await delivered()).toBe(sha);
    expect(await state()).toBe(sha);
  });

  it('an approval binds any run: another file is refused even when the guard is fine', async () => {
    const team = Array.from({ length: 20 }, (_, index) => user(100 + index));
    await writeUsers(join(dir.path, 'users.json'), team);
    const first = await run([]);
    expect(first.code, first.stderr).toBe(0);
    const before = (await readReport()).file?.sha256 ?? '';
    await writeUsers(
      join(dir.path, 'users.json'),
      team.map((item, index) => (index === 0 ? { ...item, jobTitle: 'Directrice' } : item)),
    );
    const stale = await run(['--approve', before]);
    expect(stale.code).toBe(3);
    expect((await readReport()).failure?.code).toBe('approval-mismatch');
    expect(await delivered()).toBe(before);

    const preview = await run(['--dry-run']);
    expect(preview.code).toBe(0);
    const tonight = (await readReport()).file?.sha256 ?? '';
    const matching = await run(['--approve', tonight]);
    expect(matching.code, matching.stderr).toBe(0);
    // Nothing was tripped, so nothing was forced or released.
    expect(await readReport()).toMatchObject({
      outcome: 'delivered',
      forced: false,
      approvedSha256: null,
      changes: { updated: 1, unchanged: 19 },
      changeList: [{ uniqueId: '100', luccaId: '100', kind: 'updated', fields: ['title'] }],
    });
    expect(await delivered()).toBe(tonight);
  });

  it('a normal first file goes through; the change list names every kind with its fields', async () => {
    await writeUsers(join(dir.path, 'users.json'), [
      ...Array.from({ length: 18 }, (_, index) => user(100 + index)),
      leaver(150),
      leaver(151),
    ]);
    const first = await run([]);
    expect(first.code, first.stderr).toBe(0);
    const firstReport = await readReport();
    expect(firstReport).toMatchObject({ outcome: 'delivered', changes: null, forced: false });
    const kinds = (kind: string) => firstReport.changeList.filter((change) => change.kind === kind);
    expect(kinds('created')).toHaveLength(18);
    expect(kinds('deactivated').map((change) => change.uniqueId)).toEqual(['150', '151']);

    await writeUsers(join(dir.path, 'users.json'), [
      user(100, { jobTitle: 'Directrice', mail: 'directrice@exemple.fr' }),
      leaver(101),
      ...Array.from({ length: 15 }, (_, index) => user(103 + index)),
      user(150),
      leaver(151),
      user(300),
    ]);
    const second = await run([]);
    expect(second.code, second.stderr).toBe(0);
    const report = await readReport();
    expect(report.changes).toEqual({
      created: 1,
      updated: 1,
      deactivated: 1,
      reactivated: 1,
      dropped: 1,
      unchanged: 16,
    });
    expect(report.changeList).toEqual([
      { uniqueId: '100', luccaId: '100', kind: 'updated', fields: ['email', 'title'] },
      { uniqueId: '101', luccaId: '101', kind: 'deactivated', fields: ['status'] },
      { uniqueId: '102', luccaId: null, kind: 'dropped', fields: [] },
      { uniqueId: '150', luccaId: '150', kind: 'reactivated', fields: ['status'] },
      { uniqueId: '300', luccaId: '300', kind: 'created', fields: [] },
    ]);
  });

  it('--strict is decided before the guard: data errors and a tripped guard exit 6', async () => {
    await writeUsers(join(dir.path, 'users.json'), [
      user(1),
      user(2, { mail: 'not-an-address' }),
      ...Array.from({ length: 8 }, (_, index) => leaver(10 + index)),
    ]);
    const guardOnly = await run(['--dry-run']);
    expect(guardOnly.code).toBe(3);
    expect((await readReport()).guard.tripped).toBe(true);
    const strict = await run(['--strict']);
    expect(strict.code, strict.stderr).toBe(6);
    expect(await readReport()).toMatchObject({
      outcome: 'failed',
      failure: { code: 'data-errors' },
      guard: { tripped: true },
    });
    expect(await delivered()).toBeNull();
  });
});
