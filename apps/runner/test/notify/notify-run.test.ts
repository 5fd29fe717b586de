import type { FakeSlack } from '@sync360/testkit/slack-api';
import { describe, expect, it } from 'vitest';
import { notifyRunToSlack } from '../../src/notify/slack-notify.js';
import { blockedReport, plain, report, useFakeSlack } from './notify-helpers.js';

const names = new Map<string, string>([
  ['N0', 'Nadia Newcomer'],
  ...Array.from({ length: 60 }, (_, i): [string, string] => [
    `L${String(i)}`,
    `Leaver ${String(i)} Smith`,
  ]),
]);

const runUrl = 'https://github.com/acme/sync360/actions/runs/1';

/** Every recorded payload as one string. */
const payloads = (slack: FakeSlack): string[] =>
  slack.calls.map((call) => JSON.stringify(call.body));

describe('runner Slack notifications: run summary', () => {
  const { start } = useFakeSlack([...names.values()]);

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
    // One alert in the ops channel: counts, reasons and the button (no summary beside it).
    expect(ops).toHaveLength(1);
    const hrText = hr.map((call) => JSON.stringify(call.body)).join('');
    expect(hrText).toContain('Nadia Newcomer');
    for (let i = 0; i < 60; i += 1)
      expect(hrText).toContain(`Leaver ${String(i)} Smith · #L${String(i)}`);
    const opsText = ops.map((call) => JSON.stringify(call.body)).join('');
    expect(opsText).not.toMatch(/Nadia|Leaver|Smith/);
    expect(opsText).toContain('listed by name in <#G0HR>');
    expect(String(ops[0]?.body.text)).toContain('BLOCKED');
    const button = JSON.stringify(ops[0]?.body.blocks);
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

  it('after an approval replies in the alert thread, and the alert line shows the outcome and who approved', async () => {
    const { slack, settings } = await start();
    const alert = slack.seedMessage('C0SYNC');
    const approved = report({
      forced: true,
      approvedSha256: 'ab'.repeat(32),
      guard: { tripped: true, reasons: ['too-many-deactivations'] },
    });
    const warning = await notifyRunToSlack(
      { ...settings, thread: `C0SYNC:${alert}`, requestedBy: 'U0BOSS' },
      approved,
      { ...plain, runUrl, approved: true },
    );
    expect(warning).toBeNull();
    const [summary] = slack.callsTo('chat.postMessage');
    expect(summary?.body.thread_ts).toBe(alert);
    expect(JSON.stringify(summary?.body.blocks)).toContain(
      'tripped, released for this exact file, approved by <@U0BOSS>',
    );
    const [update] = slack.callsTo('chat.update');
    expect(update?.body).toMatchObject({ channel: 'C0SYNC', ts: alert });
    const line = JSON.stringify(update?.body.blocks);
    expect(line).toContain('delivered · approved by <@U0BOSS>');
    expect(line).toContain('actions/runs/1');
    expect(line).not.toContain('delivering');
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
});
