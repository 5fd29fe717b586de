import type { KnownBlock } from '@slack/types';
import type { Report } from '@sync360/core';
import { approveBlock } from './approve.js';
import { contextBlock, dividerBlock, fieldsBlock, headerBlock, sectionBlock } from './blocks.js';
import { mrkdwnLink, safeMrkdwn } from './escape.js';
import { plural } from './format.js';
import { guardReasonLines } from './guard-reasons.js';
import type { SlackMessage } from './message.js';
import { demoNotice, outcomeLabel } from './outcome.js';
import { reviewText, type ReviewPlace } from './review.js';
import { changesText, countFields, operationsText, remindersText } from './run-counts.js';
import { reportWarningsText, topProblemsText } from './run-problems.js';

export interface RunMessageOptions {
  /** The GitHub Actions run, linked from the message. */
  readonly runUrl?: string | null;
  /** Previews and blocked runs: where the reviewer sees who would change. */
  readonly review?: ReviewPlace;
}

const fallbackText = (report: Report): string => {
  const label = outcomeLabel(report.outcome);
  const demo = report.source?.kind === 'demo' ? ' [DEMO DATA]' : '';
  const rows = report.file === null ? '' : `, ${plural(report.file.rows, 'row')}`;
  const changes =
    report.changes === null
      ? ', no baseline'
      : `, ${report.changes.created} created, ${report.changes.deactivated} deactivated`;
  return (
    `sync360${demo}: ${label.title}${rows}${changes}, ` +
    `${plural(report.counts.errors, 'error')}, ${plural(report.reminders.length, 'reminder')}`
  );
};

const guardText = (report: Report): string | null => {
  if (!report.guard.tripped) return report.forced ? '*Safety guard:* `--force` was set.' : null;
  const verdict = report.forced
    ? '*Safety guard:* tripped, and overridden with `--force` or an approval:'
    : '*Safety guard:* tripped:';
  return [verdict, ...guardReasonLines(report)].join('\n');
};

const failureText = (report: Report): string | null =>
  report.failure === null
    ? null
    : `*What stopped the run:* ${safeMrkdwn(report.failure.message, 1200)}\n*What to do:* ${safeMrkdwn(report.failure.hint, 1200)}`;

const isReviewed = (report: Report): boolean =>
  report.outcome === 'dry-run' || report.outcome === 'blocked';

/**
 * The run summary posted after every run, to the ops channel: outcome, counts, problem codes
 * and employee numbers, never a name or an email. A preview carries the approve button.
 */
export const runSummaryMessage = (
  report: Report,
  options: RunMessageOptions = {},
): SlackMessage => {
  const label = outcomeLabel(report.outcome);
  const blocks: KnownBlock[] = [headerBlock(`sync360: ${label.title}`)];
  if (report.source?.kind === 'demo') blocks.push(contextBlock(demoNotice));
  blocks.push(fieldsBlock(countFields(report)), sectionBlock(changesText(report.changes)));
  const optional = [
    operationsText(report),
    guardText(report),
    failureText(report),
    topProblemsText(report.problems),
    reportWarningsText(report.warnings),
    isReviewed(report) && options.review !== undefined ? reviewText(options.review) : null,
  ];
  for (const text of optional) if (text !== null) blocks.push(sectionBlock(text));
  blocks.push(sectionBlock(remindersText(report.reminders)));
  const approve = report.outcome === 'dry-run' ? approveBlock(report) : null;
  if (approve !== null) blocks.push(approve);
  blocks.push(dividerBlock());
  const footer = [`${label.emoji} ${report.outcome}`, `today ${report.today}`];
  if (report.sync360Version !== undefined) footer.push(`sync360 ${report.sync360Version}`);
  if (options.runUrl) footer.push(mrkdwnLink(options.runUrl, 'View the run on GitHub'));
  blocks.push(contextBlock(footer.join(' · ')));
  return { text: fallbackText(report), blocks };
};
