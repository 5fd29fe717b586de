import type { ReminderKind, Report } from '@sync360/core';
import { escapeMrkdwn } from './escape.js';
import { plural } from './format.js';
import { sourceName } from './outcome.js';

/** The two-column facts of a run: source, file, exported, problems, destination. */
export const countFields = (report: Report): string[] => {
  const fields = [
    report.source === null
      ? '*Source*\nnot read'
      : `*Source*\n${sourceName(report.source.kind)}: ${plural(report.source.employees, 'employee')}`,
    `*Exported*\n${report.counts.active.toLocaleString('en-US')} Active, ${report.counts.inactive.toLocaleString('en-US')} Inactive`,
    `*Not exported*\n${plural(report.counts.notExported, 'employee')}`,
    `*Problems*\n${plural(report.counts.errors, 'error')}, ${plural(report.counts.warnings, 'warning')}`,
  ];
  if (report.file !== null) {
    fields.push(
      `*File*\n\`${escapeMrkdwn(report.file.name)}\`: ${plural(report.file.rows, 'row')}`,
    );
  }
  if (report.destination !== null) {
    const where = report.destination.kind === 'sftp' ? 'SFTP' : 'local folder';
    fields.push(`*Delivered to*\n${where} \`${escapeMrkdwn(report.destination.path)}\``);
  }
  return fields;
};

/** `3 created, 1 deactivated, 230 unchanged`, or the no-baseline note. */
export const changesText = (changes: Report['changes']): string => {
  if (changes === null) {
    return '*Changes:* no baseline yet (no previous delivered file), so every row is new to sync360.';
  }
  const parts = [
    `${changes.created} created`,
    `${changes.updated} updated`,
    `${changes.deactivated} deactivated`,
    `${changes.reactivated} reactivated`,
    `${changes.dropped} dropped`,
    `${changes.unchanged} unchanged`,
  ];
  return `*Changes:* ${parts.join(', ')}`;
};

/** Reminder counts by kind, with the command that lists them. */
export const remindersText = (reminders: Report['reminders']): string => {
  if (reminders.length === 0) return '*Reminders:* none, every 360 status is set.';
  const kinds: ReadonlyArray<ReminderKind> = ['onboarding', 'offboarding', 'fix-data'];
  const parts = kinds
    .map((kind) => ({ kind, count: reminders.filter((item) => item.kind === kind).length }))
    .filter((item) => item.count > 0)
    .map((item) => `${item.count} ${item.kind}`);
  return `*Reminders:* ${plural(reminders.length, 'task')} for an HR admin (${parts.join(', ')}). List them with \`/sync360 pending\`.`;
};
