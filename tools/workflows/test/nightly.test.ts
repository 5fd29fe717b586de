import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DELIVER_JOB_NAME, PREVIEW_JOB_NAME, PREVIEW_TITLE_PREFIX } from '@sync360/github';
import { describe, expect, it } from 'vitest';
import { evaluateDryRunPick } from './expressions.js';
import { crons, job, loadWorkflow, REPO_ROOT, stepUsing, type Step } from './workflow-files.js';

const workflow = loadWorkflow('sync360-nightly.yml');
const guard = job(workflow, 'guard');
const sync = job(workflow, 'sync');

const runStep = (needle: string): Step => {
  const found = sync.steps.find((step) => step.run?.includes(needle) === true);
  if (found === undefined) throw new Error(`no run step with ${needle}`);
  return found;
};

const SECRETS = [
  'LUCCA_API_KEY',
  'SFTP_PRIVATE_KEY',
  'SFTP_PASSWORD',
  'SFTP_PASSPHRASE',
  'SLACK_BOT_TOKEN',
];
const VARIABLES = [
  'LUCCA_BASE_URL',
  'LUCCA_STATUS_FIELD',
  'SFTP_HOST',
  'SFTP_PORT',
  'SFTP_USERNAME',
  'SFTP_HOST_KEY_SHA256',
  'SFTP_REMOTE_DIR',
  'SYNC360_LEGAL_ENTITIES',
  'SYNC360_UNIQUE_ID',
  'SYNC360_ACTIVE_LABELS',
  'SYNC360_INACTIVE_LABELS',
  'SYNC360_FILE_NAME',
  'SYNC360_CSV_DELIMITER',
  'SYNC360_HEADER',
  'SYNC360_DEFAULT_LANGUAGE',
  'SYNC360_MAX_DEACTIVATIONS',
  'SYNC360_TIMEZONE',
  'SYNC360_ONBOARDING_LEAD_DAYS',
  'SLACK_CHANNEL_ID',
];

describe('sync360-nightly.yml', () => {
  it('fires at 01:07 and 02:07 UTC (03:07 Paris in summer and in winter)', () => {
    expect(crons(workflow)).toEqual(['7 1 * * *', '7 2 * * *']);
  });

  it('can be dispatched with dry_run (boolean) and requested_by (string), both in the run name', () => {
    expect(workflow.on.workflow_dispatch?.inputs).toEqual({
      dry_run: expect.objectContaining({ type: 'boolean', default: false }),
      requested_by: expect.objectContaining({ type: 'string' }),
    });
    const runName = workflow['run-name'] ?? '';
    expect(runName).toContain('inputs.requested_by');
    expect(runName).toContain(`inputs.dry_run && '${PREVIEW_TITLE_PREFIX}'`);
    expect(runName).toContain("'sync360 nightly'");
  });

  it('reads the repository only', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const current of Object.values(workflow.jobs)) expect(current.permissions).toBeUndefined();
  });

  it('has a guard job that runs the Paris-hour guard on the cron that fired', () => {
    expect(guard['timeout-minutes']).toBeLessThanOrEqual(15);
    expect(guard.outputs).toEqual({ proceed: '${{ steps.guard.outputs.proceed }}' });
    const step = guard.steps.find((s) => s.id === 'guard');
    expect(step?.run).toBe(
      'pnpm exec tsx tools/workflows/src/paris-hour-guard-cli.ts --hour 3 --time-zone Europe/Paris',
    );
    expect(step?.env).toEqual({ GUARD_SCHEDULE: '${{ github.event.schedule }}' });
  });

  it('syncs only when the guard says so, in production, with a timeout', () => {
    expect(sync.needs).toBe('guard');
    expect(sync.if).toBe("needs.guard.outputs.proceed == 'true'");
    expect(sync.environment).toBe('production');
    expect(sync['timeout-minutes']).toBeGreaterThan(0);
    expect(sync['timeout-minutes']).toBeLessThanOrEqual(60);
  });

  it('names the sync job deliver or preview, as the watchdog expects', () => {
    expect(evaluateDryRunPick(sync.name ?? '')).toEqual({
      whenDryRun: PREVIEW_JOB_NAME,
      otherwise: DELIVER_JOB_NAME,
    });
  });

  it('delivers one run at a time, never cancelled, previews in their own group', () => {
    expect(sync.concurrency?.['cancel-in-progress']).toBe(false);
    expect(evaluateDryRunPick(sync.concurrency?.group ?? '')).toEqual({
      whenDryRun: 'sync360-preview',
      otherwise: 'sync360-deliver',
    });
    // Only the sync job queues: a skipped firing must never replace a pending delivering run.
    expect(workflow.concurrency).toBeUndefined();
    expect(guard.concurrency).toBeUndefined();
  });

  it('uses Node 22 and the pinned pnpm with its cache', () => {
    const packageManager: unknown = JSON.parse(
      readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'),
    );
    expect(packageManager).toMatchObject({ packageManager: expect.stringMatching(/^pnpm@\d/) });
    for (const current of [guard, sync]) {
      expect(stepUsing(current, 'pnpm/action-setup').with?.['version']).toBeUndefined();
      expect(stepUsing(current, 'actions/setup-node').with).toMatchObject({
        'node-version': 22,
        cache: 'pnpm',
      });
      expect(current.steps.some((s) => s.run === 'pnpm install --frozen-lockfile')).toBe(true);
    }
  });

  it('restores the state before the run and saves it per run, only after success', () => {
    const restore = stepUsing(sync, 'actions/cache/restore');
    const save = stepUsing(sync, 'actions/cache/save');
    const run = runStep('pnpm sync360');
    expect(restore.with).toMatchObject({
      path: '.sync360/last-delivered.csv',
      'restore-keys': 'sync360-state-',
    });
    expect(String(restore.with?.['key'])).toMatch(/^sync360-state-/);
    expect(save.with).toEqual({
      path: '.sync360/last-delivered.csv',
      key: 'sync360-state-${{ github.run_id }}',
    });
    expect(save.if).toContain('success()');
    expect(save.if).toContain('!inputs.dry_run');
    expect(sync.env?.['SYNC360_STATE_DIR']).toBe('.sync360');
    const order = [restore, run, save].map((step) => sync.steps.indexOf(step));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('runs the CLI with a report, and --dry-run only for a preview', () => {
    const run = runStep('pnpm sync360');
    expect(run.run).toContain('args=(run --report reports/report.json)');
    expect(run.run).toContain('if [ "$DRY_RUN" = "true" ]; then args+=(--dry-run); fi');
    expect(run.env).toEqual({ DRY_RUN: '${{ inputs.dry_run }}' });
  });

  it('never expands an expression inside a shell script', () => {
    for (const current of [guard, sync]) {
      for (const step of current.steps) expect(step.run ?? '').not.toContain('${{');
    }
  });

  it('uploads the report for at most 7 days, even after a failure', () => {
    const upload = stepUsing(sync, 'actions/upload-artifact');
    expect(upload.with?.['path']).toBe('reports/report.json');
    expect(Number(upload.with?.['retention-days'])).toBeGreaterThanOrEqual(1);
    expect(Number(upload.with?.['retention-days'])).toBeLessThanOrEqual(7);
    expect(upload.if).toContain('!cancelled()');
  });

  it('maps every configuration variable from secrets.* or vars.*', () => {
    const env = sync.env ?? {};
    for (const name of SECRETS) expect(env[name], name).toBe(`\${{ secrets.${name} }}`);
    for (const name of VARIABLES) expect(env[name], name).toBe(`\${{ vars.${name} }}`);
  });
});
