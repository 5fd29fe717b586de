import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  defaultPlanOptions,
  durationInHours,
  historyWindow,
  planHistory,
  type CourseCompletion,
  type HistoryPlanInput,
  type PathCompletion,
} from '../src/index.js';
import { employee as record } from './records.js';

const built = buildPlan({
  records: [
    record({ luccaId: '10', employeeNumber: 'E10', email: 'ana@acme.test' }),
    record({ luccaId: '11', employeeNumber: 'E11', email: 'twin@acme.test' }),
    record({ luccaId: '12', employeeNumber: 'E12', email: 'TWIN@acme.test' }),
  ],
  previousRows: null,
  today: '2026-03-31',
  options: defaultPlanOptions,
});

const path = (overrides: Partial<PathCompletion> = {}): PathCompletion => ({
  userId: 'u-ana',
  pathId: 'p1',
  statusType: 'successful',
  completedAt: '2026-03-20T10:00:00.000Z',
  startedAt: '2026-03-19T10:00:00.000Z',
  enrolledAt: '2026-03-01T10:00:00.000Z',
  timeSpentMs: 3_600_000,
  ...overrides,
});

const course = (overrides: Partial<CourseCompletion> = {}): CourseCompletion => ({
  userId: 'u-ana',
  courseId: 'c1',
  pathId: null,
  completedAt: '2026-03-21T10:00:00.000Z',
  firstActivityAt: '2026-03-21T09:00:00.000Z',
  progress: 100,
  timeSpentMs: 60_000,
  ...overrides,
});

const input = (overrides: Partial<HistoryPlanInput> = {}): HistoryPlanInput => ({
  window: historyWindow('2026-03-31', 30, 'Europe/Paris'),
  timeZone: 'Europe/Paris',
  paths: [path()],
  courses: null,
  pathNames: new Map([['p1', 'Path One']]),
  courseNames: new Map([['c1', 'Course One']]),
  userMails: new Map([
    ['u-ana', 'Ana@Acme.test'],
    ['u-twin', 'twin@acme.test'],
  ]),
  rows: built.rows,
  employees: built.employees,
  catalogue: [
    { id: 1, title: 'path one', state: 'Ready' },
    { id: 2, title: 'Course One', state: 'Ready' },
  ],
  existing: [],
  createTrainings: false,
  ...overrides,
});

describe('history window', () => {
  it('ends at the start of today in the time zone, across a DST change', () => {
    // Paris moved to summer time on 2026-03-29: today starts at 22:00 UTC the day before.
    expect(historyWindow('2026-03-31', 30, 'Europe/Paris')).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      until: '2026-03-30T22:00:00.000Z',
    });
    expect(historyWindow('2026-01-10', 1, 'America/New_York')).toEqual({
      from: '2026-01-09T05:00:00.000Z',
      until: '2026-01-10T05:00:00.000Z',
    });
  });
});

describe('durationInHours', () => {
  it('rounds up to 0.01 h, never below 0.01', () => {
    expect(durationInHours(0)).toBe(0.01);
    expect(durationInHours(36_000)).toBe(0.01);
    expect(durationInHours(36_001)).toBe(0.02);
    expect(durationInHours(5_400_000)).toBe(1.5);
    expect(durationInHours(5_400_001)).toBe(1.51);
  });
});

describe('planHistory', () => {
  it('records a successful path for the owner with that mail, in the Lucca title', () => {
    const plan = planHistory(input());
    expect(plan.items).toEqual([
      {
        luccaId: '10',
        employeeNumber: 'E10',
        title: 'path one',
        sessionEndsOn: '2026-03-20',
        create: false,
        sessionStartsOn: '2026-03-19',
        durationInHours: 1,
        trainingId: 1,
      },
    ]);
    expect(plan.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('skips what is not successful, outside the window, or already in Lucca', () => {
    const plan = planHistory(
      input({
        paths: [
          path({ statusType: 'unsuccessful' }),
          path({ completedAt: '2026-03-30T22:30:00.000Z' }),
          path({ completedAt: '2026-03-10T10:00:00.000Z', timeSpentMs: 1 }),
        ],
        existing: [{ ownerId: 10, trainingId: 1, sessionEndsOn: '2026-03-10' }],
      }),
    );
    expect(plan.items).toEqual([]);
    expect(plan.skippedExisting).toBe(1);
    expect(plan.read).toBe(3);
  });

  it('counts a course attempt only when complete, and not when played in a path that is read', () => {
    const plan = planHistory(
      input({
        paths: [path()],
        courses: [
          course(),
          course({ progress: 99, courseId: 'c1', completedAt: '2026-03-22T10:00:00.000Z' }),
          course({ pathId: 'p1', completedAt: '2026-03-23T10:00:00.000Z' }),
          course({ pathId: 'p-not-read', completedAt: '2026-03-24T10:00:00.000Z' }),
        ],
      }),
    );
    expect(plan.items.map((item) => [item.title, item.sessionEndsOn])).toEqual([
      ['path one', '2026-03-20'],
      ['Course One', '2026-03-21'],
      ['Course One', '2026-03-24'],
    ]);
  });

  it('warns about unknown or shared mails by 360 user id, and about missing or ambiguous titles', () => {
    const plan = planHistory(
      input({
        paths: [
          path({ userId: 'u-twin' }),
          path({ userId: 'u-nobody' }),
          path({ pathId: 'p2' }),
          path({ pathId: 'p3' }),
        ],
        userMails: new Map([
          ['u-ana', 'ana@acme.test'],
          ['u-twin', 'twin@acme.test'],
          ['u-nobody', null],
        ]),
        pathNames: new Map([
          ['p1', 'Path One'],
          ['p2', 'Twice'],
          ['p3', 'Nowhere'],
        ]),
        catalogue: [
          { id: 1, title: 'Path One', state: 'Ready' },
          { id: 5, title: 'twice', state: 'Ready' },
          { id: 6, title: 'Twice', state: 'Ready' },
          { id: 7, title: 'Nowhere', state: 'Archived' },
        ],
      }),
    );
    expect(plan.items).toEqual([]);
    expect(plan.withoutMail).toBe(1);
    expect(plan.warnings.map((w) => [w.code, w.userId ?? w.title])).toEqual([
      ['history-owner-unknown', 'u-twin'],
      ['history-training-ambiguous', 'Twice'],
      ['history-training-not-in-lucca', 'Nowhere'],
    ]);
    expect(plan.warnings[0]?.message).toContain('several Lucca users');
    expect(JSON.stringify(plan.warnings)).not.toContain('twin@acme.test');
  });

  it('plans the creation of a missing training once when allowed', () => {
    const plan = planHistory(
      input({
        paths: [
          path({ pathId: 'p3' }),
          path({ pathId: 'p3', completedAt: '2026-03-25T10:00:00.000Z' }),
        ],
        pathNames: new Map([['p3', 'New One']]),
        createTrainings: true,
      }),
    );
    expect(plan.items.map((item) => [item.create, item.trainingId])).toEqual([
      [true, null],
      [true, null],
    ]);
    expect(plan.trainingsToCreate).toEqual(['New One']);
  });
});
