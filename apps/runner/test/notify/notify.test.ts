import type { Reminder, Report } from '@sync360/core';
import { makeReport } from '@sync360/testkit/report-fixtures';
import { startFakeSlack, type FakeSlack } from '@sync360/testkit/slack-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  notifyRemindersToSlack,
  notifyRunFailureToSlack,
  notifyRunToSlack,
  notifyWatchdogToSlack,
} from '../../src/notify/index.js';

const report = (overrides: Partial<Report> = {}): Report =>
  makeReport({
    source: { kind: 'lucca-api', employees: 3 },
    file: { name: 'users.csv', rows: 3, bytes: 200, sha256: 'ab'.repeat(32) },
    destination: { kind: 'sftp', path: 'users.csv' },
    counts: { active: 3, inactive: 0, notExported: 0, errors: 0, warnings: 0 },
    changes: null,
    ...overrides,
  });

const token = 'xoxb-test-secret-token';

describe('runner Slack notifications', () => {
  let slack: FakeSlack;
  let settings: { token: string; channel: string; apiUrl: string };

  beforeEach(async () => {
    slack = await startFakeSlack({ token });
    settings = { token, channel: 'C0SYNC', apiUrl: slack.url };
  });
  afterEach(async () => {
    await slack.close();
  });

  it('posts the run summary with fallback text and blocks', async () => {
    const warning = await notifyRunToSlack(
      settings,
      report(),
      'https://github.com/acme/sync360/actions/runs/1',
    );
    expect(warning).toBeNull();
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.authorized).toBe(true);
    expect(posts[0]?.body.channel).toBe('C0SYNC');
    expect(String(posts[0]?.body.text)).toContain('Delivered');
    expect(JSON.stringify(posts[0]?.body.blocks)).toContain('actions/runs/1');
  });

  it('adds a loud alert when the run was blocked', async () => {
    const blocked = report({
      outcome: 'blocked',
      destination: null,
      guard: { tripped: true, reasons: ['no-rows'] },
    });
    expect(await notifyRunToSlack(settings, blocked)).toBeNull();
    const texts = slack.callsTo('chat.postMessage').map((call) => String(call.body.text));
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('BLOCKED');
  });

  it('alerts a failure that has no report', async () => {
    const warning = await notifyRunFailureToSlack(settings, {
      code: 'lucca-auth',
      message: 'Lucca said 401',
      hint: 'Renew LUCCA_API_KEY',
    });
    expect(warning).toBeNull();
    expect(String(slack.callsTo('chat.postMessage')[0]?.body.text)).toContain('Lucca said 401');
  });

  it('returns a warning, never throws, when Slack answers HTTP 500 (no retries)', async () => {
    slack.failWith({ status: 500 });
    const started = Date.now();
    const warning = await notifyRunToSlack(settings, report());
    expect(Date.now() - started).toBeLessThan(3000);
    expect(warning).toContain('HTTP 500');
    expect(warning).not.toContain(token);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('explains a Slack error code with the fix', async () => {
    slack.failWith({ error: 'not_in_channel' });
    const warning = await notifyRemindersToSlack(settings, []);
    expect(warning).toContain('not_in_channel');
    expect(warning).toContain('/invite');
  });

  it('reports a wrong token and an unreachable Slack as warnings', async () => {
    expect(
      await notifyWatchdogToSlack(
        { ...settings, token: 'xoxb-wrong' },
        { healthy: false, lastSuccess: null, reason: 'none', maxAgeHours: 26 },
      ),
    ).toContain('SLACK_BOT_TOKEN');
    await slack.close();
    const warning = await notifyRunToSlack({ ...settings, timeoutMs: 2000 }, report());
    expect(warning).toContain('could not reach Slack');
    slack = await startFakeSlack();
  });

  it('posts every reminder page, and counts pages posted when one fails', async () => {
    const reminders = Array.from({ length: 400 }, (_, index): Reminder => ({
      luccaId: String(index),
      employeeNumber: `E${String(index)}`,
      name: `Person <${String(index)}>`,
      kind: 'offboarding',
      dueSince: '2026-03-01',
      daysOverdue: 1,
      action: 'Set the 360 status to Inactive.',
    }));
    expect(await notifyRemindersToSlack(settings, reminders)).toBeNull();
    const pages = slack.callsTo('chat.postMessage');
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.map((call) => JSON.stringify(call.body.blocks)).join('');
    for (const reminder of reminders) expect(all).toContain(`#${reminder.employeeNumber} ·`);
    slack.calls.length = 0;
    slack.failWith({ error: 'ratelimited' }, { method: 'chat.postMessage', times: 1 });
    const warning = await notifyRemindersToSlack(settings, reminders);
    expect(warning).toContain(`0 of ${String(pages.length)} messages posted`);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts the watchdog alert', async () => {
    const warning = await notifyWatchdogToSlack(settings, {
      healthy: false,
      lastSuccess: null,
      reason: 'No successful run in the last 26 hours',
      maxAgeHours: 26,
    });
    expect(warning).toBeNull();
    expect(String(slack.callsTo('chat.postMessage')[0]?.body.text)).toContain(
      'no successful nightly sync',
    );
  });
});
