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
  /** Not part of GitHub's run object: what `GET /actions/runs/:id/jobs` answers for this run. */
  readonly jobs: readonly FakeGithubJob[];
  /** Not part of GitHub's run object: fields left out of the answers (an odd outside answer). */
  readonly leftOut: readonly string[];
}

/** A job of a run, as GitHub's jobs endpoint returns it (the fields sync360 reads). */
export interface FakeGithubJob {
  readonly id: number;
  readonly run_id: number;
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
}

export interface FakeJobInit {
  readonly name: string;
  readonly status?: string;
  readonly conclusion?: string | null;
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
  /**
   * The run's jobs. Default: the nightly workflow's shape, a `guard` job that succeeded and a
   * `deliver` job with the run's status and conclusion (`preview` when the display title starts
   * with `sync360 preview`).
   */
  readonly jobs?: readonly FakeJobInit[];
  /**
   * Fields of the run left out of every answer (`display_title`, `html_url`…), and `jobs.<field>`
   * for fields left out of each of its jobs: no outside answer may crash a command.
   */
  readonly leftOut?: readonly string[];
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
  const displayTitle = init.displayTitle ?? 'sync360 nightly';
  const mainJob = displayTitle.startsWith('sync360 preview') ? 'preview' : 'deliver';
  const jobInits: readonly FakeJobInit[] = init.jobs ?? [
    { name: 'guard', status: 'completed', conclusion: 'success' },
    { name: mainJob, status, conclusion },
  ];
  const jobs = jobInits.map((job, index): FakeGithubJob => {
    const jobStatus = job.status ?? 'completed';
    return {
      id: id * 10 + index,
      run_id: id,
      name: job.name,
      status: jobStatus,
      conclusion:
        job.conclusion !== undefined
          ? job.conclusion
          : jobStatus === 'completed'
            ? 'success'
            : null,
    };
  });
  return {
    id,
    name: 'sync360 nightly',
    display_title: displayTitle,
    status,
    conclusion,
    event: init.event ?? 'schedule',
    head_branch: init.branch ?? 'main',
    created_at: createdAt,
    updated_at: updatedAt,
    run_started_at: createdAt,
    html_url: `https://github.com/${repository}/actions/runs/${String(id)}`,
    jobs,
    leftOut: init.leftOut ?? [],
  };
};

const without = (object: object, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !fields.includes(key)));

/** The run's jobs as GitHub's jobs endpoint shows them, less the fields left out. */
export const toApiJobs = (run: FakeGithubRun): Array<Record<string, unknown>> => {
  const fields = run.leftOut.flatMap((field) =>
    field.startsWith('jobs.') ? [field.slice('jobs.'.length)] : [],
  );
  return run.jobs.map((job) => without(job, fields));
};

/** The run as GitHub's REST API shows it (without the fake's `jobs`). */
export const toApiRun = (run: FakeGithubRun): Record<string, unknown> => {
  return without(
    {
      id: run.id,
      name: run.name,
      display_title: run.display_title,
      status: run.status,
      conclusion: run.conclusion,
      event: run.event,
      head_branch: run.head_branch,
      created_at: run.created_at,
      updated_at: run.updated_at,
      run_started_at: run.run_started_at,
      html_url: run.html_url,
    },
    run.leftOut,
  );
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
