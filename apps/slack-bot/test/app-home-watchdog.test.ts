import { fakeRun } from '@sync360/testkit/github-api';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const hoursAgo = (hours: number): Date => new Date(Date.now() - hours * 3_600_000);

describe('App Home and watchdog', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('publishes the Home tab with the last run and the pending count', async () => {
    let loads = 0;
    const h = (harness = await startHarness({
      github: { runs: [fakeRun({ id: 99, createdAt: hoursAgo(3) })] },
      loadReminders: () => {
        loads += 1;
        return Promise.resolve([
          {
            luccaId: '1',
            employeeNumber: '1',
            name: 'A',
            kind: 'onboarding',
            dueSince: '2026-03-01',
            daysOverdue: 1,
            action: 'x',
          },
        ]);
      },
    }));
    const answer = await h.homeOpened('U0VISITOR');
    expect(answer.status).toBe(200);
    await waitUntil(() => h.slack.callsTo('views.publish').length === 1, 'views.publish');
    const call = h.slack.callsTo('views.publish')[0];
    expect(call?.authorized).toBe(true);
    expect(call?.body.user_id).toBe('U0VISITOR');
    const view = JSON.stringify(call?.body.view);
    expect(view).toContain('"type":"home"');
    expect(view).toContain('run 99');
    expect(view).toContain('1 employee waiting');
    await h.homeOpened('U0VISITOR');
    await waitUntil(() => h.slack.callsTo('views.publish').length === 2, 'second publish');
    expect(loads).toBe(1);
  });

  it('still publishes the Home tab when GitHub is down', async () => {
    const h = (harness = await startHarness());
    h.github.failWith(500);
    await h.homeOpened('U0VISITOR');
    await waitUntil(() => h.slack.callsTo('views.publish').length === 1, 'views.publish', 15_000);
    const view = JSON.stringify(h.slack.callsTo('views.publish')[0]?.body.view);
    expect(view).toContain('GitHub could not be reached');
    expect(view).toContain('unavailable');
  }, 30_000);

  it('posts a watchdog alert to the channel when no nightly run succeeded for 26 hours', async () => {
    const h = (harness = await startHarness({
      watchdogIntervalMs: 60_000,
      github: {
        runs: [
          fakeRun({ id: 5, createdAt: hoursAgo(50) }),
          fakeRun({ id: 6, conclusion: 'failure', createdAt: hoursAgo(20) }),
        ],
      },
    }));
    await waitUntil(() => h.slack.callsTo('chat.postMessage').length === 1, 'the alert');
    const post = h.slack.callsTo('chat.postMessage')[0];
    expect(post?.body.channel).toBe('C0SYNC360');
    expect(String(post?.body.text)).toContain('no successful nightly sync in the last 26 hours');
    expect(JSON.stringify(post?.body.blocks)).toContain('run 5');
  });

  it('alerts the channel when it cannot check, e.g. GitHub refuses its token', async () => {
    const h = (harness = await startHarness({ watchdogIntervalMs: 60_000 }));
    h.github.failWith(401);
    await waitUntil(() => h.slack.callsTo('chat.postMessage').length === 1, 'the alert');
    const post = h.slack.callsTo('chat.postMessage')[0];
    expect(post?.body.channel).toBe('C0SYNC360');
    const text = JSON.stringify(post?.body);
    expect(text).toContain('cannot check the nightly sync');
    expect(text).toContain('GitHub could not be asked (`github-auth`, HTTP 401)');
    expect(text).toContain("An admin must change sync360's settings");
    expect(text).not.toContain(h.github.url);
    expect(text).not.toContain(h.github.repository);
    expect(text).not.toMatch(/GITHUB_|SLACK_/);
    expect(h.logs.some((line) => line.startsWith('watchdog: cannot check'))).toBe(true);
  });

  it('stays quiet when the nightly run is healthy', async () => {
    const h = (harness = await startHarness({
      watchdogIntervalMs: 30,
      github: { runs: [fakeRun({ id: 7, createdAt: hoursAgo(2) })] },
    }));
    await waitUntil(
      () => h.logs.some((line) => line.startsWith('watchdog: ok')),
      'a healthy check',
    );
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
