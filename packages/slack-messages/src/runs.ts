import { type SlackMessage, contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn, mrkdwnLink, plainDate, slackDate, userMention } from './text.js';

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

/** The workflow's run name: `sync360 now (requested by U123)` or `sync360 preview (…)`. */
const requestedRun = /^sync360 (now|preview) \(requested by (.*)\)$/;

interface RunKind {
  /** `delivery`, `preview`, `nightly delivery` or the trigger. */
  readonly what: string;
  readonly requestedBy: string | null;
}

/** A delivery or a preview, and who asked, read from the run name. */
const runKind = (run: Pick<WorkflowRunInfo, 'displayTitle' | 'event'>): RunKind => {
  const match = requestedRun.exec(run.displayTitle.trim());
  if (match !== null) {
    const who = match[2]?.trim() ?? '';
    return {
      what: match[1] === 'preview' ? 'preview' : 'delivery',
      requestedBy: who === '' ? null : who,
    };
  }
  if (run.event === 'schedule') return { what: 'nightly delivery', requestedBy: null };
  return { what: run.event === 'workflow_dispatch' ? 'manual' : run.event, requestedBy: null };
};

/** One mrkdwn line: state, when, delivery or preview, who asked, link. */
export const runLine = (run: WorkflowRunInfo): string => {
  const state = runState(run);
  const kind = runKind(run);
  const who = kind.requestedBy === null ? '' : ` requested by ${userMention(kind.requestedBy)}`;
  return `${state.emoji} *${state.label}* · ${slackDate(run.createdAt)} · ${escapeMrkdwn(kind.what)}${who} · ${mrkdwnLink(run.htmlUrl, `run ${run.id}`)}`;
};

/** The fallback-text counterpart of {@link runLine}, without the link. */
const runPlainLine = (run: WorkflowRunInfo): string => {
  const kind = runKind(run);
  const who = kind.requestedBy === null ? '' : ` requested by ${kind.requestedBy}`;
  return escapeMrkdwn(
    `${runState(run).label}, ${plainDate(run.createdAt)} (${kind.what}${who}): run ${run.id}`,
  );
};

/** `/sync360 status`: the last runs of the nightly workflow, newest first. */
export const statusMessage = (runs: ReadonlyArray<WorkflowRunInfo>, limit = 10): SlackMessage => {
  if (runs.length === 0) {
    return {
      text: 'sync360: no runs of the nightly workflow yet.',
      blocks: [
        headerBlock('sync360: last runs'),
        sectionBlock(
          'No runs of the nightly workflow yet. Start one with `/sync360 now` or `/sync360 preview`.',
        ),
      ],
    };
  }
  const shown = runs.slice(0, limit);
  const latest = shown[0];
  return {
    text: `sync360: last run ${latest === undefined ? '' : runPlainLine(latest)}`,
    blocks: [
      headerBlock('sync360: last runs'),
      sectionBlock(shown.map(runLine).join('\n')),
      contextBlock(
        'A blocked run (safety guard) shows as failed in GitHub; its Slack alert says why and can approve it.',
      ),
    ],
  };
};
