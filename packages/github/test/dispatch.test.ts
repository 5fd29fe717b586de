import { fakeRun } from '@sync360/testkit/github-api';
import { describe, expect, it } from 'vitest';
import { GithubError, dispatchWorkflow } from '../src/index.js';
import { rejection, TOKEN, useHarness, type Harness } from './helpers.js';

const start = useHarness();

const posts = (h: Harness): number => h.fake.requests.filter((r) => r.method === 'POST').length;

describe('dispatchWorkflow', () => {
  it('dispatches once on the ref with string inputs', async () => {
    const h = await start({ runs: [fakeRun()] });
    const result = await dispatchWorkflow(h.settings, {
      dry_run: 'false',
      requested_by: 'U024BE7LH',
    });
    expect(result).toEqual({ dispatched: true });
    expect(h.fake.dispatches).toHaveLength(1);
    expect(h.fake.dispatches[0]).toMatchObject({
      ref: 'main',
      inputs: { dry_run: 'false', requested_by: 'U024BE7LH' },
    });
    expect(posts(h)).toBe(1);
  });

  it('sends a preview as dry_run "true", a string', async () => {
    const h = await start();
    await dispatchWorkflow(h.settings, { dry_run: 'true', requested_by: 'U1' });
    const inputs = h.fake.dispatches[0]?.inputs ?? {};
    expect(inputs).toEqual({ dry_run: 'true', requested_by: 'U1' });
    expect(Object.values(inputs).every((value) => typeof value === 'string')).toBe(true);
  });

  it.each(['queued', 'in_progress'])(
    'refuses without posting when a run is %s, and returns it',
    async (status) => {
      const active = fakeRun({ status, event: 'schedule' });
      const h = await start({ runs: [fakeRun({ createdAt: '2026-01-01T00:00:00Z' }), active] });
      const result = await dispatchWorkflow(h.settings, { dry_run: 'false', requested_by: 'U1' });
      expect(result).toEqual({
        dispatched: false,
        activeRun: expect.objectContaining({ id: active.id, status, htmlUrl: active.html_url }),
      });
      expect(posts(h)).toBe(0);
      expect(h.fake.dispatches).toEqual([]);
    },
  );

  it('refuses a second dispatch while the first one is queued', async () => {
    const h = await start({ dispatchCreatesRun: true });
    expect(await dispatchWorkflow(h.settings, { dry_run: 'false', requested_by: 'U1' })).toEqual({
      dispatched: true,
    });
    const second = await dispatchWorkflow(h.settings, { dry_run: 'true', requested_by: 'U2' });
    expect(second).toMatchObject({ dispatched: false, activeRun: { status: 'queued' } });
    expect(h.fake.dispatches).toHaveLength(1);
  });

  it('explains an unknown ref (422) without the token', async () => {
    const h = await start();
    const error = await rejection(
      dispatchWorkflow({ ...h.settings, ref: 'nope' }, { dry_run: 'false', requested_by: 'U1' }),
    );
    expect(error).toBeInstanceOf(GithubError);
    expect(error).toMatchObject({ code: 'github-rejected', status: 422 });
    expect(String(error)).toContain('No ref found for: nope');
    expect(error).toHaveProperty('hint', expect.stringContaining('SYNC360_GIT_REF (nope)'));
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('maps a failing dispatch (500) to github-api and never retries it', async () => {
    const h = await start();
    h.fake.failWith(500, { route: 'dispatch' });
    const error = await rejection(
      dispatchWorkflow(h.settings, { dry_run: 'false', requested_by: 'U1' }),
    );
    expect(error).toMatchObject({ code: 'github-api', status: 500 });
    expect(posts(h)).toBe(1);
  });

  it('passes approve_sha256 and slack_thread as strings, as given', async () => {
    const h = await start();
    const sha = 'ab'.repeat(32);
    await dispatchWorkflow(h.settings, {
      dry_run: 'false',
      requested_by: 'U1',
      approve_sha256: sha,
      slack_thread: 'C0OPS:1712345678.000100',
    });
    expect(h.fake.dispatches[0]?.inputs).toEqual({
      dry_run: 'false',
      requested_by: 'U1',
      approve_sha256: sha,
      slack_thread: 'C0OPS:1712345678.000100',
    });
  });

  it('dispatches even while a run is active when asked to (an approval)', async () => {
    const h = await start({ runs: [fakeRun({ status: 'in_progress' })] });
    const result = await dispatchWorkflow(
      h.settings,
      { dry_run: 'false', requested_by: 'U1', approve_sha256: 'c'.repeat(64) },
      { evenIfActive: true },
    );
    expect(result).toEqual({ dispatched: true });
    expect(h.fake.dispatches).toHaveLength(1);
    expect(h.fake.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('says a dispatch GitHub did not answer may have started, and never sends it twice', async () => {
    const h = await start();
    h.fake.setDelayMs(2_000);
    const error = await rejection(
      dispatchWorkflow(
        { ...h.settings, timeoutMs: 200 },
        { dry_run: 'false', requested_by: 'U1' },
        { evenIfActive: true },
      ),
    );
    expect(error).toMatchObject({ code: 'github-dispatch-unconfirmed', status: null });
    expect(String(error)).toContain('may have started');
    expect(posts(h)).toBe(1);
  });
});
