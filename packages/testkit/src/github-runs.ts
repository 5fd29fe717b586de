/**
 * Workflow runs as GitHub's REST API returns them (the fields sync360 reads, snake_case), and a
 * builder with sensible defaults for tests.
 */
export interface FakeGithubRun {
  readonly id: number;
  readonly name: string;
  readonly display_title: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly event: string;
  readonly head_branch: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly run_started_at: string;
  readonly html_url: string;
}

export interface FakeRunInit {
  readonly id?: number;
  readonly status?: string;
  readonly conclusion?: string | null;
  readonly event?: string;
  readonly displayTitle?: string;
  readonly createdAt?: string | Date;
  readonly updatedAt?: string | Date;
  readonly branch?: string;
  readonly repository?: string;
}

let nextRunId = 1_000_000;

const iso = (value: string | Date): string =>
  typeof value === 'string' ? value : value.toISOString();

/**
 * A completed, successful scheduled run by default. Pass `status: 'in_progress'` for a running
 * one (its conclusion then defaults to null).
 */
export const fakeRun = (init: FakeRunInit = {}): FakeGithubRun => {
  nextRunId += 1;
  const id = init.id ?? nextRunId;
  const status = init.status ?? 'completed';
  const conclusion =
    init.conclusion !== undefined ? init.conclusion : status === 'completed' ? 'success' : null;
  const createdAt = iso(init.createdAt ?? new Date());
  const updatedAt = iso(init.updatedAt ?? createdAt);
  const repository = init.repository ?? 'acme/sync360';
  return {
    id,
    name: 'sync360 nightly',
    display_title: init.displayTitle ?? 'sync360 nightly',
    status,
    conclusion,
    event: init.event ?? 'schedule',
    head_branch: init.branch ?? 'main',
    created_at: createdAt,
    updated_at: updatedAt,
    run_started_at: createdAt,
    html_url: `https://github.com/${repository}/actions/runs/${String(id)}`,
  };
};

/** Statuses GitHub accepts in the `status` query parameter that are conclusions, not statuses. */
const CONCLUSIONS = new Set([
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out',
]);

/** GitHub's `?status=` filter: a status (queued, in_progress, …) or a conclusion (success, …). */
export const matchesStatusFilter = (run: FakeGithubRun, filter: string | null): boolean => {
  if (filter === null || filter === '') return true;
  return CONCLUSIONS.has(filter) ? run.conclusion === filter : run.status === filter;
};
