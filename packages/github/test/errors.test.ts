import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { GithubError, listRecentRuns, type GithubSettings } from '../src/index.js';
import { rejection, startHarness, TOKEN, type Harness } from './helpers.js';

let harness: Harness | null = null;
const start = async (): Promise<Harness> => {
  harness = await startHarness();
  return harness;
};
afterEach(async () => {
  await harness?.fake.close();
  harness = null;
});

/** Everything an error could leak through: message, hint, details, stack, inspect output. */
const everything = (error: unknown): string =>
  [String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join('\n');

const expectGithubError = (error: unknown, code: string): void => {
  expect(error).toBeInstanceOf(GithubError);
  expect(error).toMatchObject({ code, kind: 'internal' });
  expect(everything(error)).not.toContain(TOKEN);
};

describe('GitHub errors', () => {
  it('401: the token is refused; the hint names actions:write and GITHUB_TOKEN', async () => {
    const h = await start();
    const error = await rejection(
      listRecentRuns({ ...h.settings, token: 'ghp_revoked_Token_0987654321' }),
    );
    expectGithubError(error, 'github-auth');
    expect(everything(error)).not.toContain('ghp_revoked_Token_0987654321');
    expect(error).toMatchObject({
      status: 401,
      message: expect.stringContaining('Bad credentials'),
      hint: expect.stringMatching(/actions:write.*GITHUB_TOKEN/),
    });
  });

  it('403: the token lacks a permission', async () => {
    const h = await start();
    h.fake.failWith(403);
    const error = await rejection(listRecentRuns(h.settings));
    expectGithubError(error, 'github-forbidden');
    expect(error).toHaveProperty('hint', expect.stringContaining('actions:write'));
  });

  it('404: the repository or workflow is wrong; the hint names the variables', async () => {
    const h = await start();
    const error = await rejection(listRecentRuns({ ...h.settings, workflow: 'nightly.yml' }));
    expectGithubError(error, 'github-not-found');
    expect(error).toMatchObject({
      status: 404,
      hint: expect.stringMatching(/GITHUB_REPOSITORY.*SYNC360_WORKFLOW \(nightly\.yml\)/),
    });
    const wrongRepo = await rejection(listRecentRuns({ ...h.settings, repository: 'acme/other' }));
    expectGithubError(wrongRepo, 'github-not-found');
  });

  it('500: GitHub is having trouble', async () => {
    const h = await start();
    h.fake.failWith(500, { message: 'Server Error' });
    const error = await rejection(listRecentRuns(h.settings));
    expectGithubError(error, 'github-api');
    expect(error).toMatchObject({ status: 500, hint: expect.stringContaining('githubstatus') });
  });

  it('an unreachable server is github-unreachable', async () => {
    const h = await start();
    const settings: GithubSettings = { ...h.settings };
    await h.fake.close();
    harness = null;
    const error = await rejection(listRecentRuns(settings));
    expectGithubError(error, 'github-unreachable');
    expect(error).toMatchObject({ status: null, hint: expect.stringContaining('GITHUB_API_URL') });
  });

  it('a server slower than the timeout is github-unreachable', async () => {
    const h = await start();
    h.fake.setDelayMs(2_000);
    const error = await rejection(listRecentRuns({ ...h.settings, timeoutMs: 200 }));
    expectGithubError(error, 'github-unreachable');
  });
});

const gets = (h: Harness): number => h.fake.requests.filter((r) => r.method === 'GET').length;

describe("octokit's retries and rate-limit handling", () => {
  it('retries a 500 and succeeds when GitHub recovers', async () => {
    const h = await start();
    h.fake.failWith(500, { times: 2 });
    expect(await listRecentRuns(h.settings)).toEqual([]);
    expect(gets(h)).toBe(3);
  });

  it('gives up after two retries of a lasting 500', async () => {
    const h = await start();
    h.fake.failWith(500);
    expectGithubError(await rejection(listRecentRuns(h.settings)), 'github-api');
    expect(gets(h)).toBe(3);
  });

  it.each([401, 403, 404, 422])('never retries a %i', async (status) => {
    const h = await start();
    h.fake.failWith(status);
    await rejection(listRecentRuns(h.settings));
    expect(gets(h)).toBe(1);
  });

  it('waits out a secondary rate limit (Retry-After) once, then succeeds', async () => {
    const h = await start();
    h.fake.failWith(403, {
      times: 1,
      message: 'You have exceeded a secondary rate limit',
      headers: { 'retry-after': '1' },
    });
    expect(await listRecentRuns(h.settings)).toEqual([]);
    expect(gets(h)).toBe(2);
  });

  it('does not wait an hour for a primary rate limit: one request, the rate-limit hint', async () => {
    const h = await start();
    const reset = Math.floor(Date.now() / 1000) + 3_600;
    h.fake.failWith(403, {
      message: 'API rate limit exceeded for user ID 1',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    });
    const error = await rejection(listRecentRuns(h.settings));
    expectGithubError(error, 'github-forbidden');
    expect(error).toHaveProperty('hint', expect.stringContaining('limit to reset'));
    expect(gets(h)).toBe(1);
  });
});
