import type { ChangeCounts, Report } from '@sync360/core';
import { escapeMrkdwn } from './escape.js';
import { plural } from './format.js';
import { sourceName } from './outcome.js';
import { countsByKind } from './reminder-lines.js';

const destinationText = (destination: NonNullable<Report['destination']>): string => {
  if (destination.kind === 'sftp') return `SFTP \`${escapeMrkdwn(destination.path)}\``;
  if (destination.kind === 'local') return `local folder \`${escapeMrkdwn(destination.path)}\``;
  return '360Learning API';
};

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
    fields.push(`*Delivered to*\n${destinationText(report.destination)}`);
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

/**
 * What delivering this file changes in 360Learning. Without a baseline every Active row is
 * created and every Inactive row deactivated.
 */
const effectiveChanges = (report: Pick<Report, 'changes' | 'counts'>): ChangeCounts =>
  report.changes ?? {
    created: report.counts.active,
    updated: 0,
    deactivated: report.counts.inactive,
    reactivated: 0,
    dropped: 0,
    unchanged: 0,
  };

/** `12 created, 48 deactivated`, plus updated, reactivated and dropped when there are any. */
export const changeCountsText = (report: Pick<Report, 'changes' | 'counts'>): string => {
  const changes = effectiveChanges(report);
  const optional = (count: number, label: string): string[] =>
    count > 0 ? [`${count.toLocaleString('en-US')} ${label}`] : [];
  return [
    `${changes.created.toLocaleString('en-US')} created`,
    ...optional(changes.updated, 'updated'),
    `${changes.deactivated.toLocaleString('en-US')} deactivated`,
    ...optional(changes.reactivated, 'reactivated'),
    ...optional(changes.dropped, 'dropped'),
  ].join(', ');
};

/**
 * Delivery through 360Learning's API: users created, updated and removed there, and the ones it
 * refused (each a fix-data reminder). Null for a file delivery.
 */
export const operationsText = (
  report: Pick<Report, 'operations' | 'outcome'> & Partial<Pick<Report, 'rules'>>,
): string | null => {
  const operations = report.operations;
  if (operations === null || operations === undefined) return null;
  const restored =
    operations.restore > 0 ? ` (${operations.restore.toLocaleString('en-US')} restored)` : '';
  const counts = [
    `${(operations.create + operations.restore).toLocaleString('en-US')} created${restored}`,
    `${operations.update.toLocaleString('en-US')} updated`,
    `${operations.delete.toLocaleString('en-US')} removed`,
    plural(operations.managers, 'manager change'),
  ].join(', ');
  const refused =
    operations.rejected > 0
      ? `\n:warning: ${plural(operations.rejected, 'operation')} refused by 360Learning (each is a fix-data reminder, the others went on).`
      : '';
  // The words of the contract (§7c), whatever the counts.
  const rules =
    report.rules === null || report.rules === undefined
      ? ''
      : `\n*Groups and custom fields:* ${(operations.addRole ?? 0).toLocaleString('en-US')} roles added, ${(operations.removeRole ?? 0).toLocaleString('en-US')} removed, ${(operations.setCustomFields ?? 0).toLocaleString('en-US')} custom-field updates.`;
  if (report.outcome === 'delivered') return `*360Learning:* ${counts}.${rules}${refused}`;
  const done = operations.items.filter((item) => item.status === 'done').length;
  const progress =
    report.outcome === 'failed' && done > 0
      ? ` ${plural(done, 'operation')} done before it stopped.`
      : '';
  return `*360Learning, planned:* ${counts}.${progress}${rules}${refused}`;
};

/** Reminder counts by kind, with the command that lists them (names never go here). */
export const remindersText = (reminders: Report['reminders']): string => {
  if (reminders.length === 0) return '*Reminders:* none, every 360 status is set.';
  return `*Reminders:* ${plural(reminders.length, 'task')} for an HR admin (${countsByKind(reminders)}). List them with \`/sync360 pending\`.`;
};
