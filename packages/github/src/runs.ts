import type { RestEndpointMethodTypes } from '@octokit/rest';
import { z } from 'zod';
import { createOctokit } from './client.js';
import { badResponse, callGithub, type CallContext } from './map-error.js';
import { repoCoordinates, type GithubSettings } from './settings.js';

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
  /** The run name (`run-name`), e.g. `sync360 preview requested by U123`. */
  displayTitle: string;
}

/** Statuses of a run that has not finished yet (it blocks a new dispatch). */
export const ACTIVE_RUN_STATUSES: readonly string[] = [
  'queued',
  'in_progress',
  'waiting',
  'requested',
  'pending',
];

const apiRunSchema = z.object({
  id: z.number(),
  status: z.string().nullable(),
  conclusion: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string(),
  event: z.string(),
  display_title: z.string().optional(),
  name: z.string().nullable().optional(),
});

const runsPageSchema = z.object({ workflow_runs: z.array(apiRunSchema) });

const toWorkflowRun = (run: z.infer<typeof apiRunSchema>): WorkflowRun => ({
  id: run.id,
  status: run.status ?? 'unknown',
  conclusion: run.conclusion,
  createdAt: run.created_at,
  updatedAt: run.updated_at,
  htmlUrl: run.html_url,
  event: run.event,
  displayTitle: run.display_title ?? run.name ?? '',
});

export const issueText = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');

export type RunStatusFilter = NonNullable<
  RestEndpointMethodTypes['actions']['listWorkflowRuns']['parameters']['status']
>;

export interface ListRunsQuery {
  /** GitHub's `status` filter: a status (in_progress…) or a conclusion (success…). */
  readonly status?: RunStatusFilter;
}

/** The most recent runs of the workflow, newest first (at most 100). */
export const listRecentRuns = async (
  settings: GithubSettings,
  limit = 20,
  query: ListRunsQuery = {},
): Promise<WorkflowRun[]> => {
  const { owner, repo } = repoCoordinates(settings);
  const context: CallContext = { settings, operation: `listing runs of ${settings.workflow}` };
  const perPage = Number.isFinite(limit) ? Math.min(100, Math.max(1, Math.trunc(limit))) : 20;
  const octokit = createOctokit(settings);
  const response = await callGithub(context, () =>
    octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: settings.workflow,
      per_page: perPage,
      ...(query.status === undefined ? {} : { status: query.status }),
    }),
  );
  const parsed = runsPageSchema.safeParse(response.data);
  if (!parsed.success) throw badResponse(context, issueText(parsed.error));
  return parsed.data.workflow_runs.slice(0, perPage).map(toWorkflowRun);
};

export const isActiveRun = (run: WorkflowRun): boolean => ACTIVE_RUN_STATUSES.includes(run.status);

/**
 * A run that is queued, waiting or in progress, or null. One request for the 50 most recent
 * runs: an unfinished run is always among them (runs time out long before 50 newer ones exist).
 * A run in progress is preferred to one still queued, so a link points at what is happening.
 */
export const findActiveRun = async (settings: GithubSettings): Promise<WorkflowRun | null> => {
  const active = (await listRecentRuns(settings, 50)).filter(isActiveRun);
  return active.find((run) => run.status === 'in_progress') ?? active[0] ?? null;
};
