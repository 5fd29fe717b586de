// The Slack messages of sync360, shared by the runner and the bot: pure functions from a report,
// reminders or facts to Block Kit plus fallback text. Everything public is listed here.
export { sectionBlock, type SlackMessage } from './blocks.js';
export { changeListPages, type ChangeEntry } from './change-list.js';
export { failureFactsOf } from './failures.js';
export { helpMessage, type HelpReason } from './help.js';
export {
  approveHistoryActionId,
  historyAlreadyApprovedMessage,
  historyApprovedNote,
  historyCountsMessage,
  historyReviewPages,
} from './history.js';
export { homeView, type HomeAccess } from './home-view.js';
export {
  namesRefusalText,
  reminderCountsMessage,
  reminderPages,
  statusSetBlockId,
  type NamedListPlace,
  type NamesRefusal,
} from './reminders.js';
export {
  alreadyApprovedMessage,
  alreadyRunningMessage,
  failureReply,
  incompleteCommandMessage,
  invalidButtonMessage,
  mayHaveStartedMessage,
  notAllowedMessage,
  notApproverMessage,
  pendingUnavailableMessage,
  sentByDirectMessage,
  startedMessage,
  statusButtonsOffMessage,
  statusButtonsOffText,
  statusInProgressMessage,
} from './replies.js';
export {
  approveActionId,
  approvedNote,
  needsAlert,
  runAlertMessage,
  runSummaryMessage,
  syncNotStartedMessage,
  syncRequestedMessage,
  threadOutcomeMessage,
  type RequestMode,
  type ReviewPlace,
  type RunMessageOptions,
} from './run-messages.js';
export { statusMessage, type WorkflowRunInfo } from './runs.js';
export {
  setStatusActionId,
  statusAuditText,
  statusNoteMessage,
  statusSetFallback,
  statusSetLine,
  type StatusPerson,
  type StatusSetNote,
} from './set-status.js';
export {
  watchdogAlertMessage,
  watchdogUnavailableMessage,
  type WatchdogVerdictInfo,
} from './watchdog-alert.js';
