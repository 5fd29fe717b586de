import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { root, runCli } from './cli-harness.js';

const packageJson = z.object({ version: z.string() });

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-demo-');
});
afterEach(async () => dir.cleanup());

const readReport = async (path: string) =>
  reportSchema.parse(JSON.parse(await readFile(path, 'utf8')));

describe('sync360 run on the bundled demo', () => {
  it('delivers a labelled demo file with summary, problems and reminders, then reports unchanged', async () => {
    const first = await runCli(['run', '--report', 'report.json'], { cwd: dir.path });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('DEMO DATA');
    expect(first.stdout).toContain('no-baseline');
    // A first delivery says so, with its rows, before it says delivered.
    const firstLine = first.stdout.indexOf('first delivery: 33 rows');
    expect(firstLine).toBeGreaterThan(-1);
    expect(first.stdout.indexOf('Outcome: delivered')).toBeGreaterThan(firstLine);
    expect(first.stdout).toMatch(/onboarding\s+1025 Hugo Chevalier/);
    expect(first.stdout).toMatch(/offboarding\s+1021 François Dupont/);
    const report = await readReport(join(dir.path, 'report.json'));
    expect(report).toMatchObject({
      outcome: 'delivered',
      source: { kind: 'demo', demo: true, employees: 41 },
      sync360Version: packageJson.parse(
        JSON.parse(await readFile(join(root, 'package.json'), 'utf8')),
      ).version,
      changes: null,
      destination: { kind: 'local' },
    });
    expect(report.guard.reasons).toContain('no-baseline');
    expect(report.counts.errors).toBeGreaterThan(0);
    const delivered = await readFile(join(dir.path, 'out/users.csv'), 'utf8');
    expect(delivered.split('\n')[0]).toBe(
      'uniqueId,email,firstName,lastName,title,language,managerId,status',
    );
    expect(await readFile(join(dir.path, '.sync360/last-delivered.csv'), 'utf8')).toBe(delivered);
    expect(report.file?.rows).toBe(delivered.trim().split('\n').length - 1);

    const second = await runCli(['run', '--report', 'report.json'], { cwd: dir.path });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Changes: unchanged');
    const again = await readReport(join(dir.path, 'report.json'));
    expect(again.changes).toMatchObject({
      created: 0,
      updated: 0,
      deactivated: 0,
      dropped: 0,
      unchanged: report.file?.rows,
    });
  });

  it('dry run prints everything and delivers nothing', async () => {
    const result = await runCli(['run', '--dry-run'], { cwd: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dry run, nothing delivered');
    expect(existsSync(join(dir.path, 'out'))).toBe(false);
    expect(existsSync(join(dir.path, '.sync360/last-delivered.csv'))).toBe(false);
  });

  it('refuses to send demo data by SFTP', async () => {
    const result = await runCli(['run'], {
      cwd: dir.path,
      env: {
        SFTP_HOST: '127.0.0.1',
        SFTP_USERNAME: 'u',
        SFTP_PASSWORD: 'secret-pass',
        SFTP_HOST_KEY_SHA256: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Demo data is never delivered by SFTP');
    expect(result.stderr + result.stdout).not.toContain('secret-pass');
  });

  it('redacts names and emails under GitHub Actions and writes the step summary', async () => {
    const summary = join(dir.path, 'summary.md');
    await import('node:fs/promises').then((fs) => fs.writeFile(summary, ''));
    const result = await runCli(['run'], {
      cwd: dir.path,
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code).toBe(0);
    const printed = result.stdout + result.stderr + (await readFile(summary, 'utf8'));
    expect(printed).toContain('1025');
    for (const secretish of ['Chevalier', 'Hugo', '@exemple', 'Dupont'])
      expect(printed).not.toContain(secretish);
    expect(await readFile(summary, 'utf8')).toContain('## sync360 — delivered');
  });

  it('build writes the file and says so: no delivery, no baseline diff, no guard', async () => {
    const result = await runCli(['build', '--out', 'try/users.csv', '--json'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    const report = reportSchema.parse(JSON.parse(result.stdout));
    expect(report.source).toEqual({ kind: 'demo', demo: true, employees: 41 });
    const human = await runCli(['build', '--out', 'again.csv'], { cwd: dir.path });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Source: DEMO DATA');
    expect(human.stdout).toMatch(/^Outcome: written to again\.csv /m);
    expect(human.stdout).not.toMatch(/delivered to|Changes|Safety guard|no-baseline/);
    expect(existsSync(join(dir.path, '.sync360'))).toBe(false);
  });
});
