export { checkGithub } from './doctor.js';
export { dispatchWorkflow } from './dispatch.js';
export { GithubError } from './errors.js';
export { findActiveRun, listRecentRuns, type WorkflowRun } from './runs.js';
export type { GithubSettings } from './settings.js';
export {
  DELIVER_JOB_NAME,
  PREVIEW_JOB_NAME,
  PREVIEW_TITLE_PREFIX,
  runWatchdog,
  watchdogVerdict,
} from './watchdog.js';
