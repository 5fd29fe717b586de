import { fakeRun } from '@sync360/testkit/github-api';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedUser, githubToken, postText, startHarness, type Harness } from './harness.js';

/** What anyone in the channel could read must not show where the bot's systems are. */
const expectNoInternals = (text: string, h: Harness): void => {
  expect(text).not.toContain(h.github.url);
  expect(text).not.toContain(h.github.repository);
  expect(text).not.toMatch(/GITHUB_|SLACK_|LUCCA_|SYNC360_/);
};

describe('/sync360 now and preview over signed HTTP', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('acks with what is happening, announces the request in the channel and dispatches it as the thread', async () => {
    const h = (harness = await startHarness());
    const answer = await h.command('now');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Starting a sync…');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const [parent] = h.slack.callsTo('chat.postMessage');
    expect(parent?.body.channel).toBe('C0SYNC360');
    expect(String(parent?.body.text)).toBe(`Sync requested by <@${allowedUser}>`);
    expectNoInternals(JSON.stringify(parent?.body), h);
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.ref).toBe('main');
    const inputs = h.github.dispatches[0]?.inputs ?? {};
    expect(inputs).toEqual({
      dry_run: 'false',
      requested_by: allowedUser,
      slack_thread: expect.stringMatching(/^C0SYNC360:\d+\.\d+$/),
    });
    const reply = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(reply.response_type).toBe('ephemeral');
    expect(postText(reply)).toContain(`<@${allowedUser}> started the sync360 sync now`);
    expect(postText(reply)).toContain(
      'https://github.com/acme/sync360/actions/workflows/sync360-nightly.yml',
    );
    expect(postText(reply)).toContain('<#C0SYNC360>');
  });

  it('without an ops channel still dispatches, with no thread, and says so in the channel', async () => {
    const h = (harness = await startHarness({ channelId: '' }));
    const answer = await h.command('preview');
    expect(answer.body).toContain('Starting a preview');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(h.github.dispatches[0]?.inputs).toEqual({ dry_run: 'true', requested_by: allowedUser });
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    const reply = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(reply.response_type).toBe('in_channel');
    expect(postText(reply)).toContain('preview');
  });

  it('acks within 3 s even when GitHub takes 4 s, then dispatches once', async () => {
    const h = (harness = await startHarness({ github: { delayMs: 4000 } }));
    const answer = await h.command('preview');
    expect(answer.status).toBe(200);
    expect(answer.elapsedMs).toBeLessThan(3000);
    expect(h.github.dispatches).toHaveLength(0);
    await waitUntil(
      () => h.responses.postsTo(answer.responseUrl).length === 1,
      'the reply',
      30_000,
    );
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.inputs).toMatchObject({
      dry_run: 'true',
      requested_by: allowedUser,
    });
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain('preview');
  }, 40_000);

  it('links the run already in progress instead of dispatching, and announces nothing', async () => {
    const running = fakeRun({ id: 777, status: 'in_progress' });
    const h = (harness = await startHarness({ github: { runs: [running] } }));
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(h.github.dispatches).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    const reply = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(reply.response_type).toBe('ephemeral');
    expect(postText(reply)).toContain('already running');
    expect(postText(reply)).toContain('https://github.com/acme/sync360/actions/runs/777');
  });

  it('links a queued run too', async () => {
    const h = (harness = await startHarness({
      github: { runs: [fakeRun({ id: 778, status: 'queued' })] },
    }));
    const answer = await h.command('preview');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(h.github.dispatches).toHaveLength(0);
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'actions/runs/778',
    );
  });

  it('tells a user who is not allowed how to be allowed, and dispatches nothing', async () => {
    const h = (harness = await startHarness());
    const answer = await h.command('now', 'U0STRANGER');
    expect(answer.status).toBe(200);
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const reply = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(reply.response_type).toBe('ephemeral');
    expect(postText(reply)).toContain("an admin must change sync360's settings");
    expect(postText(reply)).toContain(`Ask <@${allowedUser}>, <@U0OTHER>`);
    expect(postText(reply)).toContain('U0STRANGER');
    expect(h.github.dispatches).toHaveLength(0);
    expect(h.github.requests).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('allows nobody when the list is empty, and says so', async () => {
    const h = (harness = await startHarness({ allowed: '' }));
    const answer = await h.command('preview');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'Nobody is allowed yet',
    );
    expect(h.github.dispatches).toHaveLength(0);
  });

  it('refuses words after a subcommand with the help, and starts nothing', async () => {
    const h = (harness = await startHarness());
    const dry = await h.command('now --dry-run');
    const polite = await h.command('preview please');
    await waitUntil(() => h.responses.posts.length === 2, 'two replies');
    const text = postText(h.responses.postsTo(dry.responseUrl)[0]?.body ?? {});
    expect(text).toContain('`/sync360 now` takes no options');
    // The user's own words are not echoed: a flag never appears in Slack.
    expect(text).not.toContain('--dry-run');
    expect(text).toContain('/sync360 preview');
    expect(postText(h.responses.postsTo(polite.responseUrl)[0]?.body ?? {})).toContain(
      '`/sync360 preview` takes no options',
    );
    expect(dry.body).not.toContain('Starting');
    expect(h.github.requests).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers a repeated request (same trigger_id) once and dispatches once', async () => {
    const h = (harness = await startHarness());
    const first = await h.command('now', allowedUser, '1700000000.42.trigger');
    const again = await h.command('now', allowedUser, '1700000000.42.trigger');
    expect(again.status).toBe(200);
    expect(again.body).not.toContain('Starting');
    await waitUntil(() => h.responses.postsTo(first.responseUrl).length === 1, 'the reply');
    await waitUntil(() => h.logs.some((line) => line.includes('already answered')), 'the log');
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.responses.postsTo(again.responseUrl)).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('never says "try again" when GitHub may have received the dispatch', async () => {
    const h = (harness = await startHarness());
    h.github.failWith(502, { route: 'dispatch' });
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('it may have started');
    expect(text).toContain('/sync360 status');
    expect(text.toLowerCase()).not.toContain('try again');
    const [update] = h.slack.callsTo('chat.update');
    expect(JSON.stringify(update?.body)).toContain('it may have started');
    expectNoInternals(JSON.stringify(update?.body), h);
  });

  it('says nothing started when GitHub refuses the dispatch', async () => {
    const h = (harness = await startHarness());
    h.github.failWith(422, { route: 'dispatch' });
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'Could not start the sync',
    );
    const [update] = h.slack.callsTo('chat.update');
    expect(JSON.stringify(update?.body)).toContain('nothing started');
    expectNoInternals(JSON.stringify(update?.body), h);
  });

  it('answers a GitHub error with a clear message, no secret and no API address', async () => {
    const h = (harness = await startHarness());
    h.github.failWith(401);
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('Could not start the sync');
    expect(text).toContain('What to do');
    expect(text).toContain('`github-auth`, HTTP 401');
    expect(text).toContain("An admin must change sync360's settings");
    expectNoInternals(text, h);
    expect(text).not.toContain(githubToken);
    expect(text).not.toContain(h.github.url);
    expect(text).not.toContain(h.github.repository);
    expect(h.github.dispatches).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers an unreachable GitHub with a clear message', async () => {
    const h = (harness = await startHarness());
    await h.github.close();
    const answer = await h.command('status');
    expect(answer.body).toContain('Reading the last runs');
    await waitUntil(
      () => h.responses.postsTo(answer.responseUrl).length === 1,
      'the reply',
      15_000,
    );
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('Could not read the last runs from GitHub');
  }, 30_000);
});
