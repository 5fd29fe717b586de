import { fakeRun } from '@sync360/testkit/github-api';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedUser, githubToken, postText, startHarness, type Harness } from './harness.js';

describe('/sync360 now and preview over signed HTTP', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('dispatches exactly once for an allowed user and announces it in the channel', async () => {
    const h = (harness = await startHarness());
    const answer = await h.command('now');
    expect(answer.status).toBe(200);
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.ref).toBe('main');
    expect(h.github.dispatches[0]?.inputs).toEqual({ dry_run: 'false', requested_by: allowedUser });
    const reply = h.responses.postsTo(answer.responseUrl)[0]?.body ?? {};
    expect(reply.response_type).toBe('in_channel');
    expect(postText(reply)).toContain(`<@${allowedUser}> started the sync360 sync now`);
    expect(postText(reply)).toContain(
      'https://github.com/acme/sync360/actions/workflows/sync360-nightly.yml',
    );
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
      20_000,
    );
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.inputs).toEqual({ dry_run: 'true', requested_by: allowedUser });
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain('preview');
  }, 30_000);

  it('links the run already in progress instead of dispatching', async () => {
    const running = fakeRun({ id: 777, status: 'in_progress' });
    const h = (harness = await startHarness({ github: { runs: [running] } }));
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    expect(h.github.dispatches).toHaveLength(0);
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
    expect(postText(reply)).toContain('SLACK_ALLOWED_USER_IDS');
    expect(postText(reply)).toContain('U0STRANGER');
    expect(h.github.dispatches).toHaveLength(0);
    expect(h.github.requests).toHaveLength(0);
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

  it('answers a GitHub error with a clear message and no secret', async () => {
    const h = (harness = await startHarness());
    h.github.failWith(401);
    const answer = await h.command('now');
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the reply');
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('Could not start the sync');
    expect(text).toContain('What to do');
    expect(text).toContain('GITHUB_TOKEN');
    expect(text).not.toContain(githubToken);
    expect(h.github.dispatches).toHaveLength(0);
  });

  it('answers an unreachable GitHub with a clear message', async () => {
    const h = (harness = await startHarness());
    await h.github.close();
    const answer = await h.command('status');
    await waitUntil(
      () => h.responses.postsTo(answer.responseUrl).length === 1,
      'the reply',
      15_000,
    );
    const text = postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {});
    expect(text).toContain('Could not read the last runs from GitHub');
  }, 30_000);
});
