import type { Plan, Report } from '@sync360/core';
import type { Io } from '../cli.js';

/** At most this many lines of each list, then "… and N more". */
export const listLimit = 50;

type ChangeKind = Report['changeList'][number]['kind'];
const kindOrder: ReadonlyArray<ChangeKind> = [
  'deactivated',
  'reactivated',
  'created',
  'updated',
  'dropped',
];

/**
 * Employee numbers (uniqueIds) by change category, first 50 of each: what a reviewer checks
 * before approving, with no name (console under GitHub Actions, step summary).
 */
export const changeIdLines = (changeList: Report['changeList']): string[] =>
  kindOrder.flatMap((kind) => {
    const ids = changeList
      .filter((change) => change.kind === kind)
      .map((change) => change.uniqueId);
    if (ids.length === 0) return [];
    const more = ids.length > listLimit ? ` … and ${String(ids.length - listLimit)} more` : '';
    return [`${kind} (${String(ids.length)}): ${ids.slice(0, listLimit).join(', ')}${more}`];
  });

/** Console naming: employee number only when redacted (GitHub Actions or --redact). */
const who = (
  employeeNumber: string | null,
  luccaId: string | null,
  name: string,
  redact: boolean,
): string => {
  const id =
    employeeNumber ?? (luccaId === null ? '(no number)' : `(no number, Lucca id ${luccaId})`);
  return redact || name === '' ? id : `${id} ${name}`;
};

const moreLine = (shown: number, total: number): string[] =>
  total > shown
    ? [`  … and ${String(total - shown)} more (see the JSON report, --report FILE)`]
    : [];

const outcomeLine = (report: Report): string => {
  switch (report.outcome) {
    case 'delivered': {
      const kind = report.destination?.kind;
      const where = `${kind === 'sftp' ? 'SFTP ' : kind === '360-api' ? "360Learning's API " : ''}${report.destination?.path ?? ''}`;
      const released =
        report.approvedSha256 !== null
          ? ' (safety guard released by the approval of this file)'
          : report.forced
            ? ' (safety guard overridden with --force)'
            : '';
      return `Outcome: delivered to ${where}${released}`;
    }
    case 'dry-run':
      return `Outcome: dry run, nothing delivered${report.guard.tripped && !report.forced ? " — tonight's run would be BLOCKED" : ''}`;
    case 'blocked':
      return report.failure?.code === 'approval-mismatch'
        ? 'Outcome: BLOCKED, the approval names another file: nothing delivered, state unchanged'
        : 'Outcome: BLOCKED by the safety guard, nothing delivered, state unchanged';
    case 'failed':
      return report.failure === null
        ? 'Outcome: FAILED, state unchanged'
        : `Outcome: FAILED (${report.failure.code}), state unchanged: the error and what to do are on stderr`;
  }
};

const changesLine = (report: Report): string => {
  const changes = report.changes;
  if (changes === null) {
    const rows = String(report.file?.rows ?? report.changeList.length);
    return report.outcome === 'delivered'
      ? `Changes: first delivery: ${rows} rows (no-baseline: nothing was delivered to this destination before)`
      : `Changes: first delivery: ${rows} rows would be sent (no-baseline: compared with an empty file)`;
  }
  const moved =
    changes.created + changes.updated + changes.deactivated + changes.reactivated + changes.dropped;
  if (moved === 0)
    return `Changes: unchanged (all ${String(changes.unchanged)} rows identical to the last delivered file)`;
  return `Changes: ${String(changes.created)} created, ${String(changes.updated)} updated, ${String(changes.deactivated)} deactivated, ${String(changes.reactivated)} reactivated, ${String(changes.dropped)} dropped, ${String(changes.unchanged)} unchanged`;
};

const sourceLine = (report: Report, read: boolean): string => {
  if (report.source === null) return 'Source: not read';
  const { kind, employees } = report.source;
  const count = read ? `${String(employees)} employees` : 'not read';
  if (kind === 'demo') return `Source: DEMO DATA (bundled sample, not your Lucca) — ${count}`;
  return `Source: ${kind === 'lucca-api' ? 'Lucca API' : 'file'} — ${count}`;
};

const summaryLines = (report: Report, plan: Plan | null, written: boolean): string[] => {
  const lines = [sourceLine(report, plan !== null)];
  if (report.file !== null)
    lines.push(
      `File: ${report.file.name} — ${String(report.file.rows)} rows, ${String(report.file.bytes)} bytes, sha256 ${report.file.sha256}`,
    );
  if (report.rules !== null && report.rules !== undefined)
    lines.push(
      `Group rules: ${report.rules.file} (${String(report.rules.groups)} groups, ${String(report.rules.customFields)} custom fields); to approve this file with these rules: --approve ${report.approvalSha256 ?? ''}`,
    );
  if (plan !== null) {
    const { counts } = report;
    lines.push(
      `Exported: ${String(counts.active)} Active, ${String(counts.inactive)} Inactive; not exported: ${String(counts.notExported)}`,
      `Problems: ${String(counts.errors)} errors, ${String(counts.warnings)} warnings; reminders: ${String(report.reminders.length)}`,
    );
    const blocking = report.guard.reasons.filter((reason) => reason !== 'no-baseline');
    if (!written)
      lines.push(
        changesLine(report),
        report.guard.tripped
          ? `Safety guard: TRIPPED (${blocking.join(', ')}; deactivation cap ${String(plan.guard.deactivationCap)})`
          : 'Safety guard: ok',
      );
  }
  lines.push(...report.warnings.map((warning) => `Warning: ${warning}`));
  lines.push(
    written && report.destination !== null
      ? `Outcome: written to ${report.destination.path} (nothing delivered: build never delivers)`
      : outcomeLine(report),
  );
  // A failed run's error and hint are printed once, on stderr.
  if (report.failure !== null && report.outcome !== 'failed')
    lines.push(`What to do: ${report.failure.hint}`);
  return lines;
};

const changeLines = (report: Report, plan: Plan, redact: boolean): string[] => {
  if (report.changeList.length === 0) return [];
  const title =
    report.changes === null
      ? 'First delivery, every row against an empty file (no baseline):'
      : 'Diff with the last delivered file:';
  if (redact) return [title, ...changeIdLines(report.changeList).map((line) => `  ${line}`)];
  const shown = report.changeList.slice(0, listLimit);
  // Names of the shown lines only: the list may hold every one of 100,000 rows.
  const wanted = new Set(shown.map((change) => change.uniqueId));
  const names = new Map<string, string>();
  for (const row of plan.rows)
    if (wanted.has(row.uniqueId)) names.set(row.uniqueId, `${row.firstName} ${row.lastName}`);
  const entries = shown.map((change) => {
    if (change.kind === 'dropped')
      return `  ${'dropped'.padEnd(11)} ${change.uniqueId} (absent from the new file: left untouched in 360)`;
    const fields = change.kind === 'updated' ? ` (${change.fields.join(', ')})` : '';
    return `  ${change.kind.padEnd(11)} ${change.uniqueId} ${names.get(change.uniqueId) ?? ''}${fields}`;
  });
  return [title, ...entries, ...moreLine(entries.length, report.changeList.length)];
};

const problemLines = (report: Report, redact: boolean): string[] => {
  if (report.problems.length === 0) return [];
  const lines = report.problems.slice(0, listLimit).map((problem) => {
    const subject = who(problem.employeeNumber, problem.luccaId, '', true);
    const detail = redact ? (problem.field ?? '') : problem.message;
    return `  ${problem.severity.padEnd(7)} ${subject.padEnd(10)} ${problem.code}: ${detail}`;
  });
  return ['Problems:', ...lines, ...moreLine(lines.length, report.problems.length)];
};

/** Reminders as the console shows them; shared with `sync360 reminders`. */
export const reminderLine = (reminder: Report['reminders'][number], redact: boolean): string => {
  const overdue =
    reminder.daysOverdue >= 0
      ? `${String(reminder.daysOverdue)} d overdue`
      : `due in ${String(-reminder.daysOverdue)} d`;
  return `  ${reminder.kind.padEnd(11)} ${who(reminder.employeeNumber, reminder.luccaId, reminder.name, redact)} — since ${reminder.dueSince} (${overdue}): ${reminder.action}`;
};

const reminderLines = (report: Report, redact: boolean): string[] => {
  if (report.reminders.length === 0) return ['Reminders: none — every status is set.'];
  const lines = report.reminders
    .slice(0, listLimit)
    .map((reminder) => reminderLine(reminder, redact));
  return [
    'Reminders (an HR admin must act in Lucca):',
    ...lines,
    ...moreLine(lines.length, report.reminders.length),
  ];
};

/** The report as printed under GitHub Actions or --redact: employee numbers only. */
const redactReport = (report: Report): Report => ({
  ...report,
  problems: report.problems.map((problem) => ({
    ...problem,
    message: `${problem.code}${problem.field === null ? '' : ` (${problem.field})`}`,
  })),
  reminders: report.reminders.map((reminder) => ({ ...reminder, name: '' })),
});

/** A failed run's error and what to do, on stderr. */
export const printFailure = (report: Report, io: Io): void => {
  const { failure } = report;
  if (failure === null || report.outcome !== 'failed') return;
  io.err(`Error [${failure.code}]: ${failure.message}`);
  io.err(`What to do: ${failure.hint}`);
};

/** What `--json` prints for a failed command: the coded error's code, message and hint only. */
export const jsonError = (failure: NonNullable<Report['failure']>) => ({
  error: { code: failure.code, message: failure.message, hint: failure.hint },
});

/**
 * Human summary on stdout (errors on stderr), or with `--json` the report; a failed run with
 * `--json` prints `{"error":{code,message,hint}}` like every other error.
 */
export const printReport = (
  report: Report,
  plan: Plan | null,
  options: {
    readonly json: boolean;
    readonly redact: boolean;
    /** The 360Learning operations, one line each (planned in a dry run, with statuses after). */
    readonly operations?: ReadonlyArray<string>;
    /** `build`: the file was written, not delivered; no baseline, diff or guard applies. */
    readonly written?: boolean;
  },
  io: Io,
): void => {
  const { failure } = report;
  if (options.json) {
    io.out(
      JSON.stringify(
        report.outcome === 'failed' && failure !== null
          ? jsonError(failure)
          : options.redact
            ? redactReport(report)
            : report,
        null,
        2,
      ),
    );
    return;
  }
  printFailure(report, io);
  const written = options.written === true;
  const sections = [
    summaryLines(report, plan, written),
    plan === null || written ? [] : changeLines(report, plan, options.redact),
    [...(options.operations ?? [])],
    problemLines(report, options.redact),
    plan === null ? [] : reminderLines(report, options.redact),
  ].filter((lines) => lines.length > 0);
  io.out(sections.map((lines) => lines.join('\n')).join('\n\n'));
};
