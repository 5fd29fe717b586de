import {
  startFakeGithub,
  type FakeGithub,
  type FakeGithubOptions,
} from '@sync360/testkit/github-api';
import { afterEach } from 'vitest';
import type { GithubSettings } from '../src/index.js';

export const TOKEN = 'ghp_test_Secret_Token_1234567890';

export interface Harness {
  readonly fake: FakeGithub;
  readonly settings: GithubSettings;
}

/** A fake GitHub that requires TOKEN, and settings pointing at it. */
export const startHarness = async (options: FakeGithubOptions = {}): Promise<Harness> => {
  const fake = await startFakeGithub({ token: TOKEN, ...options });
  return {
    fake,
    settings: {
      token: TOKEN,
      repository: fake.repository,
      apiUrl: fake.url,
      workflow: fake.workflow,
      ref: 'main',
      // Octokit's retry and rate-limit waits count in seconds: 10 ms each here.
      secondMs: 10,
    },
  };
};

/** A `start` function whose fake is closed after each test of the calling file. */
export const useHarness = (): ((options?: FakeGithubOptions) => Promise<Harness>) => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.fake.close();
    harness = null;
  });
  return async (options) => {
    harness = await startHarness(options);
    return harness;
  };
};

/** Whatever `promise` rejects with (fails the test when it resolves). */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
};
