import { z } from 'zod';

/** The part of sync360's `--report` file this check reads. */
const reportShape = z.object({ warnings: z.array(z.string()) });

/**
 * Did `sync360 run` post its own Slack message? Yes when its report exists, Slack was configured
 * for the run, and no report warning says the post failed (the CLI records a failed post as a
 * warning starting with `Slack:`). No report means the job died before the CLI could post.
 */
export const slackPosted = (reportText: string | null, slackConfigured: boolean): boolean => {
  if (reportText === null || !slackConfigured) return false;
  let json: unknown;
  try {
    json = JSON.parse(reportText);
  } catch {
    return false;
  }
  const report = reportShape.safeParse(json);
  return report.success && !report.data.warnings.some((warning) => warning.startsWith('Slack:'));
};
