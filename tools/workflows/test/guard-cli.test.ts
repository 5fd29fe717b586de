import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './workflow-files.js';

const CLI = join(REPO_ROOT, 'tools', 'workflows', 'src', 'paris-hour-guard-cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'sync360-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
const run = (args: readonly string[], env: Record<string, string>) => {
  counter += 1;
  const output = join(dir, `output-${String(counter)}`);
  const summary = join(dir, `summary-${String(counter)}`);
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'] ?? '',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...env,
    },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: readFileSync(output, 'utf8'),
    summary: readFileSync(summary, 'utf8'),
  };
};

describe('paris-hour-guard-cli', () => {
  it('writes proceed=true for tonight’s firing', () => {
    const result = run(['--hour', '3'], {
      GITHUB_EVENT_NAME: 'schedule',
      GUARD_SCHEDULE: '7 2 * * *',
      GUARD_NOW: '2026-01-15T02:40:00Z',
    });
    expect(result.status).toBe(0);
    expect(result.output).toBe('proceed=true\n');
    expect(result.summary).toBe('');
  });

  it('writes proceed=false for the other firing, and says why in the step summary', () => {
    const result = run(['--hour', '3', '--time-zone', 'Europe/Paris'], {
      GITHUB_EVENT_NAME: 'schedule',
      GUARD_SCHEDULE: '7 1 * * *',
      GUARD_NOW: '2026-01-15T02:02:00Z',
    });
    expect(result.status).toBe(0);
    expect(result.output).toBe('proceed=false\n');
    expect(result.summary).toContain('02:07 in Europe/Paris, not 03:xx');
  });

  it('reads the cron from the event payload when GUARD_SCHEDULE is empty', () => {
    const event = join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ schedule: '7 1 * * *' }));
    const result = run([], {
      GITHUB_EVENT_NAME: 'schedule',
      GUARD_SCHEDULE: '',
      GITHUB_EVENT_PATH: event,
      GUARD_NOW: '2026-07-15T01:30:00Z',
    });
    expect(result.output).toBe('proceed=true\n');
  });

  it('always proceeds for a dispatch', () => {
    const result = run(['--hour', '3'], { GITHUB_EVENT_NAME: 'workflow_dispatch' });
    expect(result.status).toBe(0);
    expect(result.output).toBe('proceed=true\n');
  });

  it.each([
    [['--hour', '25'], { GITHUB_EVENT_NAME: 'schedule' }, /--hour/],
    [['--time-zone', 'Mars/Olympus'], { GITHUB_EVENT_NAME: 'schedule' }, /--time-zone/],
    [[], {}, /GITHUB_EVENT_NAME/],
    [[], { GITHUB_EVENT_NAME: 'schedule', GUARD_NOW: 'yesterday' }, /GUARD_NOW/],
  ])('exits 2 on a usage error (%j)', (args, env, message) => {
    const result = run(args, env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.output).toBe('');
  });
});
