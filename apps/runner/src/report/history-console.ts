import type { HistoryItem, Report } from '@sync360/core';
import type { Io } from '../cli.js';
import { jsonError, printFailure } from './console.js';
import type { HistoryProgress } from './history-report.js';

const itemLine = (item: HistoryItem, name: string | undefined, redact: boolean): string => {
  const who =
    redact || name === undefined ? item.employeeNumber : `${name} (${item.employeeNumber})`;
  return `  ${item.sessionEndsOn}  ${who}: ${item.title}, ${String(item.durationInHours)} h${item.create ? ' (new training)' : ''}`;
};

/**
 * The plan and its counts on stdout (a failure's error on stderr), or with `--json` the report;
 * a failed run with `--json` prints `{"error":…}`.
 */
export const printHistory = (
  report: Report,
  progress: HistoryProgress,
  options: { readonly json: boolean; readonly redact: boolean },
  io: Io,
): void => {
  const { redact } = options;
  if (options.json) {
    io.out(
      JSON.stringify(
        report.outcome === 'failed' && report.failure !== null ? jsonError(report.failure) : report,
        null,
        2,
      ),
    );
    return;
  }
  printFailure(report, io);
  const history = report.history ?? null;
  if (history === null) return;
  const lines = [
    `sync360 history — ${report.outcome}${report.forced ? ' (forced)' : ''}`,
    `Window: completed from ${history.window.from} to before ${history.window.until}`,
    `Read ${String(history.read)} completions · matched ${String(history.matched)} · already in Lucca ${String(history.skippedExisting)} · planned ${String(history.planned)} · recorded ${String(history.recorded)} · trainings created ${String(history.created)}`,
  ];
  if (history.planSha256 !== null) lines.push(`Plan sha256: ${history.planSha256}`);
  if (progress.items.length > 0) {
    lines.push('', 'Plan:');
    for (const item of progress.items.slice(0, 200))
      lines.push(itemLine(item, progress.names.get(item.luccaId), redact));
    if (progress.items.length > 200)
      lines.push(`  … and ${String(progress.items.length - 200)} more in the report`);
  }
  if (history.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const warning of history.warnings) lines.push(`  [${warning.code}] ${warning.message}`);
  }
  if (report.failure !== null && report.outcome === 'blocked')
    lines.push(
      '',
      `Held [${report.failure.code}]: ${report.failure.message}`,
      `What to do: ${report.failure.hint}`,
    );
  io.out(lines.join('\n'));
};
