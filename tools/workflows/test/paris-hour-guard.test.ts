import { describe, expect, it } from 'vitest';
import { parseCronTime, scheduledSlot } from '../src/cron-slot.js';
import { localTime } from '../src/local-time.js';
import { decide, shouldProceed } from '../src/paris-hour-guard.js';

const at = (iso: string): Date => new Date(iso);
const schedule = (cron: string) => ({ name: 'schedule', schedule: cron });

describe('parseCronTime', () => {
  it('reads minute and hour of a daily cron', () => {
    expect(parseCronTime('7 1 * * *')).toEqual({ minute: 7, hour: 1 });
    expect(parseCronTime(' 0  8 * * 1-5 ')).toEqual({ minute: 0, hour: 8 });
  });

  it.each(['*/5 * * * *', '7 1-2 * * *', '7 1 * *', '60 1 * * *', '7 24 * * *', ''])(
    'refuses %j',
    (cron) => expect(parseCronTime(cron)).toBeNull(),
  );
});

describe('scheduledSlot', () => {
  const time = { minute: 7, hour: 1 };

  it('is the same-day slot for an on-time or late firing', () => {
    expect(scheduledSlot(time, at('2026-01-15T01:07:00Z'))).toEqual(at('2026-01-15T01:07:00Z'));
    expect(scheduledSlot(time, at('2026-01-15T02:02:00Z'))).toEqual(at('2026-01-15T01:07:00Z'));
    expect(scheduledSlot(time, at('2026-01-15T23:59:00Z'))).toEqual(at('2026-01-15T01:07:00Z'));
  });

  it('goes back to yesterday for a firing late past midnight', () => {
    const late = { minute: 30, hour: 23 };
    expect(scheduledSlot(late, at('2026-01-16T00:20:00Z'))).toEqual(at('2026-01-15T23:30:00Z'));
  });

  it('tolerates a runner clock a few minutes behind', () => {
    expect(scheduledSlot(time, at('2026-01-15T01:03:00Z'))).toEqual(at('2026-01-15T01:07:00Z'));
  });
});

describe('shouldProceed', () => {
  it('always proceeds for a dispatch', () => {
    expect(shouldProceed('workflow_dispatch', at('2026-01-15T12:00:00Z'))).toBe(true);
    expect(decide({ name: 'workflow_dispatch' }, at('2026-01-15T12:00:00Z')).judged).toBeNull();
  });

  it('winter: 02:07 UTC proceeds, 01:07 UTC does not', () => {
    expect(shouldProceed(schedule('7 2 * * *'), at('2026-01-15T02:07:00Z'))).toBe(true);
    expect(shouldProceed(schedule('7 1 * * *'), at('2026-01-15T01:07:00Z'))).toBe(false);
  });

  it('summer: 01:07 UTC proceeds, 02:07 UTC does not', () => {
    expect(shouldProceed(schedule('7 1 * * *'), at('2026-07-15T01:07:00Z'))).toBe(true);
    expect(shouldProceed(schedule('7 2 * * *'), at('2026-07-15T02:07:00Z'))).toBe(false);
  });

  it('judges a firing 55 min late by its slot, not by the clock', () => {
    // Winter, 01:07 UTC firing started at 02:02 UTC: 03:02 on the Paris clock, yet its slot is
    // 02:07 Paris. Judging the clock would run twice tonight (and never tomorrow for 02:07 + 55).
    const late = at('2026-01-15T02:02:00Z');
    expect(localTime(late, 'Europe/Paris').hour).toBe(3);
    expect(shouldProceed(schedule('7 1 * * *'), late)).toBe(false);
    const lateRight = at('2026-01-15T03:02:00Z');
    expect(localTime(lateRight, 'Europe/Paris').hour).toBe(4);
    expect(shouldProceed(schedule('7 2 * * *'), lateRight)).toBe(true);
  });

  it('falls back to the start time when the cron is unknown, and says so', () => {
    const decision = decide({ name: 'schedule' }, at('2026-01-15T02:07:00Z'));
    expect(decision.proceed).toBe(true);
    expect(decision.reason).toMatch(/no usable cron/);
  });

  it('takes another hour and time zone', () => {
    expect(
      shouldProceed(schedule('0 7 * * 1-5'), at('2026-07-15T07:00:00Z'), 'Europe/Paris', 9),
    ).toBe(true);
    expect(
      shouldProceed(schedule('0 8 * * 1-5'), at('2026-07-15T08:00:00Z'), 'Europe/Paris', 9),
    ).toBe(false);
    expect(
      shouldProceed(schedule('0 14 * * *'), at('2026-07-15T14:00:00Z'), 'America/New_York', 10),
    ).toBe(true);
  });

  it('explains a skip', () => {
    expect(decide(schedule('7 1 * * *'), at('2026-01-15T01:07:00Z')).reason).toBe(
      'cron "7 1 * * *" slot 2026-01-15T01:07:00.000Z is 02:07 in Europe/Paris, not 03:xx: skip (the other cron covers this day)',
    );
  });
});
