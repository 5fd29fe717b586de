import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeRun } from '@sync360/testkit/github-api';
import { describe, expect, it } from 'vitest';
import { GithubError, findActiveRun, listRecentRuns } from '../src/index.js';
import { rejection, useHarness } from './helpers.js';

const start = useHarness();

describe('listRecentRuns', () => {
  it('maps GitHub runs to WorkflowRun, newest first', async () => {
    const older = fakeRun({ id: 1, conclusion: 'failure', createdAt: '2026-03-01T01:07:00Z' });
    const newer = fakeRun({
      id: 2,
      event: 'workflow_dispatch',
      displayTitle: 'sync360 now (requested by U123)',
      createdAt: '2026-03-02T01:07:00Z',
      updatedAt: '2026-03-02T01:09:30Z',
    });
    const { settings } = await start({ runs: [older, newer] });
    const runs = await listRecentRuns(settings);
    expect(runs).toEqual([
      {
        id: 2,
        status: 'completed',
        conclusion: 'success',
        createdAt: '2026-03-02T01:07:00Z',
        updatedAt: '2026-03-02T01:09:30Z',
        htmlUrl: 'https://github.com/acme/sync360/actions/runs/2',
        event: 'workflow_dispatch',
        displayTitle: 'sync360 now (requested by U123)',
      },
      expect.objectContaining({ id: 1, conclusion: 'failure', event: 'schedule' }),
    ]);
  });

  it('asks for `limit` runs and never returns more', async () => {
    const runs = Array.from({ length: 30 }, (_, i) =>
      fakeRun({ createdAt: new Date(Date.UTC(2026, 0, 1 + i)) }),
    );
    const { settings, fake } = await start({ runs });
    expect(await listRecentRuns(settings, 5)).toHaveLength(5);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/repos/acme/sync360/actions/workflows/sync360-nightly.yml/runs',
      query: { per_page: '5' },
      authorized: true,
    });
    expect(await listRecentRuns(settings)).toHaveLength(20);
  });

  it('returns an empty list for a workflow that never ran', async () => {
    const { settings } = await start();
    expect(await listRecentRuns(settings)).toEqual([]);
  });

  it('fails with a clear GithubError when GITHUB_API_URL answers a web page', async () => {
    const server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html>Sign in</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address: AddressInfo | string | null = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    try {
      const error = await rejection(
        listRecentRuns({
          token: 'ghp_whatever_1234',
          repository: 'acme/sync360',
          apiUrl: `http://127.0.0.1:${String(address.port)}`,
          workflow: 'sync360-nightly.yml',
          ref: 'main',
        }),
      );
      expect(error).toBeInstanceOf(GithubError);
      expect(error).toMatchObject({ code: 'github-api' });
      expect(String(error)).toMatch(/200 with text\/html.* instead of JSON/);
      expect(error).toHaveProperty('hint', expect.stringContaining('GITHUB_API_URL'));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('findActiveRun', () => {
  it('is null when every run has completed', async () => {
    const { settings } = await start({
      runs: [fakeRun(), fakeRun({ conclusion: 'failure' }), fakeRun({ conclusion: 'cancelled' })],
    });
    expect(await findActiveRun(settings)).toBeNull();
  });

  it.each(['queued', 'in_progress', 'waiting', 'requested', 'pending'])(
    'finds a %s run',
    async (status) => {
      const active = fakeRun({ status, createdAt: '2026-05-01T01:07:00Z' });
      const { settings } = await start({
        runs: [fakeRun({ createdAt: '2026-05-01T02:00:00Z' }), active],
      });
      expect(await findActiveRun(settings)).toMatchObject({ id: active.id, status });
    },
  );

  it('prefers the run in progress to a newer queued one', async () => {
    const running = fakeRun({ status: 'in_progress', createdAt: '2026-05-01T01:07:00Z' });
    const queued = fakeRun({ status: 'queued', createdAt: '2026-05-01T01:20:00Z' });
    const { settings } = await start({ runs: [queued, running] });
    expect(await findActiveRun(settings)).toMatchObject({ id: running.id });
  });
});
