import { fakeRun } from '@sync360/testkit/github-api';
import { makeReport } from '@sync360/testkit/report-fixtures';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { runAlertMessage } from '@sync360/slack-messages';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedUser, postText, startHarness, type Harness } from './harness.js';

const sha = '0123456789abcdef'.repeat(4);

/** The runner's blocked alert, as Slack sends its blocks back with a click (JSON round trip). */
const alertBlocks = (): unknown[] => {
  const report = makeReport({
    outcome: 'blocked',
    destination: null,
    file: { name: 'users.csv', rows: 240, bytes: 20_000, sha256: sha },
    guard: { tripped: true, reasons: ['too-many-deactivations'] },
  });
  const parsed: unknown = JSON.parse(JSON.stringify(runAlertMessage(report).blocks));
  return Array.isArray(parsed) ? parsed : [];
};

describe('the sync360_approve button over signed HTTP', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  const clickOnAlert = async (h: Harness, userId: string, ts: string, threadTs?: string) =>
    h.click({
      userId,
      value: sha,
      channelId: 'C0SYNC360',
      messageTs: ts,
      blocks: alertBlocks(),
      ...(threadTs === undefined ? {} : { threadTs }),
    });

  it('dispatches the delivery of exactly that file in the alert thread, and updates the alert', async () => {
    const h = (harness = await startHarness());
    const ts = h.slack.seedMessage('C0SYNC360');
    const answer = await clickOnAlert(h, allowedUser, ts);
    expect(answer.status).toBe(200);
    await waitUntil(() => h.slack.callsTo('chat.update').length === 1, 'the update');
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.inputs).toEqual({
      dry_run: 'false',
      requested_by: allowedUser,
      approve_sha256: sha,
      slack_thread: `C0SYNC360:${ts}`,
    });
    const update = h.slack.callsTo('chat.update')[0]?.body ?? {};
    expect(update).toMatchObject({ channel: 'C0SYNC360', ts });
    const blocks = JSON.stringify(update.blocks);
    expect(blocks).not.toContain('sync360_approve');
    expect(blocks).toContain('BLOCKED');
    expect(blocks).toContain(`approved by <@${allowedUser}> at `);
    expect(blocks).toContain(
      '<https://github.com/acme/sync360/actions/workflows/sync360-nightly.yml|the delivery runs in GitHub>',
    );
    expect(h.responses.postsTo(answer.responseUrl)).toHaveLength(0);
  });

  it('uses the thread of a reply, and dispatches even while a run is in progress', async () => {
    const h = (harness = await startHarness({
      github: { runs: [fakeRun({ id: 5, status: 'in_progress' })] },
    }));
    const parent = h.slack.seedMessage('C0SYNC360');
    const reply = h.slack.seedMessage('C0SYNC360');
    await clickOnAlert(h, allowedUser, reply, parent);
    await waitUntil(() => h.github.dispatches.length === 1, 'the dispatch');
    expect(h.github.dispatches[0]?.inputs.slack_thread).toBe(`C0SYNC360:${parent}`);
  });

  it('refuses a stranger privately, and nothing happens', async () => {
    const h = (harness = await startHarness());
    const ts = h.slack.seedMessage('C0SYNC360');
    const answer = await clickOnAlert(h, 'U0STRANGER', ts);
    expect(answer.status).toBe(200);
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the refusal');
    const refusal = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(refusal.response_type).toBe('ephemeral');
    expect(refusal.replace_original).toBe(false);
    expect(postText(refusal)).toContain(
      `Only approvers can approve: ask <@${allowedUser}>, <@U0OTHER>`,
    );
    expect(h.github.requests).toHaveLength(0);
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
  });

  it('only SLACK_APPROVER_USER_IDS may approve when it is set, even among allowed users', async () => {
    const h = (harness = await startHarness({ env: { SLACK_APPROVER_USER_IDS: 'U0BOSS' } }));
    const ts = h.slack.seedMessage('C0SYNC360');
    const refused = await clickOnAlert(h, allowedUser, ts);
    await waitUntil(() => h.responses.postsTo(refused.responseUrl).length === 1, 'the refusal');
    expect(h.github.requests).toHaveLength(0);
    await clickOnAlert(h, 'U0BOSS', ts);
    await waitUntil(() => h.github.dispatches.length === 1, 'the dispatch');
    expect(h.github.dispatches[0]?.inputs.requested_by).toBe('U0BOSS');
  });

  it('dispatches a repeated click on the same message and file once', async () => {
    const h = (harness = await startHarness());
    const ts = h.slack.seedMessage('C0SYNC360');
    await clickOnAlert(h, allowedUser, ts);
    await waitUntil(() => h.github.dispatches.length === 1, 'the dispatch');
    const again = await clickOnAlert(h, 'U0OTHER', ts);
    await waitUntil(() => h.responses.postsTo(again.responseUrl).length === 1, 'the answer');
    expect(postText(h.responses.postsTo(again.responseUrl)[0]?.body ?? {})).toContain(
      'already approved',
    );
    expect(h.github.dispatches).toHaveLength(1);
  });

  it('says it may have started when GitHub does not answer, never "try again"', async () => {
    const h = (harness = await startHarness({ githubTimeoutMs: 500, github: { delayMs: 1500 } }));
    const ts = h.slack.seedMessage('C0SYNC360');
    const answer = await clickOnAlert(h, allowedUser, ts);
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the answer');
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('it may have started');
    expect(text).toContain('/sync360 status');
    expect(text.toLowerCase()).not.toContain('try again');
    // It had indeed reached GitHub: the request was sent, only the answer never came.
    expect(h.github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
  }, 30_000);

  it('ignores a click whose value is not a sha256', async () => {
    const h = (harness = await startHarness());
    const answer = await h.click({
      userId: allowedUser,
      value: 'not-a-sha',
      channelId: 'C0SYNC360',
      messageTs: h.slack.seedMessage('C0SYNC360'),
    });
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the answer');
    expect(h.github.requests).toHaveLength(0);
  });
});
