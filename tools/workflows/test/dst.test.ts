import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localTime } from '../src/local-time.js';
import { shouldProceed } from '../src/paris-hour-guard.js';
import { addMinutes, slotsOf } from './cron-days.js';
import { crons, loadWorkflow } from './workflow-files.js';

const PARIS = 'Europe/Paris';
const DELAYS = [0, 1, 10, 30, 45, 55, 59];

interface Firing {
  readonly cron: string;
  readonly slot: Date;
}

/** The firings of a workflow's crons (around 2026–2027) whose guard says proceed. */
const proceeding = (file: string, hour: number): Firing[] => {
  const all = crons(loadWorkflow(file)).flatMap((cron) =>
    slotsOf(cron, new Date('2025-12-30T00:00:00Z'), new Date('2028-01-02T00:00:00Z')).map(
      (slot) => ({ cron, slot }),
    ),
  );
  return all.filter(({ cron, slot }) => {
    const verdicts = DELAYS.map((delay) =>
      shouldProceed({ name: 'schedule', schedule: cron }, addMinutes(slot, delay), PARIS, hour),
    );
    // However late GitHub starts it (up to 59 min), a firing gets the same verdict.
    expect(new Set(verdicts).size, `${cron} at ${slot.toISOString()}`).toBe(1);
    return verdicts[0] === true;
  });
};

/** Every Paris calendar date of 2026 and 2027. */
const parisDates = (): string[] => {
  const dates: string[] = [];
  for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2028, 0, 1); day += 86_400_000) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
};

const byParisDate = (firings: readonly Firing[]): Map<string, Firing[]> => {
  const map = new Map<string, Firing[]>();
  for (const firing of firings) {
    const { date } = localTime(firing.slot, PARIS);
    map.set(date, [...(map.get(date) ?? []), firing]);
  }
  return map;
};

const isWeekday = (date: string): boolean => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
};

describe('nightly: exactly one run at 03:07 Paris, every night of 2026 and 2027', () => {
  const nights = byParisDate(proceeding('sync360-nightly.yml', 3));

  it('every Paris date has one proceeding firing, whose slot is 03:07 Paris', () => {
    const wrong = parisDates().flatMap((date) => {
      const clocks = (nights.get(date) ?? []).map((f) => localTime(f.slot, PARIS).clock);
      return clocks.length === 1 && clocks[0] === '03:07' ? [] : [`${date}: ${clocks.join(', ')}`];
    });
    expect(wrong).toEqual([]);
    expect(parisDates()).toHaveLength(730);
  });

  it.each([
    ['2026-03-29', '7 1 * * *'],
    ['2026-10-25', '7 2 * * *'],
    ['2027-03-28', '7 1 * * *'],
    ['2027-10-31', '7 2 * * *'],
  ])('the clock-change night %s is served by %s', (date, cron) => {
    expect(nights.get(date)?.map((firing) => firing.cron)).toEqual([cron]);
  });
});

describe('reminders: exactly one run at 09:00 Paris on weekdays, none at weekends', () => {
  const days = byParisDate(proceeding('sync360-reminders.yml', 9));

  it('weekdays have one proceeding firing at 09:00 Paris, weekends none', () => {
    const wrong = parisDates().flatMap((date) => {
      const clocks = (days.get(date) ?? []).map((f) => localTime(f.slot, PARIS).clock);
      const expected = isWeekday(date) ? ['09:00'] : [];
      return JSON.stringify(clocks) === JSON.stringify(expected)
        ? []
        : [`${date}: ${clocks.join(', ')}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe('property: any UTC day, any delays under an hour', () => {
  it('exactly one of the two nightly crons proceeds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 30 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (dayOffset, delayA, delayB) => {
          const day = Date.UTC(2026, 0, 1) + dayOffset * 86_400_000;
          const a = shouldProceed(
            { name: 'schedule', schedule: '7 1 * * *' },
            new Date(day + (67 + delayA) * 60_000),
          );
          const b = shouldProceed(
            { name: 'schedule', schedule: '7 2 * * *' },
            new Date(day + (127 + delayB) * 60_000),
          );
          return a !== b;
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
