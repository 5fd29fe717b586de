import type { Reminder } from '@sync360/core';
import { describe, expect, it } from 'vitest';
import { notifyRemindersToSlack } from '../../src/notify/slack-notify.js';
import { useFakeSlack } from './notify-helpers.js';

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

describe('runner Slack notifications: reminders', () => {
  const { start } = useFakeSlack();

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
    const posts = slack.callsTo('chat.postMessage');
    // The refused post is sent again, unchanged, no sooner than the Retry-After Slack gave
    // (a lower bound: a loaded machine only makes the wait longer).
    const [limited, retried] = posts;
    expect(retried?.body).toEqual(limited?.body);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    const hr = posts.filter((call) => call.body.channel === 'G0HR');
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
});
