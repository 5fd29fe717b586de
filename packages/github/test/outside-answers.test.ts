import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeRun } from '@sync360/testkit/github-api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  GithubError,
  checkGithub,
  findActiveRun,
  listRecentRuns,
  runWatchdog,
} from '../src/index.js';
import { TOKEN, rejection, useHarness } from './helpers.js';

// SPEC §7b: a missing field of an outside answer is a documented fallback or a coded error,
// never a crash. GitHub does send these fields; the point is that nothing we read may crash us.

const start = useHarness();
const shown = [
  'display_title',
  'html_url',
  'created_at',
  'updated_at',
  'event',
  'status',
  'conclusion',
];

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('GitHub runs missing the fields sync360 shows', () => {
  it('a run without display_title shows its name; the other fields fall back', async () => {
    const { settings, fake } = await start({
      runs: [
        fakeRun({ id: 7, createdAt: '2026-03-02T01:07:00Z', leftOut: ['display_title'] }),
        fakeRun({ id: 8, createdAt: '2026-03-01T01:07:00Z', leftOut: shown }),
      ],
    });
    expect(await listRecentRuns(settings)).toEqual([
      expect.objectContaining({ id: 7, displayTitle: 'sync360 nightly', event: 'schedule' }),
      {
        id: 8,
        status: 'unknown',
        conclusion: null,
        // run_started_at stands in for created_at.
        createdAt: '2026-03-01T01:07:00Z',
        updatedAt: '2026-03-01T01:07:00Z',
        htmlUrl: `${fake.url}/acme/sync360/actions/runs/8`,
        event: 'unknown',
        displayTitle: 'sync360 nightly',
      },
    ]);
  });

  it('a run without an id is left out (it can be neither named nor linked)', async () => {
    const { settings } = await start({
      runs: [fakeRun({ id: 9, status: 'in_progress', leftOut: ['id'] }), fakeRun({ id: 10 })],
    });
    expect((await listRecentRuns(settings)).map((run) => run.id)).toEqual([10]);
    expect(await findActiveRun(settings)).toBeNull();
  });

  it('the watchdog and doctor run on answers missing fields', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const { settings } = await start({
      runs: [
        fakeRun({
          id: 11,
          createdAt: '2026-03-02T02:07:00Z',
          leftOut: ['display_title', 'html_url', 'jobs.conclusion'],
        }),
        fakeRun({ id: 12, createdAt: '2026-03-02T01:07:00Z', leftOut: ['display_title', 'name'] }),
      ],
    });
    // Run 11's jobs have no conclusion: it cannot count as a delivery; run 12 does.
    const verdict = await runWatchdog(settings, now);
    expect(verdict).toMatchObject({ healthy: true, lastSuccess: { id: 12, displayTitle: '' } });
    const checks = await checkGithub(settings);
    expect(checks.every((check) => check.ok)).toBe(true);
  });

  it('an answer without the list of runs is a coded github-api error', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"total_count":1}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address: AddressInfo | string | null = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const error = await rejection(
      listRecentRuns({
        token: TOKEN,
        repository: 'acme/sync360',
        apiUrl: `http://127.0.0.1:${String(port)}`,
        workflow: 'sync360-nightly.yml',
        ref: 'main',
      }),
    );
    expect(error).toBeInstanceOf(GithubError);
    expect(error).toMatchObject({ code: 'github-api' });
  });
});
