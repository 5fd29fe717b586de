import { describe, expect, it } from 'vitest';
import { evaluate } from './expressions.js';
import { crons, job, loadWorkflow, readWorkflow, runBash, stepUsing } from './workflow-files.js';

const workflow = loadWorkflow('sync360-history.yml');
const history = job(workflow, 'history');
const nightly = loadWorkflow('sync360-nightly.yml');

const SECRETS = [
  'LUCCA_API_KEY',
  'LUCCA_TRAINING_API_KEY',
  'API360_CLIENT_SECRET',
  'SLACK_BOT_TOKEN',
];
const VARIABLES = [
  'LUCCA_BASE_URL',
  'LUCCA_STATUS_FIELD',
  'LUCCA_MAX_EMPLOYEES',
  'API360_CLIENT_ID',
  'API360_COMPANY_ID',
  'API360_BASE_URL',
  'SYNC360_LEGAL_ENTITIES',
  'SYNC360_UNIQUE_ID',
  'SYNC360_ACTIVE_LABELS',
  'SYNC360_INACTIVE_LABELS',
  'SYNC360_DEFAULT_LANGUAGE',
  'SYNC360_TIMEZONE',
  'SYNC360_HISTORY_KINDS',
  'SYNC360_HISTORY_CREATE_TRAININGS',
  'SYNC360_HISTORY_MAX_RECORDS',
  'SYNC360_HISTORY_DAYS',
  'SLACK_CHANNEL_ID',
  'SLACK_HR_CHANNEL_ID',
];

describe('sync360-history.yml', () => {
  it('runs every morning after the sync, and on dispatch with the approval inputs (strings)', () => {
    const [cron] = crons(workflow);
    expect(crons(workflow)).toHaveLength(1);
    const [minute, hour] = (cron ?? '').split(' ').map(Number);
    // The sync runs at 03:07 Paris: 01:07 or 02:07 UTC. History starts after both.
    expect((hour ?? 0) * 60 + (minute ?? 0)).toBeGreaterThan(2 * 60 + 30);
    const inputs = workflow.on.workflow_dispatch?.inputs ?? {};
    expect(Object.keys(inputs).sort()).toEqual(['approve_sha256', 'requested_by', 'slack_thread']);
    for (const input of Object.values(inputs))
      expect(input).toMatchObject({ type: 'string', default: '' });
  });

  it('runs only when SYNC360_HISTORY is exactly true', () => {
    const runs = (value: string) =>
      evaluate(history.if ?? 'true', { contexts: { vars: { SYNC360_HISTORY: value } } });
    expect(runs('true')).toBe(true);
    expect(runs('')).toBe(false);
    expect(runs('false')).toBe(false);
  });

  it('has least permissions, a timeout, and its own concurrency group', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(history['timeout-minutes']).toBeLessThanOrEqual(60);
    expect(history.concurrency).toEqual({ group: 'sync360-history', 'cancel-in-progress': false });
    const groups = Object.values(nightly.jobs).map((current) => current.concurrency?.group ?? '');
    for (const group of groups) expect(group).not.toContain('sync360-history');
  });

  it('passes what history reads, secrets from secrets.*, never the Lucca write key', () => {
    const env = history.env ?? {};
    for (const name of SECRETS) expect(env[name], name).toBe(`\${{ secrets.${name} }}`);
    for (const name of VARIABLES) expect(env[name], name).toBe(`\${{ vars.${name} }}`);
    expect(Object.keys(env).sort()).toEqual([...SECRETS, ...VARIABLES, 'SYNC360_STATE_DIR'].sort());
    expect(readWorkflow('sync360-history.yml')).not.toMatch(
      /^\s+LUCCA_WRITE_API_KEY\s*:|\.LUCCA_WRITE_API_KEY\b/m,
    );
  });

  it('keeps the nightly sync free of the Training key', () => {
    expect(readWorkflow('sync360-nightly.yml')).not.toContain('LUCCA_TRAINING_API_KEY');
  });

  it('caches its own state folder under its own key, also after a held plan', () => {
    const restore = stepUsing(history, 'actions/cache/restore');
    const save = stepUsing(history, 'actions/cache/save');
    expect(restore.with).toMatchObject({
      path: '.sync360/history',
      'restore-keys': 'sync360-history-state-',
    });
    expect(save.with?.['path']).toBe('.sync360/history');
    expect(String(save.with?.['key'])).toMatch(/^sync360-history-state-/);
    expect(save.if).toContain('!cancelled()');
    expect(save.if).not.toContain('success()');
    const nightlyKeys = JSON.stringify(nightly.jobs);
    expect(nightlyKeys).not.toContain('sync360-history-state');
  });

  it('uploads the report for 7 days at most', () => {
    const upload = stepUsing(history, 'actions/upload-artifact');
    expect(Number(upload.with?.['retention-days'])).toBeLessThanOrEqual(7);
  });

  it('passes the approval to the CLI as --approve, and nothing else', () => {
    const step = history.steps.find((current) => current.run?.includes('pnpm sync360') === true);
    const script = (step?.run ?? '').replace('pnpm sync360', 'echo');
    const plain = runBash(script, { APPROVE_SHA256: '' });
    expect(plain.stdout.trim()).toBe('history --report reports/history-report.json');
    const approved = runBash(script, { APPROVE_SHA256: 'ab'.repeat(32) });
    expect(approved.stdout.trim()).toBe(
      `history --report reports/history-report.json --approve ${'ab'.repeat(32)}`,
    );
    expect(step?.env?.['SYNC360_SLACK_THREAD']).toBe('${{ inputs.slack_thread }}');
  });

  it('alerts Slack as a last resort only when the CLI could not post', () => {
    const alert = job(workflow, 'alert');
    expect([alert.needs ?? []].flat()).toEqual(['history']);
    expect(alert.if).toBe('failure() || cancelled()');
    const post = stepUsing(alert, 'slackapi/slack-github-action');
    expect(String(post.with?.['payload'])).not.toMatch(/inputs\./);
    const posted = history.steps.find((step) => step.id === 'posted');
    expect(posted?.run).toContain('reports/history-report.json');
    const alerts = (slackPosted: string | null) =>
      evaluate(post.if ?? '', {
        contexts: {
          needs: { 'history.outputs.slack_posted': slackPosted },
          vars: { SLACK_CHANNEL_ID: 'C0OPS' },
        },
      });
    expect(alerts('true')).toBe(false);
    expect(alerts('false')).toBe(true);
  });

  it('refuses a public repository first, unless allowed', () => {
    const refuse = history.steps[0];
    expect(refuse?.name).toBe('Refuse a public repository');
    const result = runBash(refuse?.run ?? '', {
      GITHUB_REPOSITORY: 'acme/sync360',
      VISIBILITY: 'public',
      ALLOW_PUBLIC_REPO: '',
    });
    expect(result.status).toBe(1);
    expect(
      runBash(refuse?.run ?? '', { VISIBILITY: 'private', ALLOW_PUBLIC_REPO: '' }).status,
    ).toBe(0);
  });
});
