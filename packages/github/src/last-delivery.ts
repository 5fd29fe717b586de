import { deliveredIn, listRunJobs } from './jobs.js';
import { listRecentRuns, type WorkflowRun } from './runs.js';
import type { GithubSettings } from './settings.js';
import { describeRuns, isPreviewRun, watchdogVerdict, type WatchdogVerdict } from './watchdog.js';

/** How many successful runs to inspect, newest first, before giving up (2 a night at most). */
const MAX_JOB_CHECKS = 6;

/**
 * The newest run that really delivered: concluded `success` and its `deliver` job succeeded. A
 * scheduled firing turned away by the Paris-hour guard also ends `success` (its sync job is
 * skipped), and so does a preview; neither counts.
 */
export const findLastDelivery = async (settings: GithubSettings): Promise<WorkflowRun | null> => {
  const successes = await listRecentRuns(settings, 30, { status: 'success' });
  const candidates = successes
    .filter((run) => run.conclusion === 'success' && !isPreviewRun(run))
    .slice(0, MAX_JOB_CHECKS);
  for (const run of candidates) {
    if (deliveredIn(await listRunJobs(settings, run.id))) return run;
  }
  return null;
};

/**
 * What `sync360 watchdog` asks: has a delivering nightly run succeeded within `maxAgeHours`?
 * Healthy -> the CLI exits 0; otherwise it posts `reason` to Slack and exits 3.
 */
export const runWatchdog = async (
  settings: GithubSettings,
  now: Date = new Date(),
  maxAgeHours = 26,
): Promise<WatchdogVerdict> => {
  const lastDelivery = await findLastDelivery(settings);
  if (lastDelivery !== null) return watchdogVerdict([lastDelivery], now, maxAgeHours);
  const recent = await listRecentRuns(settings, 20);
  if (recent.every((run) => run.conclusion !== 'success')) {
    return watchdogVerdict(recent, now, maxAgeHours);
  }
  return {
    healthy: false,
    lastSuccess: null,
    reason: `no delivering nightly run among the ${String(recent.length)} most recent (${describeRuns(recent)}): the successful ones were previews or firings the Paris-hour guard skipped`,
  };
};
