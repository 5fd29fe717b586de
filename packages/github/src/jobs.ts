import { z } from 'zod';
import { createOctokit } from './client.js';
import { badResponse, callGithub, type CallContext } from './map-error.js';
import { issueText } from './runs.js';
import { repoCoordinates, type GithubSettings } from './settings.js';

/**
 * Job names of the nightly workflow (`jobs.<id>.name` in sync360-nightly.yml): `guard` decides
 * whether a scheduled firing is tonight's, then the sync job is named `deliver` for a real run and
 * `preview` for a dry run. A firing the guard turns away still ends `success`, with its sync job
 * `skipped`: only the jobs tell a delivering run from a no-op.
 */
export const DELIVER_JOB_NAME = 'deliver';
export const PREVIEW_JOB_NAME = 'preview';

export interface WorkflowJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
}

const jobsSchema = z.object({
  jobs: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      status: z.string(),
      conclusion: z.string().nullable(),
    }),
  ),
});

/** The jobs of one run (latest attempt). */
export const listRunJobs = async (
  settings: GithubSettings,
  runId: number,
): Promise<WorkflowJob[]> => {
  const { owner, repo } = repoCoordinates(settings);
  const context: CallContext = { settings, operation: `reading the jobs of run ${String(runId)}` };
  const octokit = createOctokit(settings);
  const response = await callGithub(context, () =>
    octokit.rest.actions.listJobsForWorkflowRun({
      owner,
      repo,
      run_id: runId,
      filter: 'latest',
      per_page: 100,
    }),
  );
  const parsed = jobsSchema.safeParse(response.data);
  if (!parsed.success) throw badResponse(context, issueText(parsed.error));
  return parsed.data.jobs;
};

/** True when the run's `deliver` job succeeded: the file really went out. */
export const deliveredIn = (jobs: readonly WorkflowJob[]): boolean =>
  jobs.some((job) => job.name === DELIVER_JOB_NAME && job.conclusion === 'success');
