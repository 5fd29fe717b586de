import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crons, job, loadWorkflow, REPO_ROOT, stepUsing, WORKFLOWS_DIR } from './workflow-files.js';

const workflow = loadWorkflow('sync360-reminders.yml');
const guard = job(workflow, 'guard');
const reminders = job(workflow, 'reminders');

describe('sync360-reminders.yml', () => {
  it('fires on weekdays at 07:00 and 08:00 UTC (09:00 Paris in summer and in winter)', () => {
    expect(crons(workflow)).toEqual(['0 7 * * 1-5', '0 8 * * 1-5']);
    expect(workflow.on.workflow_dispatch).toBeDefined();
  });

  // The guard step's own command, run as the workflow runs it, with each cron that fires: only the
  // firing whose slot is 09:xx in Paris proceeds, in winter (CET) and in summer (CEST).
  it.each([
    ['0 8 * * 1-5', '2026-01-15T08:02:00Z', true],
    ['0 7 * * 1-5', '2026-01-15T07:02:00Z', false],
    ['0 7 * * 1-5', '2026-07-16T07:02:00Z', true],
    ['0 8 * * 1-5', '2026-07-16T08:02:00Z', false],
  ])('the guard step lets the %s firing at %s proceed: %s', (cron, now, proceed) => {
    expect(crons(workflow)).toContain(cron);
    const step = guard.steps.find((s) => s.id === 'guard');
    expect(step?.env).toEqual({ GUARD_SCHEDULE: '${{ github.event.schedule }}' });
    const [pnpm, exec, tsx, script, ...args] = (step?.run ?? '').split(' ');
    expect([pnpm, exec, tsx]).toEqual(['pnpm', 'exec', 'tsx']);
    const dir = mkdtempSync(join(tmpdir(), 'sync360-reminders-guard-'));
    try {
      const output = join(dir, 'output');
      writeFileSync(output, '');
      const result = spawnSync(process.execPath, ['--import', 'tsx', script ?? '', ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'] ?? '',
          GITHUB_EVENT_NAME: 'schedule',
          GITHUB_OUTPUT: output,
          GUARD_SCHEDULE: cron,
          GUARD_NOW: now,
        },
      });
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(output, 'utf8')).toBe(`proceed=${String(proceed)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(reminders.if).toBe("needs.guard.outputs.proceed == 'true'");
    expect(guard.outputs?.['proceed']).toBe('${{ steps.guard.outputs.proceed }}');
  });

  it('has least permissions: contents read, plus actions read for the watchdog job', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(reminders.permissions).toEqual({ contents: 'read', actions: 'read' });
    expect(guard.permissions).toBeUndefined();
  });

  it('runs in production with timeouts, one at a time, never cancelled', () => {
    expect(reminders.environment).toBe('production');
    expect(reminders['timeout-minutes']).toBeLessThanOrEqual(30);
    expect(guard['timeout-minutes']).toBeLessThanOrEqual(15);
    expect(workflow.concurrency).toEqual({
      group: 'sync360-reminders',
      'cancel-in-progress': false,
    });
  });

  it('posts reminders, then runs the watchdog even when reminders failed', () => {
    const runs = reminders.steps.filter((s) => s.run?.startsWith('pnpm sync360') === true);
    expect(runs.map((s) => s.run)).toEqual([
      'pnpm sync360 reminders --notify',
      'pnpm sync360 watchdog',
    ]);
    expect(runs[1]?.if).toBe('${{ !cancelled() }}');
  });

  it('gives the watchdog a token and the nightly workflow to check', () => {
    const env = reminders.env ?? {};
    expect(env['GITHUB_TOKEN']).toBe('${{ secrets.GITHUB_TOKEN }}');
    expect(env['SYNC360_WORKFLOW']).toBe('sync360-nightly.yml');
    expect(existsSync(join(WORKFLOWS_DIR, 'sync360-nightly.yml'))).toBe(true);
    for (const name of ['LUCCA_API_KEY', 'SLACK_BOT_TOKEN']) {
      expect(env[name]).toBe(`\${{ secrets.${name} }}`);
    }
    for (const name of ['LUCCA_BASE_URL', 'SLACK_CHANNEL_ID', 'SYNC360_TIMEZONE']) {
      expect(env[name]).toBe(`\${{ vars.${name} }}`);
    }
  });

  it('routes names to the HR channel, with the Set-status buttons when the bot can write', () => {
    const env = reminders.env ?? {};
    for (const name of ['SLACK_HR_CHANNEL_ID', 'SYNC360_STATUS_BUTTONS', 'LUCCA_MAX_EMPLOYEES']) {
      expect(env[name], name).toBe(`\${{ vars.${name} }}`);
    }
    // The runner refuses the write key (exit 2): only the bot may hold it.
    expect(Object.keys(env)).not.toContain('LUCCA_WRITE_API_KEY');
  });

  it('uses Node 22 with the pnpm cache', () => {
    expect(stepUsing(reminders, 'actions/setup-node').with).toMatchObject({
      'node-version': 22,
      cache: 'pnpm',
    });
    for (const step of [...guard.steps, ...reminders.steps]) {
      expect(step.run ?? '').not.toContain('${{');
    }
  });
});
