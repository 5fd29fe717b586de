import type { Octokit } from 'octokit';
import { z } from 'zod';
import { callGithub, unexpectedAnswer, type CallContext } from './errors.js';
import { createOctokit } from './octokit.js';
import { apiUrlOf, repoCoordinates, type GithubSettings } from './settings.js';

/** One run of the nightly workflow, as the bot and the CLI show it. */
export interface WorkflowRun {
  id: number;
  /** queued, in_progress, completed, waiting, requested, pending… */
  status: string;
  /** success, failure, cancelled, skipped, timed_out…; null while the run is not completed. */
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
  /** schedule, workflow_dispatch… */
  event: string;
  /** The run name (`run-name`), e.g. `sync360 preview (requested by U123)`. */
  displayTitle: string;
}

/** Statuses of a run that has not finished yet (it blocks a new dispatch). */
const ACTIVE_RUN_STATUSES: readonly string[] = [
  'queued',
  'in_progress',
  'waiting',
  'requested',
  'pending',
];

// Only the fields shown are read, each on its own: a missing or odd one falls back (the run name
// to the workflow's `name`, the link to the run's page built from its id), never a crash. A run
// without a readable id cannot be named or linked: it is left out.
const text = z.string().nullable().catch(null);
const runSchema = z.object({
  id: z.number().int().nonnegative(),
  status: text,
  conclusion: text,
  created_at: text,
  updated_at: text,
  run_started_at: text,
  html_url: text,
  event: text,
  display_title: text,
  name: text,
});
const runsPageSchema = z.object({ workflow_runs: z.array(z.unknown()) });

/** `https://github.com` for the public API, else the GitHub Enterprise host of `/api/v3`. */
const webUrlOf = (settings: GithubSettings): string => {
  const api = apiUrlOf(settings);
  return api === 'https://api.github.com' ? 'https://github.com' : api.replace(/\/api\/v3$/, '');
};

/** One run of GitHub's answer as sync360 shows it; null when it has no readable id. */
const readRun = (item: unknown, settings: GithubSettings): WorkflowRun | null => {
  const parsed = runSchema.safeParse(item);
  if (!parsed.success) return null;
  const run = parsed.data;
  const createdAt = run.created_at ?? run.run_started_at ?? run.updated_at ?? '';
  return {
    id: run.id,
    status: run.status ?? 'unknown',
    conclusion: run.conclusion,
    createdAt,
    updatedAt: run.updated_at ?? createdAt,
    htmlUrl:
      run.html_url ?? `${webUrlOf(settings)}/${settings.repository}/actions/runs/${String(run.id)}`,
    event: run.event ?? 'unknown',
    displayTitle: run.display_title ?? run.name ?? '',
  };
};

/** The newest `perPage` runs (1 to 100), optionally only those that concluded `success`. */
export const fetchRuns = async (
  octokit: Octokit,
  settings: GithubSettings,
  perPage: number,
  status?: 'success',
): Promise<WorkflowRun[]> => {
  const context: CallContext = { settings, operation: `listing runs of ${settings.workflow}` };
  const { data } = await callGithub(context, () =>
    octokit.rest.actions.listWorkflowRuns({
      ...repoCoordinates(settings),
      workflow_id: settings.workflow,
      per_page: perPage,
      ...(status === undefined ? {} : { status }),
    }),
  );
  const page = runsPageSchema.safeParse(data);
  if (!page.success) throw unexpectedAnswer(context, 'no list of workflow runs');
  return page.data.workflow_runs.slice(0, perPage).flatMap((item) => readRun(item, settings) ?? []);
};

/** The most recent runs of the workflow, newest first (1 to 100, default 20). */
export const listRecentRuns = (settings: GithubSettings, limit = 20): Promise<WorkflowRun[]> => {
  const perPage = Number.isFinite(limit) ? Math.min(100, Math.max(1, Math.trunc(limit))) : 20;
  return fetchRuns(createOctokit(settings), settings, perPage);
};

/** Run names of previews start with this (see `run-name` in sync360-nightly.yml). */
export const PREVIEW_TITLE_PREFIX = 'sync360 preview';

/** A dry run: it never delivers, and its concurrency group is not the deliveries'. */
export const isPreviewRun = (run: Pick<WorkflowRun, 'displayTitle'>): boolean =>
  run.displayTitle.startsWith(PREVIEW_TITLE_PREFIX);

/**
 * A run that is queued, waiting or in progress, or null; with `ignorePreviews`, only a delivering
 * one. One request for the 50 most recent runs: an unfinished run is always among them (runs
 * time out long before 50 newer ones exist). A run in progress is preferred to one still
 * queued, so a link points at what is happening.
 */
export const findActiveRun = async (
  settings: GithubSettings,
  options: { readonly ignorePreviews?: boolean } = {},
): Promise<WorkflowRun | null> => {
  const runs = await fetchRuns(createOctokit(settings), settings, 50);
  const active = runs.filter(
    (run) =>
      ACTIVE_RUN_STATUSES.includes(run.status) &&
      !(options.ignorePreviews === true && isPreviewRun(run)),
  );
  return active.find((run) => run.status === 'in_progress') ?? active[0] ?? null;
};
