import type { KnownBlock } from '@slack/types';
import type { Report } from '@sync360/core';
import { approveBlock } from './approve.js';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { mrkdwnLink, safeMrkdwn } from './escape.js';
import { guardReasonLines } from './guard-reasons.js';
import type { SlackMessage } from './message.js';
import { demoNotice } from './outcome.js';
import { reviewText } from './review.js';
import type { RunMessageOptions } from './run-summary.js';

/** What stopped a run when there is no report to tell (e.g. a crash before the report). */
export interface RunFailure {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

const isReport = (input: Report | RunFailure): input is Report => 'outcome' in input;

const failureBlocks = (failure: RunFailure): KnownBlock[] => [
  sectionBlock(
    `*What happened* (\`${safeMrkdwn(failure.code, 80)}\`)\n${safeMrkdwn(failure.message, 1400)}`,
  ),
  sectionBlock(`*What to do*\n${safeMrkdwn(failure.hint, 1400)}`),
];

const blockedBlocks = (report: Report, options: RunMessageOptions): KnownBlock[] => {
  const approve = approveBlock(report);
  const review = options.review === undefined ? null : reviewText(options.review);
  const todo =
    approve === null
      ? '*What to do*\nFix the data in Lucca. Nothing was sent to 360Learning and the last delivered file is kept, so tonight’s run will try again.'
      : '*What to do*\nReview who would change. If it is right, press *Approve and deliver*: exactly this file is delivered, and the outcome is posted in this thread. Otherwise fix the data in Lucca: nothing was sent and tonight’s run will try again.';
  return [
    sectionBlock(['*Why*', ...guardReasonLines(report)].join('\n')),
    ...(review === null ? [] : [sectionBlock(review)]),
    sectionBlock(todo),
    ...(approve === null ? [] : [approve]),
  ];
};

const reportBlocks = (
  report: Report,
  options: RunMessageOptions,
): { title: string; blocks: KnownBlock[] } => {
  if (report.guard.tripped && !report.forced && report.outcome !== 'failed') {
    const title =
      report.outcome === 'dry-run'
        ? 'sync360 preview: tonight’s run would be BLOCKED'
        : 'sync360 BLOCKED by the safety guard: nothing delivered';
    return { title, blocks: blockedBlocks(report, options) };
  }
  if (report.outcome === 'failed') {
    const failure = report.failure ?? {
      code: 'failed',
      message: 'The run failed without saying why.',
      hint: 'Open the GitHub run log; then run `sync360 doctor` to check every system.',
    };
    return { title: 'sync360 FAILED: nothing delivered', blocks: failureBlocks(failure) };
  }
  return {
    title: `sync360 run finished: ${report.outcome}`,
    blocks: [sectionBlock('Nothing needs attention: the run was not blocked and did not fail.')],
  };
};

/**
 * The loud message of a blocked or failed run, for the ops channel: the reason and what to do.
 * A blocked run's alert carries the approve button.
 */
export const runAlertMessage = (
  input: Report | RunFailure,
  options: RunMessageOptions = {},
): SlackMessage => {
  const { title, blocks } = isReport(input)
    ? reportBlocks(input, options)
    : { title: 'sync360 FAILED: nothing delivered', blocks: failureBlocks(input) };
  const all: KnownBlock[] = [headerBlock(`:rotating_light: ${title}`)];
  if (isReport(input) && input.source?.kind === 'demo') all.push(contextBlock(demoNotice));
  all.push(...blocks);
  if (options.runUrl) all.push(contextBlock(mrkdwnLink(options.runUrl, 'Open the run on GitHub')));
  const reason = isReport(input)
    ? (input.failure?.message ?? input.guard.reasons.join(', '))
    : input.message;
  const fallback = `${title}${reason === '' ? '' : `: ${reason}`}`;
  return { text: safeMrkdwn(fallback, 2000), blocks: all };
};
