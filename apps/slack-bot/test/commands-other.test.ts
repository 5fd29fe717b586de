import type { Reminder } from '@sync360/core';
import { fakeRun } from '@sync360/testkit/github-api';
import { sendSlashCommand } from '@sync360/testkit/slack-requests';
import { slackSignature } from '@sync360/testkit/slack-signing';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedUser, postText, signingSecret, startHarness, type Harness } from './harness.js';

const reminder = (index: number, overrides: Partial<Reminder> = {}): Reminder => ({
  luccaId: String(index),
  employeeNumber: `E${String(index)}`,
  name: `Person ${String(index)}`,
  kind: index % 2 === 0 ? 'offboarding' : 'onboarding',
  dueSince: '2026-03-01',
  daysOverdue: index % 9,
  action: 'Set the 360 status in Lucca.',
  ...overrides,
});

const reminders = (count: number): Reminder[] =>
  Array.from({ length: count }, (_, i) => reminder(i));

describe('/sync360 signatures, help, status and pending', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('rejects a forged signature with 401 and dispatches nothing', async () => {
    const h = (harness = await startHarness());
    const responseUrl = h.responses.nextUrl();
    const answer = await sendSlashCommand({
      url: h.eventsUrl,
      signingSecret: 'not-the-secret',
      text: 'now',
      userId: allowedUser,
      responseUrl,
    });
    expect(answer.status).toBe(401);
    const forged = await sendSlashCommand({
      url: h.eventsUrl,
      signingSecret,
      signature: 'v0=deadbeef',
      text: 'now',
      responseUrl,
    });
    expect(forged.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.github.dispatches).toHaveLength(0);
    expect(h.github.requests).toHaveLength(0);
    expect(h.responses.posts).toHaveLength(0);
  });

  it('rejects a correctly signed but stale (6-minute-old) request', async () => {
    const h = (harness = await startHarness());
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
    const answer = await sendSlashCommand({
      url: h.eventsUrl,
      signingSecret,
      timestamp,
      text: 'now',
      responseUrl: h.responses.nextUrl(),
    });
    expect(answer.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.github.dispatches).toHaveLength(0);
    expect(slackSignature('s', 1, 'b')).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it('answers an unknown subcommand and an empty one with help', async () => {
    const h = (harness = await startHarness());
    const unknown = await h.command('frobnicate <!channel>');
    const empty = await h.command('   ');
    await waitUntil(() => h.responses.posts.length === 2, 'two replies');
    const unknownText = postText(h.responses.postsTo(unknown.responseUrl)[0]?.body ?? {});
    expect(unknownText).toContain("I don't know `frobnicate`");
    expect(unknownText).toContain('/sync360 now');
    expect(unknownText).toContain('/sync360 pending');
    const emptyText = postText(h.responses.postsTo(empty.responseUrl)[0]?.body ?? {});
    expect(emptyText).toContain('sync360 commands');
    expect(emptyText).not.toContain("don't know");
    expect(h.github.dispatches).toHaveLength(0);
  });

  it('shows the last runs to anyone with status', async () => {
    const h = (harness = await startHarness({
      github: {
        runs: [
          fakeRun({ id: 41, createdAt: '2026-03-01T02:07:00Z' }),
          fakeRun({ id: 42, conclusion: 'failure', createdAt: '2026-03-02T02:07:00Z' }),
        ],
      },
    }));
    const answer = await h.command('STATUS', 'U0ANYONE');
    expect(answer.body).toContain('Reading the last runs');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const reply = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(reply.response_type).toBe('ephemeral');
    const text = postText(reply);
    expect(text).toContain('runs/41|run 41');
    expect(text).toContain('runs/42|run 42');
    expect(text.indexOf('run 42')).toBeLessThan(text.indexOf('run 41'));
  });

  it('status tells a delivery from a preview and who asked, from the run name', async () => {
    const h = (harness = await startHarness({
      github: {
        runs: [
          fakeRun({
            id: 51,
            event: 'workflow_dispatch',
            displayTitle: 'sync360 preview (requested by U0CAMILLE)',
            createdAt: '2026-03-03T09:00:00Z',
          }),
          fakeRun({
            id: 52,
            event: 'workflow_dispatch',
            displayTitle: 'sync360 now (requested by U0BOSS)',
            createdAt: '2026-03-03T10:00:00Z',
          }),
          fakeRun({ id: 53, event: 'schedule', createdAt: '2026-03-03T02:07:00Z' }),
        ],
      },
    }));
    const answer = await h.command('status', 'U0ANYONE');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const lines = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {}).split('\\n');
    expect(lines.find((line) => line.includes('run 51'))).toContain(
      'preview requested by <@U0CAMILLE>',
    );
    expect(lines.find((line) => line.includes('run 52'))).toContain(
      'delivery requested by <@U0BOSS>',
    );
    expect(lines.find((line) => line.includes('run 53'))).toContain('nightly delivery');
  });

  it('sends pending reminders as ephemeral pages, each employee once', async () => {
    const list = reminders(180);
    const h = (harness = await startHarness({ loadReminders: () => Promise.resolve(list) }));
    const answer = await h.command('pending');
    expect(answer.body).toContain('Reading the pending tasks');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length >= 2, 'the pages');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const posts = h.responses.postsTo(answer.responseUrl);
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.length).toBeLessThanOrEqual(5);
    for (const post of posts) {
      expect(post.body.response_type).toBe('ephemeral');
      expect(Array.isArray(post.body.blocks) && post.body.blocks.length <= 50).toBe(true);
    }
    const all = posts.map((post) => postText(post.body)).join('\n');
    for (const item of list) {
      expect(all.split(`#${item.employeeNumber ?? ''} ·`).length - 1).toBe(1);
    }
    expect(all).toContain('Only you can see this.');
  });

  it('sends a very long pending list by direct message', async () => {
    const list = reminders(1500).map((item) => ({
      ...item,
      name: `${item.name} ${'x'.repeat(60)}`,
    }));
    const h = (harness = await startHarness({ loadReminders: () => Promise.resolve(list) }));
    const answer = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the note', 10_000);
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'direct messages',
    );
    const dms = h.slack.callsTo('chat.postMessage');
    expect(dms.length).toBeGreaterThan(5);
    expect(dms.every((call) => call.body.channel === allowedUser)).toBe(true);
    const all = dms.map((call) => JSON.stringify(call.body.blocks)).join('');
    for (const item of list) expect(all).toContain(`#${item.employeeNumber ?? ''} ·`);
  });

  it('keeps pending to allowed users, and explains when Lucca is not configured', async () => {
    const h = (harness = await startHarness());
    const stranger = await h.command('pending', 'U0STRANGER');
    const allowed = await h.command('pending');
    await waitUntil(() => h.responses.posts.length === 2, 'two replies');
    expect(postText(h.responses.postsTo(stranger.responseUrl)[0]?.body ?? {})).toContain(
      `Ask <@${allowedUser}>`,
    );
    expect(postText(h.responses.postsTo(allowed.responseUrl)[0]?.body ?? {})).toContain(
      "the bot has no Lucca access: an admin must change sync360's settings",
    );
  });

  it('answers a Lucca failure during pending clearly', async () => {
    const h = (harness = await startHarness({
      loadReminders: () => Promise.reject(new Error('Lucca answered 503')),
    }));
    const answer = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'Could not read the employees from Lucca',
    );
  });
});
