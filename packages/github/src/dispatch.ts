import { z } from 'zod';
import { createOctokit } from './client.js';
import { GithubError } from './github-error.js';
import { badResponse, callGithub, type CallContext } from './map-error.js';
import { findActiveRun, type WorkflowRun } from './runs.js';
import { repoCoordinates, type GithubSettings } from './settings.js';

/** The nightly workflow's `workflow_dispatch` inputs; GitHub wants every input as a string. */
export interface DispatchInputs {
  dry_run: 'true' | 'false';
  /** Who asked (a Slack user id), shown in the run name. */
  requested_by: string;
  /** Deliver only the file with this sha256 (passed to the CLI as `--approve`). */
  approve_sha256?: string;
  /** `<channel>:<thread ts>` of the Slack message the run replies to. */
  slack_thread?: string;
}

export interface DispatchOptions {
  /** Dispatch even while a run is queued or running (an approval must not be swallowed). */
  readonly evenIfActive?: boolean;
}

export type DispatchResult = { dispatched: true } | { dispatched: false; activeRun: WorkflowRun };

/** 204 is GitHub's classic answer; 200 comes back when run details are requested. */
const dispatchAnswer = z.object({ status: z.union([z.literal(204), z.literal(200)]) });

/**
 * Starts the workflow on `settings.ref`, unless a run is already queued or in progress: then
 * nothing is sent and that run is returned, so the caller can link it instead.
 */
export const dispatchWorkflow = async (
  settings: GithubSettings,
  inputs: DispatchInputs,
  options: DispatchOptions = {},
): Promise<DispatchResult> => {
  const { owner, repo } = repoCoordinates(settings);
  if (options.evenIfActive !== true) {
    const activeRun = await findActiveRun(settings);
    if (activeRun !== null) return { dispatched: false, activeRun };
  }
  const context: CallContext = {
    settings,
    operation: `dispatching ${settings.workflow} on ${settings.ref}`,
  };
  const octokit = createOctokit(settings);
  const response = await callGithub(context, () =>
    octokit.rest.actions.createWorkflowDispatch({
      owner,
      repo,
      workflow_id: settings.workflow,
      ref: settings.ref,
      inputs: { ...inputs },
    }),
  ).catch((error: unknown) => {
    if (error instanceof GithubError && error.code === 'github-unreachable') {
      throw new GithubError(
        'github-dispatch-unconfirmed',
        `GitHub did not answer while ${context.operation}: the run may have started.`,
        'Look at the last runs (`/sync360 status` or the Actions page) before dispatching again.',
        error.details,
      );
    }
    throw error;
  });
  const answer = dispatchAnswer.safeParse(response);
  if (!answer.success) {
    throw badResponse(context, `status ${String(response.status)} instead of 204`);
  }
  return { dispatched: true };
};
