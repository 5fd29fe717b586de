import type { Report } from '@sync360/core';
import type { RunnerConfig } from '../config/runner-config.js';
import { writeFileAtomic } from '../state/atomic-write.js';
import { notifyRunToSlack, type RunNotifyContext } from '../notify/slack-notify.js';
import { appendStepSummary } from './step-summary.js';

/**
 * Step summary and Slack first (their failures become report warnings, never a failed run), then
 * the JSON report file with those warnings in it.
 */
export const publishReport = async (
  report: Report,
  config: RunnerConfig,
  reportPath: string | null,
  notify = true,
  slack: Omit<RunNotifyContext, 'runUrl'> = { names: new Map(), approved: false },
): Promise<Report> => {
  const warnings: string[] = [];
  if (config.stepSummaryPath !== null) {
    const warning = await appendStepSummary(config.stepSummaryPath, report);
    if (warning !== null) warnings.push(warning);
  }
  if (notify && config.slack !== null) {
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
      final.warnings.push(
        `could not write the report to ${reportPath} (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return final;
};
