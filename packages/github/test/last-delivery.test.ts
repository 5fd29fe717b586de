import { fakeRun } from '@sync360/testkit/github-api';
import { describe, expect, it } from 'vitest';
import { runWatchdog } from '../src/index.js';
import { useHarness } from './helpers.js';

const start = useHarness();

const NOW = new Date('2026-03-10T09:00:00Z');
const at = (hoursAgo: number): Date => new Date(NOW.getTime() - hoursAgo * 3_600_000);

/** A scheduled firing the Paris-hour guard turned away: success, deliver job skipped. */
const skippedFiring = (hoursAgo: number) =>
  fakeRun({
    createdAt: at(hoursAgo),
    jobs: [
      { name: 'guard', conclusion: 'success' },
      { name: 'deliver', conclusion: 'skipped' },
    ],
  });

describe('runWatchdog: the last delivering run', () => {
  it('finds the delivering run behind a newer skipped firing', async () => {
    const delivered = fakeRun({ createdAt: at(7) });
    const { settings } = await start({ runs: [skippedFiring(6), delivered] });
    expect(await runWatchdog(settings, NOW)).toMatchObject({
      healthy: true,
      lastSuccess: { id: delivered.id },
    });
  });

  it('is not fooled by skipped firings when the real runs fail', async () => {
    const { settings } = await start({
      runs: [
        skippedFiring(6),
        fakeRun({ createdAt: at(7), conclusion: 'failure' }),
        skippedFiring(30),
        fakeRun({ createdAt: at(31), conclusion: 'failure' }),
      ],
    });
    const verdict = await runWatchdog(settings, NOW);
    expect(verdict).toMatchObject({ healthy: false, lastSuccess: null });
    expect(verdict.reason).toMatch(/2 success, 2 failure.*previews or firings/);
  });

  it('ignores successful previews', async () => {
    const { settings } = await start({
      runs: [
        fakeRun({ createdAt: at(1), displayTitle: 'sync360 preview (requested by U1)' }),
        fakeRun({ createdAt: at(2), jobs: [{ name: 'preview', conclusion: 'success' }] }),
        fakeRun({ createdAt: at(40) }),
      ],
    });
    const verdict = await runWatchdog(settings, NOW);
    expect(verdict.healthy).toBe(false);
    expect(verdict.reason).toMatch(/last one was 40\.0 h ago/);
  });

  it('says the schedule may be disabled when the workflow has no run', async () => {
    const { settings } = await start();
    const verdict = await runWatchdog(settings, NOW);
    expect(verdict).toMatchObject({ healthy: false });
    expect(verdict.reason).toMatch(/60 days/);
  });
});
