import { fakeRun, startFakeGithub } from '@sync360/testkit/github-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

// SPEC §7b: `sync360 watchdog` never crashes on a GitHub answer missing fields it reads.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('sync360 watchdog on GitHub runs missing fields', () => {
  it('judges the runs it can read, and says what it found', async () => {
    const recent = new Date(Date.now() - 3 * 3_600_000);
    const github = await startFakeGithub({
      token: 'ghp_watchdogtoken0123456789',
      runs: [
        fakeRun({ id: 71, createdAt: recent, leftOut: ['display_title', 'html_url', 'event'] }),
        fakeRun({ id: 72, leftOut: ['id'] }),
      ],
    });
    cleanups.push(() => github.close());
    const temp = await makeTempDir('sync360-watchdog-');
    cleanups.push(temp.cleanup);
    const env = {
      GITHUB_TOKEN: 'ghp_watchdogtoken0123456789',
      GITHUB_REPOSITORY: github.repository,
      GITHUB_API_URL: github.url,
    };
    const healthy = await runCli(['watchdog'], { cwd: temp.path, env });
    expect(healthy.stderr).not.toMatch(/Cannot read properties|TypeError/);
    expect(healthy.code, healthy.stderr).toBe(0);

    github.setRuns([
      fakeRun({ id: 73, conclusion: 'failure', leftOut: ['display_title', 'name', 'created_at'] }),
    ]);
    const stale = await runCli(['watchdog'], { cwd: temp.path, env });
    expect(stale.stderr).not.toMatch(/Cannot read properties|TypeError/);
    expect(stale.code, stale.stdout + stale.stderr).toBe(3);
  });
});
