import { mrkdwnLink } from './escape.js';
import { plainDate, slackDate } from './format.js';

/** The facts of a GitHub Actions run that messages show (structurally a `@sync360/github` run). */
export interface WorkflowRunInfo {
  readonly id: number;
  readonly status: string | null;
  readonly conclusion: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly htmlUrl: string;
  readonly event: string;
  readonly displayTitle: string;
}

interface RunState {
  readonly emoji: string;
  readonly label: string;
}

const conclusions: Readonly<Record<string, RunState>> = {
  success: { emoji: ':white_check_mark:', label: 'succeeded' },
  failure: { emoji: ':x:', label: 'failed (or blocked by the safety guard)' },
  cancelled: { emoji: ':heavy_minus_sign:', label: 'cancelled' },
  timed_out: { emoji: ':hourglass:', label: 'timed out' },
  skipped: { emoji: ':heavy_minus_sign:', label: 'skipped' },
};

/** Queued / running / succeeded / failed…, from GitHub's status and conclusion. */
export const runState = (run: Pick<WorkflowRunInfo, 'status' | 'conclusion'>): RunState => {
  if (run.status !== 'completed') {
    return run.status === 'in_progress'
      ? { emoji: ':arrows_counterclockwise:', label: 'running' }
      : { emoji: ':hourglass_flowing_sand:', label: run.status ?? 'queued' };
  }
  return (
    conclusions[run.conclusion ?? ''] ?? {
      emoji: ':grey_question:',
      label: run.conclusion ?? 'finished',
    }
  );
};

const triggerOf = (event: string): string =>
  event === 'schedule' ? 'nightly' : event === 'workflow_dispatch' ? 'manual' : event;

/** One mrkdwn line: state, when, trigger, link. */
export const runLine = (run: WorkflowRunInfo): string => {
  const state = runState(run);
  return `${state.emoji} *${state.label}* · ${slackDate(run.createdAt)} · ${triggerOf(run.event)} · ${mrkdwnLink(run.htmlUrl, `run ${run.id}`)}`;
};

/** The plain-text counterpart of {@link runLine}. */
export const runPlainLine = (run: WorkflowRunInfo): string =>
  `${runState(run).label}, ${plainDate(run.createdAt)} (${triggerOf(run.event)}): ${run.htmlUrl}`;
