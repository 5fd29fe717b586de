import {
  luccaActiveEntryId,
  luccaInactiveEntryId,
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
} from '@sync360/testkit/lucca-server';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allowedUser,
  postText,
  startHarness,
  type Harness,
  type HarnessOptions,
} from './harness.js';

const today = '2026-01-15';
/** 10:42 in Europe/Paris (UTC+1 in January). */
const clickTime = new Date('2026-01-15T09:42:00Z');
const emailPattern = /[^\s<>@"'`,;:()[\]|\\]+@[^\s<>@"'`,;:()[\]|\\]+\.[a-z]{2,}/i;
const hrChannel = 'G0HR';

/** 1001 left on 2026-01-01 but is still Active (stored value 7001): offboarding; 1002 has no status: onboarding. */
const tenant = (): Promise<FakeLucca> => {
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
  });
};

const value = (luccaId: string, status: 'Active' | 'Inactive'): string =>
  JSON.stringify({ luccaId, status });

const puts = (lucca: FakeLucca) => lucca.requests.filter((request) => request.method === 'PUT');

const storedStatus = (lucca: FakeLucca, id: number): unknown => {
  const user = lucca.users().find((item) => Reflect.get(Object(item), 'id') === id);
  return Reflect.get(Object(Reflect.get(Object(user), 'extendedData')), 'e_360_status');
};

/** Every payload the bot sent to Slack (Web API calls and response_url posts). */
const everything = (h: Harness): string[] => [
  ...h.slack.calls.map((call) => JSON.stringify(call.body)),
  ...h.responses.posts.map((post) => JSON.stringify(post.body)),
];

describe('the sync360_set_status button over signed HTTP, against the Lucca fake', () => {
  let harness: Harness | null = null;
  let lucca: FakeLucca | null = null;
  afterEach(async () => {
    await harness?.close();
    await lucca?.close();
    harness = null;
    lucca = null;
  });

  const fake = (): FakeLucca => {
    if (lucca === null) throw new Error('Lucca fake not started');
    return lucca;
  };

  const start = async (options: HarnessOptions = {}): Promise<Harness> => {
    lucca = await tenant();
    harness = await startHarness({
      lucca,
      now: () => clickTime,
      slack: { channels: { [hrChannel]: { private: true } } },
      ...options,
      env: { SYNC360_TODAY: today, SLACK_HR_CHANNEL_ID: hrChannel, ...options.env },
    });
    return harness;
  };

  /** `/sync360 pending` as the allowed user sees it: its blocks, as Slack sends them back. */
  const pendingBlocks = async (h: Harness): Promise<unknown[]> => {
    const answer = await h.command('pending');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the list');
    const blocks = h.responses.postsTo(answer.responseUrl)[0]?.body.blocks;
    return Array.isArray(blocks) ? blocks : [];
  };

  /** The HR channel's reminder message (posted by the runner), seeded in the fake. */
  const clickInHrChannel = async (h: Harness, userId: string, clicked: string) => {
    const blocks = await pendingBlocks(h);
    const ts = h.slack.seedMessage(hrChannel);
    const answer = await h.click({
      actionId: 'sync360_set_status',
      userId,
      value: clicked,
      channelId: hrChannel,
      messageTs: ts,
      blocks,
    });
    return { answer, ts, blocks };
  };

  it('offboarding: writes Inactive over the stored value id, updates the line, audits in the HR channel', async () => {
    const h = await start();
    const { answer, ts, blocks } = await clickInHrChannel(
      h,
      allowedUser,
      value('1001', 'Inactive'),
    );
    expect(JSON.stringify(blocks)).toContain(value('1001', 'Inactive').replace(/"/g, '\\"'));
    expect(answer.status).toBe(200);
    await waitUntil(() => h.slack.callsTo('chat.update').length === 1, 'the line update');
    const [put] = puts(fake());
    expect(put?.headers['authorization']).toBe(`lucca application=${fake().writeApiKey}`);
    expect(JSON.parse(put?.body ?? '')).toEqual({
      e_360_status: { id: 7001, value: luccaInactiveEntryId },
    });
    expect(storedStatus(fake(), 1001)).toEqual({ id: 7001, value: luccaInactiveEntryId });

    const update = h.slack.callsTo('chat.update')[0]?.body ?? {};
    expect(update).toMatchObject({ channel: hrChannel, ts });
    const updated = JSON.stringify(update.blocks);
    expect(updated).toContain(`set to Inactive by <@${allowedUser}> at 10:42`);
    expect(updated).not.toContain(value('1001', 'Inactive').replace(/"/g, '\\"'));
    // The other line keeps its button.
    expect(updated).toContain(value('1002', 'Active').replace(/"/g, '\\"'));

    const audits = h.slack.callsTo('chat.postMessage');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.body.channel).toBe(hrChannel);
    const audit = String(audits[0]?.body.text);
    expect(audit).toContain(
      `<@${allowedUser}> set the 360 status of Camille Martin (#E00001) to Inactive`,
    );
    expect(audit).toContain('at 10:42');
    expect(audit).toContain('was "Actif"');
    for (const payload of everything(h)) expect(payload).not.toMatch(emailPattern);
  });

  it('onboarding without a stored value writes id 0; a repeated click says already done and writes nothing', async () => {
    const h = await start();
    await clickInHrChannel(h, allowedUser, value('1002', 'Active'));
    await waitUntil(() => h.slack.callsTo('chat.update').length === 1, 'the line update');
    expect(JSON.parse(puts(fake())[0]?.body ?? '')).toEqual({
      e_360_status: { id: 0, value: luccaActiveEntryId },
    });
    expect(Reflect.get(Object(storedStatus(fake(), 1002)), 'value')).toBe(luccaActiveEntryId);
    // The refreshed list no longer has the task.
    expect(JSON.stringify(await pendingBlocks(h))).not.toContain('Léa');

    const again = await h.click({
      actionId: 'sync360_set_status',
      userId: 'U0OTHER',
      value: value('1002', 'Active'),
      channelId: hrChannel,
      messageTs: h.slack.seedMessage(hrChannel),
    });
    await waitUntil(() => h.responses.postsTo(again.responseUrl).length >= 1, 'the answer');
    expect(postText(h.responses.postsTo(again.responseUrl)[0]?.body ?? {})).toContain(
      'already done',
    );
    expect(puts(fake())).toHaveLength(1);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('refuses a stranger privately, and nothing is read or written in Lucca', async () => {
    const h = await start();
    const blocks = await pendingBlocks(h);
    const before = lucca?.requests.length ?? 0;
    const answer = await h.click({
      actionId: 'sync360_set_status',
      userId: 'U0STRANGER',
      value: value('1001', 'Inactive'),
      channelId: hrChannel,
      messageTs: h.slack.seedMessage(hrChannel),
      blocks,
    });
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the refusal');
    const refusal = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(refusal.response_type).toBe('ephemeral');
    expect(postText(refusal)).toContain("an admin must change sync360's settings");
    expect(postText(refusal)).toContain(`Ask <@${allowedUser}>`);
    expect(lucca?.requests.length).toBe(before);
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a write key without the edit right: says which right is missing, nothing changes', async () => {
    // The read-only key given as the write key: Lucca answers the write 403.
    const h = await start({ writeKey: 'test-lucca-key-5f2c9a' });
    const { answer } = await clickInHrChannel(h, allowedUser, value('1001', 'Inactive'));
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the answer');
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('edit right');
    expect(text).toContain('`e_360_status`');
    expect(text).toContain('`lucca-write-forbidden`, HTTP 403');
    expect(text).toContain('Nothing was written.');
    expect(text).not.toContain('test-lucca-key-5f2c9a');
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
    expect(storedStatus(fake(), 1001)).toEqual({ id: 7001, value: luccaActiveEntryId });
  });

  it('a user gone from Lucca: says so, nothing written', async () => {
    const h = await start();
    const answer = await h.click({
      actionId: 'sync360_set_status',
      userId: allowedUser,
      value: value('9999', 'Active'),
      channelId: hrChannel,
      messageTs: h.slack.seedMessage(hrChannel),
    });
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the answer');
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'Lucca no longer has this person',
    );
    expect(puts(fake())).toHaveLength(0);
  });

  it('answers a click on the ephemeral pending list through response_url, and audits to the clicker without a private HR channel', async () => {
    const h = await start({ slack: { channels: { [hrChannel]: { private: false } } } });
    const blocks = await pendingBlocks(h);
    const answer = await h.click({
      actionId: 'sync360_set_status',
      userId: allowedUser,
      value: value('1001', 'Inactive'),
      channelId: 'C0HR',
      messageTs: '1700000000.000001',
      blocks,
      ephemeral: true,
    });
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the update');
    const replaced = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(replaced.replace_original).toBe(true);
    expect(JSON.stringify(replaced.blocks)).toContain(
      `set to Inactive by <@${allowedUser}> at 10:42`,
    );
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
    await waitUntil(() => h.slack.callsTo('chat.postMessage').length === 1, 'the audit line');
    expect(h.slack.callsTo('chat.postMessage')[0]?.body.channel).toBe(allowedUser);
  });

  it('without LUCCA_WRITE_API_KEY: no buttons, and pending says how to enable them', async () => {
    const h = await start({ writeKey: null });
    const text = JSON.stringify(await pendingBlocks(h));
    expect(text).not.toContain('sync360_set_status');
    expect(text).toContain("an admin must change sync360's settings");
  });

  it('App Home: allowed users get the tasks with buttons; others whom to ask, no names', async () => {
    const h = await start();
    await h.homeOpened(allowedUser);
    await h.homeOpened('U0STRANGER');
    await waitUntil(() => h.slack.callsTo('views.publish').length === 2, 'both tabs');
    const viewOf = (user: string): string =>
      JSON.stringify(h.slack.callsTo('views.publish').find((c) => c.body.user_id === user)?.body);
    const mine = viewOf(allowedUser);
    expect(mine).toContain('sync360_set_status');
    expect(mine).toContain('Camille Martin');
    const theirs = viewOf('U0STRANGER');
    expect(theirs).not.toContain('sync360_set_status');
    expect(theirs).not.toContain('Camille');
    expect(theirs).toContain("an admin must change sync360's settings");
    expect(theirs).toContain(`<@${allowedUser}>`);
    // One Lucca fetch served both tabs.
    expect(lucca?.usersRequests().length).toBe(1);
  });
});
