import { fakeRun } from '@sync360/testkit/github-api';
import {
  luccaActiveEntryId,
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
  type LuccaFault,
} from '@sync360/testkit/lucca-server';
import { checkSlackPayloads } from '@sync360/testkit/slack-privacy';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedUser, postText, startHarness, type Harness } from './harness.js';

// SPEC §10 "Words for HR people", point by point, as an HR admin meets them: signed requests to
// the real Bolt receiver, the Lucca and GitHub fakes behind the bot.

const today = '2026-01-15';
const hrChannel = 'G0HR';

/** 1001 left on 2026-01-01 but is still Active (offboarding); 1002 has no status (onboarding). */
const tenant = (
  faults: { users?: LuccaFault[]; write?: LuccaFault[] } = {},
): Promise<FakeLucca> => {
  const [leaver, joiner, settled] = makeLuccaUsers(3, { statusStyle: 'none', today });
  return startFakeLucca({
    today,
    users: [
      {
        ...leaver,
        dtContractEnd: '2026-01-01T00:00:00',
        extendedData: { e_360_status: { id: 7001, value: luccaActiveEntryId } },
      },
      joiner,
      { ...settled, extendedData: { e_360_status: { id: 7003, value: luccaActiveEntryId } } },
    ],
    ...(faults.users === undefined ? {} : { faults: faults.users }),
    ...(faults.write === undefined ? {} : { writeFaults: faults.write }),
  });
};

const value = (luccaId: string, status: 'Active' | 'Inactive'): string =>
  JSON.stringify({ luccaId, status });

const answersTo = (h: Harness, url: string): string[] =>
  h.responses.postsTo(url).map((post) => postText(post.body));

describe('Slack words for HR people (bot)', () => {
  let harness: Harness | null = null;
  let lucca: FakeLucca | null = null;
  afterEach(async () => {
    await harness?.close();
    await lucca?.close();
    harness = null;
    lucca = null;
  });

  const start = async (
    faults: { users?: LuccaFault[]; write?: LuccaFault[] } = {},
    env: Record<string, string> = {},
  ): Promise<Harness> => {
    lucca = await tenant(faults);
    harness = await startHarness({
      lucca,
      now: () => new Date('2026-01-15T09:42:00Z'),
      slack: { channels: { [hrChannel]: { private: true } } },
      env: { SYNC360_TODAY: today, SLACK_HR_CHANNEL_ID: hrChannel, ...env },
    });
    return harness;
  };

  it('a Lucca error reaches /sync360 pending as what failed, HTTP 400 and our code, never its body', async () => {
    const h = await start({ users: ['400'] });
    const answer = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the answer');
    const [text = ''] = answersTo(h, answer.responseUrl);
    expect(text).toContain(
      'Could not read the employees from Lucca (`lucca-http-error`, HTTP 400)',
    );
    expect(text).toContain("An admin must change sync360's settings");
    expect(text).not.toContain('camille');
    expect(text).not.toContain('Camille Blanc');
    expect(text).not.toContain('Invalid filter');
    // The whole error is in the bot's log, for whoever runs it.
    expect(h.logs.join('\n')).toContain('HTTP 400');
  });

  it('a status write a proxy answers 500: no body, and advice that fits a write', async () => {
    const h = await start({ write: ['500', '500', '500'] });
    const answer = await h.click({
      actionId: 'sync360_set_status',
      userId: allowedUser,
      value: value('1001', 'Inactive'),
      channelId: hrChannel,
      messageTs: h.slack.seedMessage(hrChannel),
    });
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the answer');
    const [text = ''] = answersTo(h, answer.responseUrl);
    expect(text).toContain('Could not set the 360 status (`lucca-server-error`, HTTP 500)');
    expect(text).toContain('Nothing was written.');
    expect(text).toContain('try again in a few minutes');
    expect(text).not.toContain('nothing was delivered');
    expect(text).not.toContain('run again');
    expect(text).not.toContain('Internal server error');
  });

  it('Set status from /sync360 pending replaces the list line; a second click on a stale copy answers once "already done"', async () => {
    const h = await start();
    const pending = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(pending.responseUrl).length === 1, 'the list');
    const click = () =>
      h.click({
        actionId: 'sync360_set_status',
        userId: allowedUser,
        value: value('1002', 'Active'),
        channelId: 'C0HR',
        messageTs: '1700000000.000001',
        ephemeral: true,
      });
    const first = await click();
    await waitUntil(() => h.responses.postsTo(first.responseUrl).length === 1, 'the update');
    const [replaced] = h.responses.postsTo(first.responseUrl);
    expect(replaced?.body.replace_original).toBe(true);
    const page = JSON.stringify(replaced?.body.blocks);
    expect(page).toContain(`set to Active by <@${allowedUser}> at 10:42`);
    // The other task keeps its button; the settled one has none.
    expect(page).toContain(value('1001', 'Inactive').replace(/"/g, '\\"'));
    expect(page).not.toContain(value('1002', 'Active').replace(/"/g, '\\"'));
    await waitUntil(() => h.slack.callsTo('chat.postMessage').length === 1, 'the audit line');

    const stale = await click();
    await waitUntil(() => h.responses.postsTo(stale.responseUrl).length >= 1, 'the answer');
    await waitUntil(() => h.logs.filter((l) => l.includes('already-done')).length === 1, 'done');
    const answers = h.responses.postsTo(stale.responseUrl);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body.replace_original).toBe(true);
    expect(postText(answers[0]?.body ?? {})).toContain('already done');
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('the audit line names the employee by name and number, read from Lucca when the cache is cold', async () => {
    // Lucca's list is down: the bot has no reminders cached, only the write's own read.
    const h = await start({ users: ['500', '500', '500'] });
    await h.click({
      actionId: 'sync360_set_status',
      userId: allowedUser,
      value: value('1001', 'Inactive'),
      channelId: hrChannel,
      messageTs: h.slack.seedMessage(hrChannel),
    });
    await waitUntil(() => h.slack.callsTo('chat.postMessage').length === 1, 'the audit line');
    const audit = String(h.slack.callsTo('chat.postMessage')[0]?.body.text);
    expect(audit).toContain('set the 360 status of Camille Martin (#E00001) to Inactive');
    expect(audit).not.toContain('Lucca id');
  });

  it('an allowed user who is not an approver is told who can approve, with no setting named', async () => {
    const h = await start({}, { SLACK_APPROVER_USER_IDS: 'U0BOSS' });
    const answer = await h.click({
      userId: allowedUser,
      value: 'ab'.repeat(32),
      channelId: 'C0SYNC360',
      messageTs: h.slack.seedMessage('C0SYNC360'),
    });
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the refusal');
    const [text = ''] = answersTo(h, answer.responseUrl);
    expect(text).toContain('Only approvers can approve: ask <@U0BOSS>');
    expect(h.github.dispatches).toHaveLength(0);
  });

  it('Approve on a thread reply passes the thread parent as slack_thread', async () => {
    const h = await start();
    const parent = h.slack.seedMessage('C0SYNC360');
    const reply = h.slack.seedMessage('C0SYNC360');
    await h.click({
      userId: allowedUser,
      value: 'ab'.repeat(32),
      channelId: 'C0SYNC360',
      messageTs: reply,
      threadTs: parent,
    });
    await waitUntil(() => h.github.dispatches.length === 1, 'the dispatch');
    expect(h.github.dispatches[0]?.inputs.slack_thread).toBe(`C0SYNC360:${parent}`);
  });

  it('a stale App Home click from a user who may not act gets a private refusal', async () => {
    const h = await start();
    await h.click({
      actionId: 'sync360_set_status',
      userId: 'U0STRANGER',
      value: value('1001', 'Inactive'),
      channelId: '',
      messageTs: '',
      home: true,
    });
    await waitUntil(() => h.slack.callsTo('chat.postMessage').length === 1, 'the refusal');
    const refusal = h.slack.callsTo('chat.postMessage')[0]?.body ?? {};
    // A direct message from the bot: only they see it.
    expect(refusal.channel).toBe('U0STRANGER');
    expect(String(refusal.text)).toContain('Setting a 360 status is limited to allowed users');
    expect(h.logs.join('\n')).not.toContain('is not a function');
    expect(lucca?.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('/sync360 now while only a preview runs dispatches the delivery and says so', async () => {
    const h = (harness = await startHarness({
      github: {
        runs: [
          fakeRun({
            id: 41,
            status: 'in_progress',
            displayTitle: 'sync360 preview (requested by U0OTHER)',
          }),
        ],
      },
    }));
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.inputs.dry_run).toBe('false');
    const [text = ''] = answersTo(h, answer.responseUrl);
    expect(text).toContain('started the sync360 sync now');
    expect(text).toContain('A preview is running too');
    expect(text).toContain('actions/runs/41');
  });

  it('the privacy check itself catches each kind of slip', () => {
    const verdict = checkSlackPayloads(
      [
        { where: 'C0OPS', body: { text: 'Camille Martin left' } },
        { where: 'U0A', body: { blocks: [{ text: { text: 'set SLACK_ALLOWED_USER_IDS' } }] } },
        { where: 'U0A', body: { text: 'run it with `--force`' } },
        { where: 'U0A', body: { text: 'HTTP 400 "{\\"Message\\":\\"x\\"}"' } },
        { where: 'U0A', body: { text: 'ask hr@acme.fr' } },
        { where: 'U0A', body: { text: 'Camille Martin: fine in a direct message' } },
      ],
      { opsChannels: ['C0OPS'], names: ['Camille Martin'] },
    );
    expect(verdict.checked).toBe(6);
    expect(verdict.ops).toBe(1);
    expect(verdict.problems).toHaveLength(5);
  });
});
