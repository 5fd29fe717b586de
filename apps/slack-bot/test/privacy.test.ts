import type { Reminder } from '@sync360/core';
import { fakeRun } from '@sync360/testkit/github-api';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedUser, startHarness, type Harness } from './harness.js';

const emailPattern = /[^\s<>@"'`,;:()[\]|\\]+@[^\s<>@"'`,;:()[\]|\\]+\.[a-z]{2,}/i;
const people = ['Anaïs Leclerc', 'Bruno Vasseur'];

const reminders = (count: number): Reminder[] =>
  Array.from({ length: count }, (_, i) => ({
    luccaId: String(i),
    employeeNumber: `E${String(i)}`,
    name: `${people[i % 2] ?? ''} anais.leclerc@acme.fr`,
    kind: i % 2 === 0 ? 'offboarding' : 'onboarding',
    dueSince: '2026-03-01',
    daysOverdue: 1,
    action: 'Set the status; questions to hr@acme.fr',
  }));

describe('privacy of everything the bot sends', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('no email anywhere; names only in answers the asking allowed user alone sees', async () => {
    let list = reminders(20);
    const h = (harness = await startHarness({
      loadReminders: () => Promise.resolve(list),
      // Each pending reads Lucca again here: the list changes between them.
      remindersTtlMs: 0,
      watchdogIntervalMs: 60_000,
      github: {
        runs: [
          fakeRun({
            id: 1,
            conclusion: 'failure',
            createdAt: new Date(Date.now() - 40 * 3_600_000),
          }),
        ],
      },
    }));
    const short = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(short.responseUrl).length >= 1, 'the pages');
    list = reminders(600);
    const long = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(long.responseUrl).length === 1, 'the DM note');
    const stranger = await h.command('pending', 'U0STRANGER');
    await waitUntil(() => h.responses.postsTo(stranger.responseUrl).length === 1, 'the refusal');
    await h.homeOpened(allowedUser);
    await waitUntil(() => h.slack.callsTo('views.publish').length === 1, 'the home tab');
    const now = await h.command('now');
    await waitUntil(() => h.responses.postsTo(now.responseUrl).length === 1, 'the reply');
    await waitUntil(
      () =>
        h.slack.callsTo('chat.postMessage').some((c) => String(c.body.text).includes('watchdog')),
      'the watchdog alert',
    );

    const sent = [
      ...h.slack.calls.map((call) => ({
        where: String(call.body.channel ?? call.body.user_id),
        // A direct message to the allowed user, or their own Home tab: only they see it.
        private:
          call.body.channel === allowedUser ||
          (call.method === 'views.publish' && call.body.user_id === allowedUser),
        body: call.body,
      })),
      ...h.responses.posts.map((post) => ({
        where: 'response_url',
        private: post.body.response_type === 'ephemeral',
        body: post.body,
      })),
    ];
    expect(sent.length).toBeGreaterThan(10);
    let named = 0;
    for (const item of sent) {
      const payload = JSON.stringify(item.body);
      expect(payload).not.toMatch(emailPattern);
      if (people.some((name) => payload.includes(name))) {
        named += 1;
        expect(item.private).toBe(true);
      }
    }
    expect(named).toBeGreaterThan(1);
    expect(
      h.responses
        .postsTo(stranger.responseUrl)
        .map((p) => JSON.stringify(p.body))
        .join(''),
    ).not.toContain('Anaïs');
  }, 60_000);
});
