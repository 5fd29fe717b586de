import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, user, writeUsers } from './cli-harness.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-input-');
});
afterEach(async () => dir.cleanup());

const readReport = async () =>
  reportSchema.parse(JSON.parse(await readFile(join(dir.path, 'report.json'), 'utf8')));
const inactive = { id: 1, value: { id: 2, name: 'Inactif' } };
const team = (count: number) => Array.from({ length: count }, (_, index) => user(100 + index));

describe('sync360 run --input', () => {
  it('maps nasty data, reports every problem with luccaId and never aborts on per-employee problems', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1, { firstName: 'Zoé "Zaza", la\nGrande', lastName: "D'Arc" }),
      user(2, { mail: 'JEANNE@x.fr', employeeNumber: '2' }, inactive),
      user(3, { mail: 'jeanne@X.FR' }),
      user(4, { employeeNumber: null }),
      user(5, { manager: { id: 5 }, jobTitle: '=HYPERLINK("x")' }),
    ]);
    const result = await runCli(
      ['run', '--input', input, '--report', 'report.json', '--out', 'delivered'],
      { cwd: dir.path },
    );
    expect(result.code).toBe(0);
    const report = await readReport();
    expect(report.source).toEqual({ kind: 'file', employees: 5 });
    expect(report.problems.map((problem) => [problem.luccaId, problem.code])).toEqual([
      ['2', 'duplicate-email-inactive-dropped'],
      ['4', 'missing-employee-number'],
      ['5', 'manager-self'],
      ['5', 'formula-like-value'],
    ]);
    expect(report.counts).toEqual({
      active: 3,
      inactive: 0,
      notExported: 2,
      errors: 1,
      warnings: 3,
    });
    const csv = await readFile(join(dir.path, 'delivered/users.csv'), 'utf8');
    expect(csv).toContain(
      '1,jeanne.martin1@exemple.fr,"Zoé ""Zaza"", la Grande",D\'Arc,Comptable,fr,,Active\n',
    );
    expect(report.reminders).toEqual([
      expect.objectContaining({ kind: 'fix-data', luccaId: '4', employeeNumber: null }),
    ]);
  });

  it.each([
    ['malformed JSON', '{"data": {"items": [', /not valid JSON/],
    ['a wrong shape', JSON.stringify({ users: [] }), /expected \{"data":\{"items"/],
    ['a user that is not an object', JSON.stringify({ data: { items: ['oops'] } }), /offset 0/],
  ])(
    'rejects %s with exit 2, naming the file, and delivers nothing',
    async (_, content, pattern) => {
      await writeFile(join(dir.path, 'bad.json'), content);
      const result = await runCli(['run', '--input', 'bad.json', '--report', 'report.json'], {
        cwd: dir.path,
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('bad.json');
      expect(result.stderr).toMatch(pattern);
      expect(existsSync(join(dir.path, 'out'))).toBe(false);
      expect((await readReport()).outcome).toBe('failed');
    },
  );

  it('an odd value in one user (number as mail, unreadable date) does not stop the run', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      { ...user(1), mail: 42 },
      user(2, { dtContractStart: 'tomorrow' }),
      user(3),
    ]);
    const result = await runCli(
      ['run', '--input', input, '--report', 'report.json', '--out', 'delivered'],
      { cwd: dir.path },
    );
    expect(result.code, result.stderr).toBe(0);
    const csv = await readFile(join(dir.path, 'delivered/users.csv'), 'utf8');
    expect(csv.split('\n').filter((line) => /^3,/.test(line))).toHaveLength(1);
    expect(csv).not.toMatch(/^1,/m);
    expect((await readReport()).outcome).toBe('delivered');
  });

  it('rejects an unreadable file and names the flag', async () => {
    const result = await runCli(['run', '--input', 'missing.json'], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--input missing.json: cannot read the file (ENOENT)');
  });

  it('asks for --definitions when statuses are entry ids, then resolves them', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1, {}, { id: 7, value: 84 }),
      user(2, {}, { id: 8, value: 85 }),
    ]);
    const without = await runCli(['run', '--input', input], { cwd: dir.path });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--definitions');
    await writeFile(
      join(dir.path, 'defs.json'),
      JSON.stringify({
        data: {
          items: [
            {
              id: 3,
              name: '360 status',
              code: '360_status',
              extensionUserPropertyListEntries: [
                { id: 84, name: 'Actif' },
                { id: 85, name: 'Inactif' },
              ],
            },
          ],
        },
      }),
    );
    const withDefinitions = await runCli(
      ['run', '--input', input, '--definitions', 'defs.json', '--report', 'report.json'],
      { cwd: dir.path },
    );
    expect(withDefinitions.code).toBe(0);
    expect((await readReport()).counts).toMatchObject({ active: 1, inactive: 1 });
  });

  it('names the missing status field and lists the custom fields that exist', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1, { extendedData: { e_badge: 'x', e_360_statut: 'Actif' } }),
    ]);
    const result = await runCli(['run', '--input', input], { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"e_360_status"');
    expect(result.stderr).toContain('e_360_statut, e_badge');
  });

  it('blocks too many deactivations (exit 3, state kept), previews it in a dry run, and --force delivers', async () => {
    const input = join(dir.path, 'users.json');
    await writeUsers(input, team(20));
    expect((await runCli(['run', '--input', input], { cwd: dir.path })).code).toBe(0);
    const state = await readFile(join(dir.path, '.sync360/last-delivered.csv'), 'utf8');
    await writeUsers(
      input,
      team(20).map((item, index) =>
        index < 6 ? { ...item, extendedData: { e_360_status: inactive } } : item,
      ),
    );
    const dryRun = await runCli(['run', '--input', input, '--dry-run', '--report', 'report.json'], {
      cwd: dir.path,
    });
    expect(dryRun.code).toBe(3);
    expect(await readReport()).toMatchObject({
      outcome: 'dry-run',
      guard: { tripped: true, reasons: ['too-many-deactivations'] },
    });
    const blocked = await runCli(['run', '--input', input, '--report', 'report.json'], {
      cwd: dir.path,
    });
    expect(blocked.code).toBe(3);
    expect(blocked.stdout).toMatch(/deactivated\s+100 Jeanne Martin100/);
    expect(await readReport()).toMatchObject({
      outcome: 'blocked',
      destination: null,
      changes: { deactivated: 6 },
    });
    expect(await readFile(join(dir.path, '.sync360/last-delivered.csv'), 'utf8')).toBe(state);
    const forced = await runCli(['run', '--input', input, '--force', '--report', 'report.json'], {
      cwd: dir.path,
    });
    expect(forced.code).toBe(0);
    expect(await readReport()).toMatchObject({ outcome: 'delivered', forced: true });
    expect(await readFile(join(dir.path, '.sync360/last-delivered.csv'), 'utf8')).not.toBe(state);
  });

  it('blocks an empty source (no-rows) and fails --strict on data errors with exit 6', async () => {
    const empty = await writeUsers(join(dir.path, 'empty.json'), []);
    expect((await runCli(['run', '--input', empty], { cwd: dir.path })).code).toBe(3);
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1),
      user(2, { mail: 'nope' }),
    ]);
    const strict = await runCli(['run', '--input', input, '--strict', '--report', 'report.json'], {
      cwd: dir.path,
    });
    expect(strict.code).toBe(6);
    expect(await readReport()).toMatchObject({
      outcome: 'failed',
      destination: null,
      file: { rows: 1 },
    });
    expect(existsSync(join(dir.path, 'out/users.csv'))).toBe(false);
  });

  it('honours delimiter, header, file name and unique-id settings', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1, { legalEntity: { id: 7 } }),
    ]);
    const env = {
      SYNC360_CSV_DELIMITER: ';',
      SYNC360_HEADER: 'a,b,c,d,e,f,g,h',
      SYNC360_FILE_NAME: 'users-{date}.csv',
      SYNC360_UNIQUE_ID: 'entity-employeeNumber',
    };
    expect((await runCli(['run', '--input', input], { cwd: dir.path, env })).code).toBe(0);
    expect(await readFile(join(dir.path, 'out/users-2026-11-25.csv'), 'utf8')).toBe(
      'a;b;c;d;e;f;g;h\n7-1;jeanne.martin1@exemple.fr;Jeanne;Martin1;Comptable;fr;;Active\n',
    );
  });

  it('recovers a stale lock left by a killed run', async () => {
    await mkdir(join(dir.path, '.sync360'), { recursive: true });
    await writeFile(join(dir.path, '.sync360/run.lock'), '999999 2026-01-01T00:00:00Z\n');
    expect((await runCli(['run'], { cwd: dir.path })).code).toBe(0);
    expect(existsSync(join(dir.path, '.sync360/run.lock'))).toBe(false);
  });
});
