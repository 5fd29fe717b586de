import {
  dispatchWorkflow,
  listRecentRuns,
  runWatchdog,
  type DispatchInputs,
  type DispatchResult,
  type GithubSettings,
  type WatchdogVerdict,
  type WorkflowRun,
} from '@sync360/github';

/** What the bot asks GitHub, bound to one repository and workflow. */
export interface GithubPort {
  listRecentRuns(limit: number): Promise<WorkflowRun[]>;
  /** Dispatches unless a run is queued or running (then returns it, dispatching nothing). */
  dispatch(inputs: DispatchInputs): Promise<DispatchResult>;
  /** Has a delivering nightly run succeeded in the last `maxAgeHours`? */
  watchdog(now: Date, maxAgeHours: number): Promise<WatchdogVerdict>;
}

export const createGithubPort = (settings: GithubSettings): GithubPort => ({
  listRecentRuns: (limit) => listRecentRuns(settings, limit),
  dispatch: (inputs) => dispatchWorkflow(settings, inputs),
  watchdog: (now, maxAgeHours) => runWatchdog(settings, now, maxAgeHours),
});

/** The Actions page of the workflow, where a just-dispatched run shows up. */
export const workflowPageUrl = (webUrl: string, settings: GithubSettings): string =>
  `${webUrl}/${settings.repository}/actions/workflows/${encodeURIComponent(settings.workflow)}`;
