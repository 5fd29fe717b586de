import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crons, job, loadWorkflow, stepUsing, WORKFLOWS_DIR } from './workflow-files.js';

const workflow = loadWorkflow('sync360-reminders.yml');
const guard = job(workflow, 'guard');
const reminders = job(workflow, 'reminders');

describe('sync360-reminders.yml', () => {
  it('fires on weekdays at 07:00 and 08:00 UTC (09:00 Paris in summer and in winter)', () => {
    expect(crons(workflow)).toEqual(['0 7 * * 1-5', '0 8 * * 1-5']);
    expect(workflow.on.workflow_dispatch).toBeDefined();
  });

  it('guards on 09:xx Paris time', () => {
    const step = guard.steps.find((s) => s.id === 'guard');
    expect(step?.run).toBe(
      'pnpm exec tsx tools/workflows/src/paris-hour-guard-cli.ts --hour 9 --time-zone Europe/Paris',
    );
    expect(step?.env).toEqual({ GUARD_SCHEDULE: '${{ github.event.schedule }}' });
    expect(reminders.if).toBe("needs.guard.outputs.proceed == 'true'");
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
