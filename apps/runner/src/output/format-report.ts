import type { Plan, Report } from '@sync360/core';
import { moreLine, who } from './who.js';

export interface FormatOptions {
  readonly redact: boolean;
  readonly limit: number;
}

const outcomeLine = (report: Report): string => {
  switch (report.outcome) {
    case 'delivered':
      return `Outcome: delivered to ${report.destination?.kind === 'sftp' ? 'SFTP ' : ''}${report.destination?.path ?? ''}${report.forced ? ' (safety guard overridden with --force)' : ''}`;
    case 'dry-run':
      return `Outcome: dry run, nothing delivered${report.guard.tripped ? " — tonight's run would be BLOCKED by the safety guard" : ''}`;
    case 'blocked':
      return 'Outcome: BLOCKED by the safety guard, nothing delivered, state unchanged';
    case 'failed':
      return `Outcome: FAILED — ${report.failure?.message ?? 'see errors'}`;
  }
};

const changesLine = (report: Report): string => {
  const changes = report.changes;
  if (changes === null) return 'Changes: no-baseline (first delivery: nothing to compare with)';
  const moved =
    changes.created + changes.updated + changes.deactivated + changes.reactivated + changes.dropped;
  if (moved === 0)
    return `Changes: unchanged (all ${changes.unchanged} rows identical to the last delivered file)`;
  return `Changes: ${changes.created} created, ${changes.updated} updated, ${changes.deactivated} deactivated, ${changes.reactivated} reactivated, ${changes.dropped} dropped, ${changes.unchanged} unchanged`;
};

export const summaryLines = (report: Report, plan: Plan | null): string[] => {
  const lines = [
    report.source.kind === 'demo'
      ? 'Source: DEMO DATA (bundled sample, not your Lucca) — ' +
        `${report.source.employees} employees`
      : `Source: ${report.source.kind === 'lucca-api' ? 'Lucca API' : 'file'} — ${report.source.employees} employees`,
  ];
  if (report.file !== null) {
    lines.push(
      `File: ${report.file.name} — ${report.file.rows} rows, ${report.file.bytes} bytes, sha256 ${report.file.sha256.slice(0, 12)}…`,
    );
  }
  const { counts } = report;
  lines.push(
    `Exported: ${counts.active} Active, ${counts.inactive} Inactive; not exported: ${counts.notExported}`,
  );
  lines.push(
    `Problems: ${counts.errors} errors, ${counts.warnings} warnings; reminders: ${report.reminders.length}`,
  );
  if (plan !== null) lines.push(changesLine(report));
  const blocking = report.guard.reasons.filter((reason) => reason !== 'no-baseline');
  if (report.guard.tripped) {
    const cap = plan?.guard.deactivationCap;
    lines.push(
      `Safety guard: TRIPPED (${blocking.join(', ')}${cap === null || cap === undefined ? '' : `; deactivation cap ${cap}`}) — check the diff; rerun with --force if it is intended`,
    );
  } else if (plan !== null) {
    lines.push('Safety guard: ok');
  }
  lines.push(...report.warnings.map((warning) => `Warning: ${warning}`));
  lines.push(outcomeLine(report));
  if (report.failure !== null) lines.push(`What to do: ${report.failure.hint}`);
  return lines;
};

export const diffLines = (plan: Plan, options: FormatOptions): string[] => {
  if (plan.changes === null) return [];
  const names = new Map(plan.rows.map((row) => [row.uniqueId, `${row.firstName} ${row.lastName}`]));
  const entries = plan.changeList.map((change) => {
    if (change.kind === 'dropped')
      return `  ${'dropped'.padEnd(11)} ${change.uniqueId} (absent from the new file: left untouched in 360)`;
    const name = options.redact ? '' : ` ${names.get(change.uniqueId) ?? ''}`;
    const fields = change.kind === 'updated' ? ` (${change.fields.join(', ')})` : '';
    return `  ${change.kind.padEnd(11)} ${change.uniqueId}${name}${fields}`;
  });
  if (entries.length === 0) return [];
  return [
    'Diff with the last delivered file:',
    ...entries.slice(0, options.limit),
    ...moreLine(Math.min(entries.length, options.limit), entries.length),
  ];
};

export const problemLines = (report: Report, options: FormatOptions): string[] => {
  if (report.problems.length === 0) return [];
  const lines = report.problems.slice(0, options.limit).map((problem) => {
    const subject = who(problem.employeeNumber, problem.luccaId, '', true);
    const detail = options.redact ? `${problem.field ?? ''}` : problem.message;
    return `  ${problem.severity.padEnd(7)} ${subject.padEnd(10)} ${problem.code}: ${detail}`;
  });
  return ['Problems:', ...lines, ...moreLine(lines.length, report.problems.length)];
};

export const reminderLines = (report: Report, options: FormatOptions): string[] => {
  if (report.reminders.length === 0) return ['Reminders: none — every status is set.'];
  const lines = report.reminders.slice(0, options.limit).map((reminder) => {
    const overdue =
      reminder.daysOverdue >= 0
        ? `${reminder.daysOverdue} d overdue`
        : `due in ${-reminder.daysOverdue} d`;
    return `  ${reminder.kind.padEnd(11)} ${who(reminder.employeeNumber, reminder.luccaId, reminder.name, options.redact)} — since ${reminder.dueSince} (${overdue}): ${reminder.action}`;
  });
  return [
    'Reminders (an HR admin must act in Lucca):',
    ...lines,
    ...moreLine(lines.length, report.reminders.length),
  ];
};
