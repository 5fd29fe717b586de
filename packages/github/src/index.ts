export { checkGithub } from './doctor.js';
export { dispatchWorkflow, type DispatchInputs, type DispatchResult } from './dispatch.js';
export { GithubError, isGithubError, type GithubErrorCode } from './github-error.js';
export {
  DELIVER_JOB_NAME,
  PREVIEW_JOB_NAME,
  deliveredIn,
  listRunJobs,
  type WorkflowJob,
} from './jobs.js';
export { findLastDelivery, runWatchdog } from './last-delivery.js';
export {
  ACTIVE_RUN_STATUSES,
  findActiveRun,
  isActiveRun,
  listRecentRuns,
  type ListRunsQuery,
  type RunStatusFilter,
  type WorkflowRun,
} from './runs.js';
export {
  DEFAULT_GITHUB_API_URL,
  DEFAULT_TIMEOUT_MS,
  repoCoordinates,
  type GithubSettings,
  type RepoCoordinates,
} from './settings.js';
export {
  PREVIEW_TITLE_PREFIX,
  describeRuns,
  isPreviewRun,
  watchdogVerdict,
  type WatchdogVerdict,
} from './watchdog.js';
