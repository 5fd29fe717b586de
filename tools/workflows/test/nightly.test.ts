import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DELIVER_JOB_NAME, PREVIEW_JOB_NAME, PREVIEW_TITLE_PREFIX } from '@sync360/github';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from './expressions.js';
import {
  crons,
  job,
  loadWorkflow,
  readWorkflow,
  REPO_ROOT,
  runBash,
  stepUsing,
  type Step,
} from './workflow-files.js';

const workflow = loadWorkflow('sync360-nightly.yml');
const guard = job(workflow, 'guard');
const sync = job(workflow, 'sync');

const runStep = (needle: string): Step => {
  const found = sync.steps.find((step) => step.run?.includes(needle) === true);
  if (found === undefined) throw new Error(`no run step with ${needle}`);
  return found;
};

/** What a dispatch (or, with `null`, a scheduled run) makes of an expression of the workflow. */
const withDryRun = (expression: string, dryRun: string | null, extra = {}) =>
  evaluate(expression, {
    contexts: { inputs: { dry_run: dryRun }, ...extra },
    functions: { success: () => true, hashFiles: () => 'a1b2' },
  });

const dir = mkdtempSync(join(tmpdir(), 'sync360-nightly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sync360-nightly.yml: schedule and dispatch', () => {
  it('fires at 01:07 and 02:07 UTC (03:07 Paris in summer and in winter)', () => {
    expect(crons(workflow)).toEqual(['7 1 * * *', '7 2 * * *']);
  });

  it('takes four string inputs, all optional and empty by default', () => {
    const inputs = workflow.on.workflow_dispatch?.inputs ?? {};
    expect(Object.keys(inputs).sort()).toEqual([
      'approve_sha256',
      'dry_run',
      'requested_by',
      'slack_thread',
    ]);
    for (const [name, input] of Object.entries(inputs)) {
      expect(input, name).toMatchObject({ type: 'string', default: '' });
      expect(input.required ?? false, name).toBe(false);
    }
  });

  it.each([
    ['true', 'U123', `${PREVIEW_TITLE_PREFIX} (requested by U123)`],
    ['false', 'U123', 'sync360 now (requested by U123)'],
    ['', 'U123', 'sync360 now (requested by U123)'],
    ['false', '', 'sync360 now (requested by octocat)'],
  ])('names a dispatch with dry_run %j by %j "%s"', (dryRun, requestedBy, title) => {
    const name = evaluate(workflow['run-name'] ?? '', {
      contexts: {
        github: { event_name: 'workflow_dispatch', triggering_actor: 'octocat' },
        inputs: { dry_run: dryRun, requested_by: requestedBy },
      },
      functions: {
        format: (template, ...args) =>
          String(template).replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])),
      },
    });
    expect(name).toBe(title);
  });

  it('names a scheduled run "sync360 nightly"', () => {
    const name = evaluate(workflow['run-name'] ?? '', {
      contexts: { github: { event_name: 'schedule' }, inputs: {} },
      functions: { format: () => 'unexpected' },
    });
    expect(name).toBe('sync360 nightly');
  });

  it("compares dry_run with == 'true' everywhere an expression reads it", () => {
    const text = readWorkflow('sync360-nightly.yml');
    const uses = [...text.matchAll(/inputs\.dry_run(.{0,12})/g)].map((match) => match[1] ?? '');
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const rest of uses) expect(rest).toMatch(/^( [!=]= 'true'| \}\})/);
    // The plain `${{ inputs.dry_run }}` only hands the string to a script that compares exactly.
    const plain = text.match(/\$\{\{ inputs\.dry_run \}\}/g) ?? [];
    expect(plain).toHaveLength(2);
  });
});

describe('sync360-nightly.yml: the guard job', () => {
  const check = guard.steps[0];

  it('first refuses a dry_run that is not exactly empty, false or true', () => {
    expect(check?.env).toEqual({ DRY_RUN: '${{ inputs.dry_run }}' });
    for (const value of ['', 'false', 'true']) {
      expect(runBash(check?.run ?? '', { DRY_RUN: value }).status, value).toBe(0);
    }
    for (const value of ['TRUE', 'True', 'yes', '1', ' true', 'true ', 'false\n']) {
      const result = runBash(check?.run ?? '', { DRY_RUN: value });
      expect(result.status, JSON.stringify(value)).not.toBe(0);
      expect(result.stdout).toMatch(/^::error::dry_run must be empty, false or true/);
    }
  });

  it('runs the Paris-hour guard on the cron that fired', () => {
    expect(guard['timeout-minutes']).toBeLessThanOrEqual(15);
    expect(guard.outputs).toEqual({ proceed: '${{ steps.guard.outputs.proceed }}' });
    const step = guard.steps.find((s) => s.id === 'guard');
    expect(step?.run).toBe(
      'pnpm exec tsx tools/workflows/src/paris-hour-guard-cli.ts --hour 3 --time-zone Europe/Paris',
    );
    expect(step?.env).toEqual({ GUARD_SCHEDULE: '${{ github.event.schedule }}' });
  });
});

describe('sync360-nightly.yml: the sync job', () => {
  it('syncs only when the guard says so, in production', () => {
    expect(sync.needs).toBe('guard');
    expect(sync.if).toBe("needs.guard.outputs.proceed == 'true'");
    expect(sync.environment).toBe('production');
  });

  it('gets minutes for SFTP and hours for the API (a first API delivery of a large tenant)', () => {
    const timeout = String(sync['timeout-minutes']);
    const minutesFor = (clientId: string) =>
      evaluate(timeout, { contexts: { vars: { API360_CLIENT_ID: clientId } } });
    expect(minutesFor('')).toBeGreaterThan(0);
    expect(minutesFor('')).toBeLessThanOrEqual(60);
    expect(minutesFor('0123456789abcdef')).toBeGreaterThanOrEqual(180);
    // GitHub-hosted runners stop a job after 6 hours whatever the timeout says.
    expect(minutesFor('0123456789abcdef')).toBeLessThanOrEqual(360);
  });

  it.each([
    ['true', PREVIEW_JOB_NAME, 'sync360-preview'],
    ['false', DELIVER_JOB_NAME, 'sync360-deliver'],
    ['', DELIVER_JOB_NAME, 'sync360-deliver'],
    [null, DELIVER_JOB_NAME, 'sync360-deliver'],
  ])('dry_run %j: job %s (as the watchdog reads it), group %s', (dryRun, name, group) => {
    expect(withDryRun(sync.name ?? '', dryRun)).toBe(name);
    expect(withDryRun(sync.concurrency?.group ?? '', dryRun)).toBe(group);
  });

  it('delivers one run at a time, never cancelled; only the sync job queues', () => {
    expect(sync.concurrency?.['cancel-in-progress']).toBe(false);
    // A skipped firing must never replace a pending delivering run.
    expect(workflow.concurrency).toBeUndefined();
    expect(guard.concurrency).toBeUndefined();
  });

  it('reads the repository only', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const current of Object.values(workflow.jobs)) expect(current.permissions).toBeUndefined();
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

  it('restores the state before the run, and saves it per run after a delivering success', () => {
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
    expect(sync.env?.['SYNC360_STATE_DIR']).toBe('.sync360');
    const order = [restore, run, save].map((step) => sync.steps.indexOf(step));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(withDryRun(save.if ?? '', 'true')).toBe(false);
    for (const dryRun of ['false', '', null]) expect(withDryRun(save.if ?? '', dryRun)).toBe(true);
    const failed = evaluate(save.if ?? '', {
      contexts: { inputs: { dry_run: 'false' } },
      functions: { success: () => false, hashFiles: () => 'a1b2' },
    });
    expect(failed).toBe(false);
  });

  it('runs the CLI with a report, --dry-run only for "true", --approve when given', () => {
    const run = runStep('pnpm sync360');
    expect(run.env).toEqual({
      DRY_RUN: '${{ inputs.dry_run }}',
      APPROVE_SHA256: '${{ inputs.approve_sha256 }}',
      SYNC360_SLACK_THREAD: '${{ inputs.slack_thread }}',
      SYNC360_REQUESTED_BY: '${{ inputs.requested_by }}',
    });
    // A stand-in `pnpm` on PATH prints the arguments the step passes.
    const bin = join(dir, 'bin');
    runBash(`mkdir -p "${bin}"`, {});
    writeFileSync(join(bin, 'pnpm'), '#!/bin/sh\nprintf "%s\\n" "$@"\n', { mode: 0o755 });
    const argsFor = (env: Record<string, string>): string[] => {
      const cwd = mkdtempSync(join(dir, 'run-'));
      const result = runBash(
        run.run ?? '',
        { PATH: `${bin}:${process.env['PATH'] ?? ''}`, ...env },
        cwd,
      );
      expect(result.status, result.stderr).toBe(0);
      expect(statSync(join(cwd, 'reports')).mode & 0o777).toBe(0o700);
      return result.stdout.trim().split('\n');
    };
    const base = ['sync360', 'run', '--report', 'reports/report.json'];
    const sha = 'AbCdEf0123456789'.repeat(4);
    expect(argsFor({ DRY_RUN: '', APPROVE_SHA256: '' })).toEqual(base);
    expect(argsFor({ DRY_RUN: 'false', APPROVE_SHA256: '' })).toEqual(base);
    expect(argsFor({ DRY_RUN: 'true', APPROVE_SHA256: '' })).toEqual([...base, '--dry-run']);
    expect(argsFor({ DRY_RUN: '', APPROVE_SHA256: sha })).toEqual([...base, '--approve', sha]);
  });

  it('never expands an expression inside a shell script', () => {
    for (const current of Object.values(workflow.jobs)) {
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
});
