import type { Reminder, ReminderKind, Report } from '@sync360/core';

// Shared test data: a plausible run report and reminders, overridable field by field.

export const makeReport = (overrides: Partial<Report> = {}): Report => ({
  version: 1,
  outcome: 'delivered',
  startedAt: '2026-03-02T02:07:00.000Z',
  finishedAt: '2026-03-02T02:07:09.000Z',
  today: '2026-03-02',
  forced: false,
  source: { kind: 'lucca-api', employees: 250 },
  file: { name: 'users.csv', rows: 240, bytes: 20_000, sha256: 'ab'.repeat(32) },
  destination: { kind: 'sftp', path: 'upload/users.csv' },
  counts: { active: 230, inactive: 10, notExported: 10, errors: 2, warnings: 3 },
  changes: { created: 3, updated: 2, deactivated: 1, reactivated: 0, dropped: 0, unchanged: 234 },
  changeList: [],
  guard: { tripped: false, reasons: [] },
  approvedSha256: null,
  problems: [],
  reminders: [],
  warnings: [],
  failure: null,
  ...overrides,
});

const kinds: ReadonlyArray<ReminderKind> = ['onboarding', 'offboarding', 'fix-data'];

export const makeReminder = (index: number, overrides: Partial<Reminder> = {}): Reminder => ({
  luccaId: String(1000 + index),
  employeeNumber: `E${index}`,
  name: `Person ${index}`,
  kind: kinds[index % 3] ?? 'onboarding',
  dueSince: '2026-02-20',
  daysOverdue: index % 40,
  action: 'Set the 360 status in Lucca.',
  ...overrides,
});

export const makeReminders = (count: number): Reminder[] =>
  Array.from({ length: count }, (_, index) => makeReminder(index));
