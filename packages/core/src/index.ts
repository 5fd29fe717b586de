export { isCalendarDate } from './dates.js';
export { doctorCheckFor, type DoctorCheck } from './doctor.js';
export type { EmployeeRecord, RuleAttribute } from './employee.js';
export {
  ConfigError,
  DeliveryError,
  httpStatusOf,
  isSync360Error,
  messageOf,
  SourceError,
  Sync360Error,
  type ErrorDetails,
  type ErrorKind,
} from './errors.js';
export { deactivationCap, type GuardVerdict } from './diff.js';
export { normalizeText, statusReader } from './field-rules.js';
export {
  durationInHours,
  historyWindow,
  planHistory,
  type CatalogueTraining,
  type CourseCompletion,
  type HistoryItem,
  type HistoryPlan,
  type HistoryPlanInput,
  type HistoryWarning,
  type HistoryWindow,
  type PathCompletion,
  type RealizedTraining,
} from './history.js';
export { mapEmployees } from './map-employees.js';
export { defaultPlanOptions, type PlanOptions } from './options.js';
export { buildPlan, withDeliveryProblems, type Plan } from './plan.js';
export { redactSecrets } from './redact.js';
export {
  evaluateRules,
  fromGivesDate,
  isRuleFromKey,
  isRuleWhenKey,
  ruleAttributeKeys,
  ruleRoles,
  type GroupRules,
  type RuleCondition,
  type RulesEvaluation,
} from './rules.js';
export { compareReminders, type Reminder, type ReminderKind } from './reminders.js';
export { reportSchema, type ChangeCounts, type Report, type RunOutcome } from './report.js';
export {
  columnKeys,
  compareUniqueIds,
  parsePreviousFile,
  type UserRow,
  type UserStatus,
} from './user-file.js';
