import { callGithub, GithubError, type CallContext } from './errors.js';
import { createOctokit } from './octokit.js';
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

/** The history workflow's inputs (`sync360-history.yml`): it has no preview. */
export interface HistoryDispatchInputs {
  requested_by: string;
  /** Apply exactly the saved plan with this sha256 (passed to the CLI as `--approve`). */
  approve_sha256: string;
  slack_thread?: string;
}

export interface DispatchOptions {
  /** Dispatch even while a run is queued or running (an approval must not be swallowed). */
  readonly evenIfActive?: boolean;
}

export type DispatchResult = { dispatched: true } | { dispatched: false; activeRun: WorkflowRun };

/**
 * Starts the workflow on `settings.ref`, unless a run is already queued or in progress: then
 * nothing is sent and that run is returned, so the caller can link it instead. The dispatch is
 * sent once, never retried: when GitHub does not answer, the run may have started all the same
 * (`github-dispatch-unconfirmed`).
 */
export const dispatchWorkflow = async (
  settings: GithubSettings,
  inputs: DispatchInputs | HistoryDispatchInputs,
  options: DispatchOptions = {},
): Promise<DispatchResult> => {
  if (options.evenIfActive !== true) {
    const activeRun = await findActiveRun(settings);
    if (activeRun !== null) return { dispatched: false, activeRun };
  }
  const context: CallContext = {
    settings,
    operation: `dispatching ${settings.workflow} on ${settings.ref}`,
  };
  const octokit = createOctokit(settings);
  try {
    await callGithub(context, () =>
      octokit.rest.actions.createWorkflowDispatch({
        ...repoCoordinates(settings),
        workflow_id: settings.workflow,
        ref: settings.ref,
        inputs: { ...inputs },
        request: { retries: 0 },
      }),
    );
  } catch (error: unknown) {
    if (error instanceof GithubError && error.code === 'github-unreachable') {
      throw new GithubError(
        'github-dispatch-unconfirmed',
        `GitHub did not answer while ${context.operation}: the run may have started (${String(error.details['githubMessage'])}).`,
        'Look at the last runs (`/sync360 status` or the Actions page) before dispatching again.',
        error.details,
      );
    }
    throw error;
  }
  return { dispatched: true };
};
