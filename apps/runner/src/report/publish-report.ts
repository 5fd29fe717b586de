import { appendFile } from 'node:fs/promises';
import { messageOf, redactSecrets, type Report } from '@sync360/core';
import type { AlertConfig } from '../config/runner-config.js';
import type { RunNotifyContext } from '../notify/slack-notify.js';
import { writeFileAtomic } from '../state/local-files.js';
import { changeIdLines, listLimit } from './console.js';

const cell = (value: string): string => value.replace(/\|/g, '\\|');

/** The secret filter over every free text of the report (a secret pasted where it does not go). */
const withoutSecrets = (report: Report, secrets: ReadonlyArray<string>): Report => ({
  ...report,
  warnings: report.warnings.map((warning) => redactSecrets(warning, secrets)),
  failure:
    report.failure === null
      ? null
      : {
          ...report.failure,
          message: redactSecrets(report.failure.message, secrets),
          hint: redactSecrets(report.failure.hint, secrets),
        },
});

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: counts and employee numbers only, never names or emails.
 * Counts, changes and reminders appear only when data was read (a file was built).
 */
const stepSummaryMarkdown = (report: Report): string => {
  const source =
    report.source === null
      ? 'not read'
      : `${report.source.kind === 'demo' ? 'DEMO DATA (bundled sample, not your Lucca)' : report.source.kind}, ${report.file === null ? 'not read' : `${String(report.source.employees)} employees`}`;
  const lines = [
    `## sync360 — ${report.outcome}${report.forced ? ' (forced)' : ''}`,
    '',
    `Source: ${source} · today ${report.today}`,
    '',
  ];
  if (report.file !== null) {
    const { counts } = report;
    lines.push(
      `File: \`${cell(report.file.name)}\`, ${String(report.file.rows)} rows, sha256 \`${report.file.sha256}\``,
      '',
      ...(report.rules === null || report.rules === undefined
        ? []
        : [
            `Group rules: \`${cell(report.rules.file)}\`; approval (file and rules): \`${report.approvalSha256 ?? ''}\``,
            '',
          ]),
      '| Active | Inactive | Not exported | Errors | Warnings | Reminders |',
      '|---|---|---|---|---|---|',
      `| ${String(counts.active)} | ${String(counts.inactive)} | ${String(counts.notExported)} | ${String(counts.errors)} | ${String(counts.warnings)} | ${String(report.reminders.length)} |`,
      '',
    );
    const c = report.changes;
    lines.push(
      ...(c === null
        ? [
            'Changes: no-baseline (nothing delivered to this destination yet: compared with an empty file)',
          ]
        : [
            '| Created | Updated | Deactivated | Reactivated | Dropped | Unchanged |',
            '|---|---|---|---|---|---|',
            `| ${String(c.created)} | ${String(c.updated)} | ${String(c.deactivated)} | ${String(c.reactivated)} | ${String(c.dropped)} | ${String(c.unchanged)} |`,
          ]),
      '',
    );
    const ops = report.operations;
    if (ops !== null && ops !== undefined)
      lines.push(
        `360Learning operations${report.outcome === 'delivered' ? '' : ' (planned)'}:`,
        '',
        '| Create | Restore | Update | Delete | Managers | Rejected |',
        '|---|---|---|---|---|---|',
        `| ${[ops.create, ops.restore, ops.update, ops.delete, ops.managers, ops.rejected].map(String).join(' | ')} |`,
        '',
        ...(report.rules === null || report.rules === undefined
          ? []
          : [
              `Group rules: ${String(ops.addRole ?? 0)} roles added, ${String(ops.removeRole ?? 0)} removed, ${String(ops.setCustomFields ?? 0)} custom-field updates`,
              '',
            ]),
      );
    const ids = changeIdLines(report.changeList);
    if (ids.length > 0)
      lines.push('Employee numbers by change:', '', ...ids.map((line) => `- ${line}`), '');
  }
  if (report.approvedSha256 !== null)
    lines.push(`Approved file: \`${report.approvedSha256}\` (released the safety guard)`, '');
  if (report.guard.tripped)
    lines.push(`**Safety guard tripped:** ${report.guard.reasons.join(', ')}`, '');
  if (report.failure !== null)
    lines.push(
      `**${report.outcome === 'blocked' ? 'Blocked' : 'Failed'}:** ${cell(report.failure.message)}`,
      '',
      `What to do: ${cell(report.failure.hint)}`,
      '',
    );
  if (report.problems.length > 0) {
    lines.push('| Severity | Employee | Code | Field |', '|---|---|---|---|');
    for (const problem of report.problems.slice(0, listLimit)) {
      lines.push(
        `| ${problem.severity} | ${cell(problem.employeeNumber ?? '—')} | ${problem.code} | ${problem.field ?? ''} |`,
      );
    }
    if (report.problems.length > listLimit)
      lines.push(
        `\n… and ${String(report.problems.length - listLimit)} more in the report artifact.`,
      );
    lines.push('');
  }
  for (const warning of report.warnings) lines.push(`> ${cell(warning)}`);
  return `${lines.join('\n')}\n`;
};

/**
 * Step summary and Slack first (their failures become report warnings, never a failed run), then
 * the JSON report file with those warnings in it.
 */
export const publishReport = async (
  built: Report,
  config: AlertConfig,
  reportPath: string | null,
  notify = true,
  slack: Omit<RunNotifyContext, 'runUrl'> = { names: new Map(), approved: false },
): Promise<Report> => {
  const report = withoutSecrets(built, config.secrets);
  const warnings: string[] = [];
  if (config.stepSummaryPath !== null) {
    try {
      await appendFile(config.stepSummaryPath, stepSummaryMarkdown(report));
    } catch (error) {
      warnings.push(`could not write the step summary (${messageOf(error)})`);
    }
  }
  if (notify && config.slack !== null) {
    // Loaded on use: `build` never notifies and starts faster without Slack's client.
    const { notifyRunToSlack } = await import('../notify/slack-notify.js');
    const warning = await notifyRunToSlack(config.slack, report, {
      ...slack,
      runUrl: config.runUrl,
    });
    if (warning !== null) warnings.push(`Slack: ${warning}`);
  }
  const final = { ...report, warnings: [...report.warnings, ...warnings] };
  if (reportPath !== null) {
    try {
      await writeFileAtomic(
        reportPath,
        new TextEncoder().encode(`${JSON.stringify(final, null, 2)}\n`),
      );
    } catch (error) {
      final.warnings.push(`could not write the report to ${reportPath} (${messageOf(error)})`);
    }
  }
  return final;
};
