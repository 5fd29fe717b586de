import { describe, expect, it } from 'vitest';
import { watchdogVerdict, type WorkflowRun } from '../src/index.js';

const NOW = new Date('2026-03-10T09:00:00Z');
const hoursBefore = (hours: number): string =>
  new Date(NOW.getTime() - hours * 3_600_000).toISOString();

const run = (over: Partial<WorkflowRun> & { ageHours: number }): WorkflowRun => ({
  id: Math.round(over.ageHours * 100),
  status: 'completed',
  conclusion: 'success',
  createdAt: hoursBefore(over.ageHours),
  updatedAt: hoursBefore(over.ageHours),
  htmlUrl: 'https://github.com/acme/sync360/actions/runs/1',
  event: 'schedule',
  displayTitle: 'sync360 nightly',
  ...over,
});

describe('watchdogVerdict', () => {
  it('is healthy (quiet) after a success 7 h ago', () => {
    const success = run({ ageHours: 7 });
    const verdict = watchdogVerdict([run({ ageHours: 1, conclusion: 'failure' }), success], NOW);
    expect(verdict).toMatchObject({ healthy: true, lastSuccess: success });
    expect(verdict.reason).toMatch(/7\.0 h ago/);
  });

  it('counts the last update: a run created 27 h ago that finished 25 h ago is fine', () => {
    const verdict = watchdogVerdict([run({ ageHours: 27, updatedAt: hoursBefore(25) })], NOW);
    expect(verdict.healthy).toBe(true);
  });

  it('is stale after 26 h, and names the last success', () => {
    const old = run({ ageHours: 26.5 });
    const verdict = watchdogVerdict([old], NOW);
    expect(verdict).toMatchObject({ healthy: false, lastSuccess: old });
    expect(verdict.reason).toMatch(/no successful nightly run in the last 26 h.*26\.5 h ago/);
  });

  it('draws the line at exactly 26 h, and says which window it judged', () => {
    expect(watchdogVerdict([run({ ageHours: 25.9 })], NOW)).toMatchObject({
      healthy: true,
      maxAgeHours: 26,
    });
    expect(watchdogVerdict([run({ ageHours: 26 })], NOW).healthy).toBe(true);
    expect(watchdogVerdict([run({ ageHours: 26.1 })], NOW)).toMatchObject({
      healthy: false,
      maxAgeHours: 26,
    });
  });

  it('is unhealthy with only failures, and counts them', () => {
    const verdict = watchdogVerdict(
      [
        run({ ageHours: 2, conclusion: 'failure' }),
        run({ ageHours: 20, conclusion: 'failure' }),
        run({ ageHours: 0.1, status: 'in_progress', conclusion: null }),
      ],
      NOW,
    );
    expect(verdict).toMatchObject({ healthy: false, lastSuccess: null });
    expect(verdict.reason).toContain('2 failure, 1 in_progress');
  });

  it('is unhealthy with no run at all, and says the schedule may be disabled', () => {
    const verdict = watchdogVerdict([], NOW);
    expect(verdict).toMatchObject({ healthy: false, lastSuccess: null });
    expect(verdict.reason).toMatch(/schedule may be disabled/);
  });

  it('ignores successful previews', () => {
    const preview = run({ ageHours: 1, displayTitle: 'sync360 preview (requested by U1)' });
    expect(watchdogVerdict([preview, run({ ageHours: 40 })], NOW)).toMatchObject({
      healthy: false,
      lastSuccess: expect.objectContaining({ displayTitle: 'sync360 nightly' }),
    });
  });

  it('ignores unparseable dates instead of crashing', () => {
    expect(
      watchdogVerdict([run({ ageHours: 1, createdAt: 'x', updatedAt: 'y' })], NOW).healthy,
    ).toBe(false);
  });
});
