import type { Octokit } from 'octokit';
import { z } from 'zod';
import { callGithub, unexpectedAnswer, type CallContext } from './errors.js';
import { createOctokit } from './octokit.js';
import { fetchRuns, isPreviewRun, type WorkflowRun } from './runs.js';
import { repoCoordinates, type GithubSettings } from './settings.js';

/** The nightly job is stale when no delivering run succeeded within this many hours. */
const WATCHDOG_MAX_AGE_HOURS = 26;

/**
 * Job names of the nightly workflow (`jobs.<id>.name` in sync360-nightly.yml): `guard` decides
 * whether a scheduled firing is tonight's, then the sync job is named `deliver` for a real run and
 * `preview` for a dry run. A firing the guard turns away still ends `success`, with its sync job
 * `skipped`: only the jobs tell a delivering run from a no-op.
 */
export const DELIVER_JOB_NAME = 'deliver';
export const PREVIEW_JOB_NAME = 'preview';

/** How many successful runs to inspect, newest first, before giving up (2 a night at most). */
const MAX_JOB_CHECKS = 6;

const HOUR_MS = 3_600_000;

const jobsPageSchema = z.object({ jobs: z.array(z.unknown()) });
/** A job is read for its name and conclusion only; a job missing either did not deliver. */
const jobSchema = z.object({ name: z.string(), conclusion: z.string().nullable() });

export interface WatchdogVerdict {
  healthy: boolean;
  lastSuccess: WorkflowRun | null;
  /** One sentence for the console and the Slack alert. */
  reason: string;
  /** The window judged: WATCHDOG_MAX_AGE_HOURS. */
  maxAgeHours: number;
}

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
const describeRuns = (runs: readonly WorkflowRun[]): string => {
  const counts = new Map<string, number>();
  for (const run of runs) {
    const key = run.conclusion ?? run.status;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([key, n]) => `${String(n)} ${key}`).join(', ');
};

/**
 * Pure: is the nightly job alive? Healthy when a run that concluded `success` (previews aside)
 * was created or updated within the last WATCHDOG_MAX_AGE_HOURS hours.
 */
export const watchdogVerdict = (runs: readonly WorkflowRun[], now: Date): WatchdogVerdict => {
  const maxAgeHours = WATCHDOG_MAX_AGE_HOURS;
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
  if (lastSuccess === null) {
    const reason =
      runs.length === 0
        ? `no run of the nightly workflow at all: its schedule may be disabled (GitHub disables schedules after 60 days without repository activity)`
        : `no successful nightly run among the ${String(runs.length)} most recent (${describeRuns(runs)})`;
    return { healthy: false, lastSuccess, reason, maxAgeHours };
  }
  const when = new Date(lastMs).toISOString();
  if (now.getTime() - lastMs <= maxAgeHours * HOUR_MS) {
    const reason = `last successful nightly run ${hoursAgo(lastMs, now)} ago (${when})`;
    return { healthy: true, lastSuccess, reason, maxAgeHours };
  }
  const reason = `no successful nightly run in the last ${String(maxAgeHours)} h: the last one was ${hoursAgo(lastMs, now)} ago (${when})`;
  return { healthy: false, lastSuccess, reason, maxAgeHours };
};

/** True when the run's `deliver` job succeeded (latest attempt): the file really went out. */
const delivered = async (
  octokit: Octokit,
  settings: GithubSettings,
  runId: number,
): Promise<boolean> => {
  const context: CallContext = { settings, operation: `reading the jobs of run ${String(runId)}` };
  const { data: answer } = await callGithub(context, () =>
    octokit.rest.actions.listJobsForWorkflowRun({
      ...repoCoordinates(settings),
      run_id: runId,
      filter: 'latest',
      per_page: 100,
    }),
  );
  const page = jobsPageSchema.safeParse(answer);
  if (!page.success) throw unexpectedAnswer(context, 'no list of jobs');
  return page.data.jobs.some((item) => {
    const job = jobSchema.safeParse(item);
    return job.success && job.data.name === DELIVER_JOB_NAME && job.data.conclusion === 'success';
  });
};

/**
 * The newest run that really delivered: concluded `success` and its `deliver` job succeeded. A
 * scheduled firing turned away by the Paris-hour guard also ends `success` (its sync job is
 * skipped), and so does a preview; neither counts.
 */
const findLastDelivery = async (
  octokit: Octokit,
  settings: GithubSettings,
): Promise<WorkflowRun | null> => {
  const successes = await fetchRuns(octokit, settings, 30, 'success');
  const candidates = successes
    .filter((run) => run.conclusion === 'success' && !isPreviewRun(run))
    .slice(0, MAX_JOB_CHECKS);
  for (const run of candidates) {
    if (await delivered(octokit, settings, run.id)) return run;
  }
  return null;
};

/**
 * What `sync360 watchdog` and the bot's daily check ask: has a delivering nightly run succeeded
 * within WATCHDOG_MAX_AGE_HOURS? Healthy -> quiet; otherwise the caller posts `reason` to Slack.
 */
export const runWatchdog = async (
  settings: GithubSettings,
  now: Date = new Date(),
): Promise<WatchdogVerdict> => {
  const octokit = createOctokit(settings);
  const lastDelivery = await findLastDelivery(octokit, settings);
  if (lastDelivery !== null) return watchdogVerdict([lastDelivery], now);
  const recent = await fetchRuns(octokit, settings, 20);
  if (recent.every((run) => run.conclusion !== 'success')) return watchdogVerdict(recent, now);
  return {
    healthy: false,
    lastSuccess: null,
    reason: `no delivering nightly run among the ${String(recent.length)} most recent (${describeRuns(recent)}): the successful ones were previews or firings the Paris-hour guard skipped`,
    maxAgeHours: WATCHDOG_MAX_AGE_HOURS,
  };
};
