import type { Reminder, Report } from '@sync360/core';
import { makeReport } from '@sync360/testkit/report-fixtures';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '@sync360/testkit/slack-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackNotifySettings } from '../../src/notify/slack-client.js';
import {
  notifyRemindersToSlack,
  notifyRunFailureToSlack,
  notifyRunToSlack,
  notifyWatchdogToSlack,
} from '../../src/notify/slack-notify.js';

const report = (overrides: Partial<Report> = {}): Report =>
  makeReport({
    source: { kind: 'lucca-api', employees: 3 },
    file: { name: 'users.csv', rows: 3, bytes: 200, sha256: 'ab'.repeat(32) },
    destination: { kind: 'sftp', path: 'users.csv' },
    counts: { active: 3, inactive: 0, notExported: 0, errors: 0, warnings: 0 },
    changes: null,
    ...overrides,
  });

const blockedReport = (): Report =>
  report({
    outcome: 'blocked',
    destination: null,
    guard: { tripped: true, reasons: ['too-many-deactivations'] },
    changes: { created: 1, updated: 0, deactivated: 60, reactivated: 0, dropped: 0, unchanged: 2 },
    changeList: [
      { uniqueId: 'N0', luccaId: '100', kind: 'created', fields: [] },
      ...Array.from({ length: 60 }, (_, i) => ({
        uniqueId: `L${String(i)}`,
        luccaId: String(200 + i),
        kind: 'deactivated' as const,
        fields: ['status'],
      })),
    ],
  });

const names = new Map<string, string>([
  ['N0', 'Nadia Newcomer'],
  ...Array.from({ length: 60 }, (_, i): [string, string] => [
    `L${String(i)}`,
    `Leaver ${String(i)} Smith`,
  ]),
]);

const token = 'xoxb-test-secret-token';
const runUrl = 'https://github.com/acme/sync360/actions/runs/1';
const plain = { runUrl: null, names: new Map<string, string>(), approved: false };

const reminders = (count: number): Reminder[] =>
  Array.from({ length: count }, (_, index): Reminder => ({
    luccaId: String(index),
    employeeNumber: `E${String(index)}`,
    name: `Person <${String(index)}> Doe`,
    kind: 'offboarding',
    dueSince: '2026-03-01',
    daysOverdue: 1,
    action: 'Set the 360 status to Inactive.',
  }));

/** Every recorded payload as one string. */
const payloads = (slack: FakeSlack): string[] =>
  slack.calls.map((call) => JSON.stringify(call.body));

describe('runner Slack notifications', () => {
  let slack: FakeSlack | null = null;
  const stop = async (): Promise<void> => {
    await slack?.close();
    slack = null;
  };
  const start = async (
    options: FakeSlackOptions = {},
  ): Promise<{ slack: FakeSlack; settings: SlackNotifySettings }> => {
    await stop();
    slack = await startFakeSlack({ token, ...options });
    return { slack, settings: { token, channel: 'C0SYNC', apiUrl: slack.url } };
  };
  afterEach(stop);

  it('posts the run summary with fallback text and blocks, counts only for a delivery', async () => {
    const { slack, settings } = await start({ channels: { G0HR: { private: true } } });
    const delivered = report({
      changeList: [{ uniqueId: 'N0', luccaId: '1', kind: 'created', fields: [] }],
    });
    const warning = await notifyRunToSlack({ ...settings, hrChannel: 'G0HR' }, delivered, {
      ...plain,
      runUrl,
      names,
    });
    expect(warning).toBeNull();
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.authorized).toBe(true);
    expect(posts[0]?.body.channel).toBe('C0SYNC');
    expect(String(posts[0]?.body.text)).toContain('Delivered');
    expect(JSON.stringify(posts[0]?.body.blocks)).toContain('actions/runs/1');
    expect(slack.callsTo('conversations.info')).toHaveLength(0);
    expect(payloads(slack).join('')).not.toContain('Nadia');
  });

  it('blocked: names go to the private HR channel, the ops alert carries the approve button', async () => {
    const { slack, settings } = await start({ channels: { G0HR: { private: true } } });
    const warning = await notifyRunToSlack({ ...settings, hrChannel: 'G0HR' }, blockedReport(), {
      ...plain,
      names,
    });
    expect(warning).toBeNull();
    expect(slack.callsTo('conversations.info')[0]?.body.channel).toBe('G0HR');
    const posts = slack.callsTo('chat.postMessage');
    const hr = posts.filter((call) => call.body.channel === 'G0HR');
    const ops = posts.filter((call) => call.body.channel === 'C0SYNC');
    expect(hr.length).toBeGreaterThanOrEqual(1);
    expect(ops).toHaveLength(2);
    const hrText = hr.map((call) => JSON.stringify(call.body)).join('');
    expect(hrText).toContain('Nadia Newcomer');
    for (let i = 0; i < 60; i += 1)
      expect(hrText).toContain(`Leaver ${String(i)} Smith · #L${String(i)}`);
    const opsText = ops.map((call) => JSON.stringify(call.body)).join('');
    expect(opsText).not.toMatch(/Nadia|Leaver|Smith/);
    expect(opsText).toContain('listed by name in <#G0HR>');
    expect(String(ops[1]?.body.text)).toContain('BLOCKED');
    const button = JSON.stringify(ops[1]?.body.blocks);
    expect(button).toContain('"action_id":"sync360_approve"');
    expect(button).toContain(`"value":"${'ab'.repeat(32)}"`);
    expect(button).toContain('deliver: 1 created, 60 deactivated');
  });

  it('posts no name to an HR channel that is public or shared outside, and says so', async () => {
    for (const channel of [{ private: false }, { private: true, extShared: true }]) {
      const { slack, settings } = await start({ channels: { G0HR: channel } });
      const warning = await notifyRunToSlack({ ...settings, hrChannel: 'G0HR' }, blockedReport(), {
        ...plain,
        names,
      });
      expect(warning).toContain('Names not posted to SLACK_HR_CHANNEL_ID');
      const posts = slack.callsTo('chat.postMessage');
      expect(posts.every((call) => call.body.channel === 'C0SYNC')).toBe(true);
      const all = payloads(slack).join('');
      expect(all).not.toMatch(/Nadia|Leaver/);
      expect(all).toContain('Would be deactivated (60): #L0, #L1');
    }
  });

  it('a preview from Slack replies in its thread, carries the button and updates the parent', async () => {
    const { slack, settings } = await start({ channels: { G0HR: { private: true } } });
    const parent = slack.seedMessage('C0SYNC');
    const preview = { ...blockedReport(), outcome: 'dry-run' as const };
    const warning = await notifyRunToSlack(
      { ...settings, hrChannel: 'G0HR', thread: `C0SYNC:${parent}` },
      preview,
      { ...plain, runUrl, names },
    );
    expect(warning).toBeNull();
    const ops = slack.callsTo('chat.postMessage').filter((call) => call.body.channel === 'C0SYNC');
    expect(ops).toHaveLength(1);
    expect(ops[0]?.body.thread_ts).toBe(parent);
    expect(JSON.stringify(ops[0]?.body.blocks)).toContain('sync360_approve');
    const updates = slack.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body).toMatchObject({ channel: 'C0SYNC', ts: parent });
    expect(JSON.stringify(updates[0]?.body.blocks)).toContain('Preview');
    expect(JSON.stringify(updates[0]?.body.blocks)).toContain('actions/runs/1');
  });

  it('after an approval replies in the alert thread and leaves the alert as it is', async () => {
    const { slack, settings } = await start();
    const alert = slack.seedMessage('C0SYNC');
    const warning = await notifyRunToSlack({ ...settings, thread: `C0SYNC:${alert}` }, report(), {
      ...plain,
      approved: true,
    });
    expect(warning).toBeNull();
    expect(slack.callsTo('chat.postMessage')[0]?.body.thread_ts).toBe(alert);
    expect(slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('ignores a thread that is malformed or in another channel, and posts a new message', async () => {
    const { slack, settings } = await start();
    for (const thread of [
      'C0OTHER:1700000000.000100',
      'C0SYNC:abc',
      'C0SYNC 1.2',
      '#general:1.1',
    ]) {
      slack.calls.length = 0;
      const warning = await notifyRunToSlack({ ...settings, thread }, report(), plain);
      expect(warning).toContain('SYNC360_SLACK_THREAD ignored');
      const posts = slack.callsTo('chat.postMessage');
      expect(posts).toHaveLength(1);
      expect(posts[0]?.body.channel).toBe('C0SYNC');
      expect(posts[0]?.body.thread_ts).toBeUndefined();
      expect(slack.callsTo('chat.update')).toHaveLength(0);
    }
  });

  it('alerts a failure that has no report', async () => {
    const { slack, settings } = await start();
    const warning = await notifyRunFailureToSlack(
      settings,
      { code: 'lucca-auth', message: 'Lucca said 401', hint: 'Renew LUCCA_API_KEY' },
      null,
    );
    expect(warning).toBeNull();
    expect(String(slack.callsTo('chat.postMessage')[0]?.body.text)).toContain('Lucca said 401');
  });

  it('returns a warning, never throws, when Slack answers HTTP 500: bounded retries, then gives up', async () => {
    const { slack, settings } = await start();
    slack.failWith({ status: 500 });
    const warning = await notifyRunToSlack(settings, blockedReport(), plain);
    expect(warning).toContain('HTTP 500');
    expect(warning).not.toContain(token);
    expect(slack.callsTo('chat.postMessage').length).toBeLessThanOrEqual(3);
  });

  it('explains a Slack error code with the fix', async () => {
    const { slack, settings } = await start();
    slack.failWith({ error: 'not_in_channel' });
    const warning = await notifyRemindersToSlack(settings, []);
    expect(warning).toContain('not_in_channel');
    expect(warning).toContain('/invite');
  });

  it('reports a wrong token and an unreachable Slack as warnings', async () => {
    const { settings } = await start();
    expect(
      await notifyWatchdogToSlack(
        { ...settings, token: 'xoxb-wrong' },
        { healthy: false, lastSuccess: null, reason: 'none', maxAgeHours: 26 },
      ),
    ).toContain('SLACK_BOT_TOKEN');
    await stop();
    const warning = await notifyRunToSlack(
      { ...settings, timeoutMs: 2000, retries: 0 },
      report(),
      plain,
    );
    expect(warning).toContain('could not reach Slack');
  });

  it('reminders: counts in the ops channel, the named list in the HR channel as one thread', async () => {
    const { slack, settings } = await start({ channels: { G0HR: { private: true } } });
    const list = reminders(500);
    expect(await notifyRemindersToSlack({ ...settings, hrChannel: 'G0HR' }, list)).toBeNull();
    const posts = slack.callsTo('chat.postMessage');
    const ops = posts.filter((call) => call.body.channel === 'C0SYNC');
    const [first, ...replies] = posts.filter((call) => call.body.channel === 'G0HR');
    expect(ops).toHaveLength(1);
    expect(String(ops[0]?.body.text)).toContain('500 reminders');
    expect(JSON.stringify(ops[0]?.body)).not.toContain('Person');
    expect(first?.body.thread_ts).toBeUndefined();
    expect(replies.length).toBeGreaterThan(0);
    const parents = new Set(replies.map((call) => call.body.thread_ts));
    expect(parents.size).toBe(1);
    expect([...parents][0]).toMatch(/^\d+\.\d+$/);
    for (const call of [first, ...replies]) {
      expect(Array.isArray(call?.body.blocks) && call.body.blocks.length <= 50).toBe(true);
    }
    const all = [first, ...replies].map((call) => JSON.stringify(call?.body.blocks)).join('');
    for (const reminder of list) {
      expect(all.split(`#${reminder.employeeNumber ?? ''} ·`).length - 1).toBe(1);
    }
  });

  it('reminders: a rate-limited page waits for Retry-After and the list still completes', async () => {
    const { slack, settings } = await start({ channels: { G0HR: { private: true } } });
    slack.failWith({ status: 429, retryAfterSeconds: 1 }, { method: 'chat.postMessage', times: 1 });
    const list = reminders(120);
    expect(await notifyRemindersToSlack({ ...settings, hrChannel: 'G0HR' }, list)).toBeNull();
    const hr = slack.callsTo('chat.postMessage').filter((call) => call.body.channel === 'G0HR');
    const all = hr.map((call) => JSON.stringify(call.body.blocks)).join('');
    for (const reminder of list) expect(all).toContain(`#${reminder.employeeNumber ?? ''} ·`);
    expect(
      slack.callsTo('chat.postMessage').filter((call) => call.body.channel === 'C0SYNC'),
    ).toHaveLength(1);
  });

  it('reminders without an HR channel: counts and /sync360 pending, never a name', async () => {
    const { slack, settings } = await start();
    expect(await notifyRemindersToSlack(settings, reminders(30))).toBeNull();
    const posts = slack.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.body)).toContain('/sync360 pending');
    expect(JSON.stringify(posts[0]?.body)).not.toContain('Person');
  });

  it('posts the watchdog alert', async () => {
    const { slack, settings } = await start();
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
