import type { WorkflowRun } from './runs.js';

export interface WatchdogVerdict {
  healthy: boolean;
  lastSuccess: WorkflowRun | null;
  reason: string;
}

/** Run names of previews start with this (see `run-name` in sync360-nightly.yml). */
export const PREVIEW_TITLE_PREFIX = 'sync360 preview';

export const isPreviewRun = (run: WorkflowRun): boolean =>
  run.displayTitle.startsWith(PREVIEW_TITLE_PREFIX);

const HOUR_MS = 3_600_000;

/** When the run last showed life: the later of its creation and its last update. */
const lastSeenMs = (run: WorkflowRun): number | null => {
  const times = [Date.parse(run.createdAt), Date.parse(run.updatedAt)].filter(Number.isFinite);
  return times.length === 0 ? null : Math.max(...times);
};

const hoursAgo = (ms: number, now: Date): string => {
  const hours = Math.max(0, (now.getTime() - ms) / HOUR_MS);
  return hours < 1 ? `${String(Math.round(hours * 60))} min` : `${hours.toFixed(1)} h`;
};

/** `3 failure, 1 in_progress`: the runs counted by conclusion (or status while unfinished). */
export const describeRuns = (runs: readonly WorkflowRun[]): string => {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const key = run.conclusion ?? run.status;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([key, n]) => `${String(n)} ${key}`).join(', ');
};

/**
 * Pure: is the nightly job alive? Healthy when a run that concluded `success` (previews aside)
 * was created or updated within the last `maxAgeHours` hours. `reason` is one sentence for the
 * console and the Slack alert.
 */
export const watchdogVerdict = (
  runs: readonly WorkflowRun[],
  now: Date,
  maxAgeHours = 26,
): WatchdogVerdict => {
  let lastSuccess: WorkflowRun | null = null;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    if (run.conclusion !== 'success' || isPreviewRun(run)) continue;
    const seen = lastSeenMs(run);
    if (seen !== null && seen > lastMs) {
      lastSuccess = run;
      lastMs = seen;
    }
  }
  const window = `${String(maxAgeHours)} h`;
  if (lastSuccess === null) {
    const reason =
      runs.length === 0
        ? `no run of the nightly workflow at all: its schedule may be disabled (GitHub disables schedules after 60 days without repository activity)`
        : `no successful nightly run among the ${String(runs.length)} most recent (${describeRuns(runs)})`;
    return { healthy: false, lastSuccess, reason };
  }
  const when = new Date(lastMs).toISOString();
  if (now.getTime() - lastMs <= maxAgeHours * HOUR_MS) {
    return {
      healthy: true,
      lastSuccess,
      reason: `last successful nightly run ${hoursAgo(lastMs, now)} ago (${when})`,
    };
  }
  return {
    healthy: false,
    lastSuccess,
    reason: `no successful nightly run in the last ${window}: the last one was ${hoursAgo(lastMs, now)} ago (${when})`,
  };
};
