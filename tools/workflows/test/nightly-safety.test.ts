import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from './expressions.js';
import { job, loadWorkflow, readWorkflow, runBash, stepUsing } from './workflow-files.js';

const workflow = loadWorkflow('sync360-nightly.yml');
const sync = job(workflow, 'sync');
const alert = job(workflow, 'alert');

/** Every variable `sync360 run` reads that holds a secret. */
const SECRETS = [
  'LUCCA_API_KEY',
  'SFTP_PRIVATE_KEY',
  'SFTP_PASSWORD',
  'SFTP_PASSPHRASE',
  'API360_CLIENT_SECRET',
  'SLACK_BOT_TOKEN',
];
/** Every other variable `sync360 run` reads, tuning knobs included. */
const VARIABLES = [
  'LUCCA_BASE_URL',
  'LUCCA_STATUS_FIELD',
  'LUCCA_MAX_EMPLOYEES',
  'LUCCA_RETRIES',
  'LUCCA_RETRY_DELAY_MS',
  'LUCCA_TIMEOUT_MS',
  'SFTP_HOST',
  'SFTP_PORT',
  'SFTP_USERNAME',
  'SFTP_HOST_KEY_SHA256',
  'SFTP_REMOTE_DIR',
  'SFTP_PGP_PUBLIC_KEY',
  'SFTP_ATTEMPTS',
  'SFTP_CONNECT_TIMEOUT_MS',
  'SFTP_RETRY_DELAY_MS',
  'SFTP_TIMEOUT_MS',
  'API360_CLIENT_ID',
  'API360_COMPANY_ID',
  'API360_BASE_URL',
  'API360_DEFAULT_GROUP_ID',
  'API360_SEND_INVITATIONS',
  'API360_ACTIVATE_USERS',
  'SYNC360_LEGAL_ENTITIES',
  'SYNC360_UNIQUE_ID',
  'SYNC360_ACTIVE_LABELS',
  'SYNC360_INACTIVE_LABELS',
  'SYNC360_FILE_NAME',
  'SYNC360_CSV_DELIMITER',
  'SYNC360_HEADER',
  'SYNC360_DEFAULT_LANGUAGE',
  'SYNC360_OUTPUT_DIR',
  'SYNC360_MAX_DEACTIVATIONS',
  'SYNC360_TIMEZONE',
  'SYNC360_ONBOARDING_LEAD_DAYS',
  'SYNC360_STATUS_BUTTONS',
  'SYNC360_RULES_FILE',
  'SYNC360_MAX_ROLE_REMOVALS',
  'SLACK_CHANNEL_ID',
  'SLACK_HR_CHANNEL_ID',
];

const dir = mkdtempSync(join(tmpdir(), 'sync360-nightly-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sync360-nightly.yml: configuration', () => {
  it('passes every variable the run reads, secrets from secrets.*, the rest from vars.*', () => {
    const env = sync.env ?? {};
    for (const name of SECRETS) expect(env[name], name).toBe(`\${{ secrets.${name} }}`);
    for (const name of VARIABLES) expect(env[name], name).toBe(`\${{ vars.${name} }}`);
    expect(Object.keys(env).sort()).toEqual([...SECRETS, ...VARIABLES, 'SYNC360_STATE_DIR'].sort());
  });

  it('never hands the run the Lucca write key', () => {
    const text = readWorkflow('sync360-nightly.yml');
    expect(text).not.toMatch(/^\s+LUCCA_WRITE_API_KEY\s*:|\.LUCCA_WRITE_API_KEY\b/m);
    for (const current of Object.values(workflow.jobs)) {
      expect(Object.keys(current.env ?? {})).not.toContain('LUCCA_WRITE_API_KEY');
    }
  });
});

describe('sync360-nightly.yml: a public repository is refused', () => {
  const refuse = sync.steps[0];
  const run = (env: Record<string, string>, path?: string) =>
    runBash(refuse?.run ?? '', {
      GITHUB_REPOSITORY: 'acme/sync360',
      ...env,
      ...(path ? { PATH: path } : {}),
    });

  it('is the sync job’s first step, before any checkout or cache', () => {
    expect(refuse?.env).toEqual({
      VISIBILITY: '${{ github.event.repository.visibility }}',
      ALLOW_PUBLIC_REPO: '${{ vars.SYNC360_ALLOW_PUBLIC_REPO }}',
      GH_TOKEN: '${{ github.token }}',
    });
    expect(refuse?.uses).toBeUndefined();
  });

  it.each(['private', 'internal'])('runs in a %s repository', (visibility) => {
    expect(run({ VISIBILITY: visibility, ALLOW_PUBLIC_REPO: '' }).status).toBe(0);
  });

  it.each(['', 'false', 'TRUE', 'yes'])(
    'fails in a public repository when SYNC360_ALLOW_PUBLIC_REPO is %j, saying why',
    (allow) => {
      const result = run({ VISIBILITY: 'public', ALLOW_PUBLIC_REPO: allow });
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/^::error::This repository is public: sync360 refuses/);
      expect(result.stdout).toContain('personal data');
      expect(result.stdout).toContain('SYNC360_ALLOW_PUBLIC_REPO');
    },
  );

  it('runs in a public repository when SYNC360_ALLOW_PUBLIC_REPO is exactly true', () => {
    expect(run({ VISIBILITY: 'public', ALLOW_PUBLIC_REPO: 'true' }).status).toBe(0);
  });

  it('fails closed when the event says nothing and the API cannot be asked', () => {
    // No `gh` on PATH: the visibility stays unknown, and unknown is refused.
    const result = run({ VISIBILITY: '', ALLOW_PUBLIC_REPO: '' }, dir);
    expect(result.status).not.toBe(0);
  });
});

describe('sync360-nightly.yml: the last-resort Slack alert', () => {
  const post = stepUsing(alert, 'slackapi/slack-github-action');
  const posted = sync.steps.find((step) => step.id === 'posted');

  it('is a separate last job that needs every other job and runs on failure or cancellation', () => {
    const others = Object.keys(workflow.jobs).filter((id) => id !== 'alert');
    expect([alert.needs ?? []].flat().sort()).toEqual(others.sort());
    expect(alert.if).toBe('failure() || cancelled()');
    expect(alert['timeout-minutes']).toBeLessThanOrEqual(10);
  });

  it("uses Slack's official action at a released major tag, with the bot token", () => {
    expect(post.uses).toMatch(/^slackapi\/slack-github-action@v[2-9]$/);
    expect(post.with).toMatchObject({
      method: 'chat.postMessage',
      token: '${{ secrets.SLACK_BOT_TOKEN }}',
    });
    const payload = String(post.with?.['payload']);
    expect(payload).toContain('channel: ${{ vars.SLACK_CHANNEL_ID }}');
    expect(payload).toContain('${{ github.run_id }}');
    // The ops channel may be public: the alert names no one and echoes no input.
    expect(payload).not.toMatch(/inputs\./);
  });

  it('stays quiet when the report says the CLI already posted', () => {
    expect(sync.outputs?.['slack_posted']).toBe('${{ steps.posted.outputs.slack_posted }}');
    expect(posted).toMatchObject({
      if: 'always()',
      'continue-on-error': true,
      run: 'pnpm exec tsx tools/workflows/src/slack-posted-cli.ts reports/report.json',
    });
    const runIndex = sync.steps.findIndex((step) => step.run?.includes('pnpm sync360') === true);
    expect(sync.steps.findIndex((step) => step.id === 'posted')).toBeGreaterThan(runIndex);
    const alerts = (slackPosted: string | null, channel = 'C0OPS') =>
      evaluate(post.if ?? '', {
        contexts: {
          needs: { 'sync.outputs.slack_posted': slackPosted },
          vars: { SLACK_CHANNEL_ID: channel },
        },
      });
    expect(alerts('true')).toBe(false);
    expect(alerts('false')).toBe(true);
    expect(alerts('')).toBe(true);
    expect(alerts(null)).toBe(true);
    expect(alerts(null, '')).toBe(false);
  });
});
