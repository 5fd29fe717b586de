export { checkGithub } from './doctor.js';
export { dispatchWorkflow } from './dispatch.js';
export { GithubError } from './errors.js';
export {
  findActiveRun,
  isPreviewRun,
  listRecentRuns,
  PREVIEW_TITLE_PREFIX,
  type WorkflowRun,
} from './runs.js';
export type { GithubSettings } from './settings.js';
export { DELIVER_JOB_NAME, PREVIEW_JOB_NAME, runWatchdog, watchdogVerdict } from './watchdog.js';
