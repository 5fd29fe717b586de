// Every error code the 360Learning OpenAPI documents list (users, groups and custom fields,
// stats), with what a person can do about it. A test reads the documents in
// shared/reference/ and fails when one lists a code missing here. Per-user codes speak to the HR
// admin (their text reaches Slack: no setting or flag names); codes that only stop a run speak to
// whoever runs sync360 and may name its settings.

interface CodeHint {
  /** The file column the code is about, for a per-user warning; null when none. */
  readonly field: string | null;
  readonly hint: string;
}

const nextRun = 'the next run re-reads 360Learning';
const adminSettings = "an admin must change sync360's settings";

export const api360ErrorHints = {
  // Authentication (the token endpoint, then every call).
  invalid_client: {
    field: null,
    hint: "check API360_CLIENT_ID and API360_CLIENT_SECRET against 360Learning's API v2 admin panel (a regenerated secret invalidates the old one)",
  },
  invalid_request: {
    field: null,
    hint: 'check API360_COMPANY_ID (24 hex digits, or unset) and API360_BASE_URL (EU or US platform)',
  },
  unsupported_grant_type: {
    field: null,
    hint: 'sync360 asks for client credentials, which 360Learning refused here: check API360_BASE_URL points at 360Learning itself',
  },
  non_existing_user: {
    field: null,
    hint: '360Learning answered for a user-authorized token, which sync360 never asks for: check API360_BASE_URL points at 360Learning itself',
  },
  invalid_token: {
    field: null,
    hint: 'the access token was refused even when new: check API360_CLIENT_ID, API360_CLIENT_SECRET and API360_COMPANY_ID',
  },
  invalid_scope: {
    field: null,
    hint: "the API client lacks a scope: in 360Learning's API v2 admin panel give it users:read and users:write (and the groups, custom-fields or stats scopes the README lists for rules and history), or ask your 360Learning CSM",
  },
  tooManyRequests: {
    field: null,
    hint: "another integration may be using the company's request quota; run again later (re-running is safe: the next run re-reads 360Learning)",
  },
  // Users.
  mailAlreadyUsed: {
    field: 'email',
    hint: 'another 360Learning account already has this email: correct the email in Lucca, or merge the two accounts in 360Learning',
  },
  mailInvalid: {
    field: 'email',
    hint: '360Learning does not accept this email: correct it in Lucca',
  },
  mailUsedTooManyTimes: {
    field: 'email',
    hint: 'this email was used by too many 360Learning accounts: ask 360Learning to clean up the deleted ones',
  },
  mailAndUsernameUndefined: {
    field: 'email',
    hint: '360Learning received no email for this employee: set the professional email in Lucca',
  },
  loginIdentifierMultipleUsersFound: {
    field: 'email',
    hint: 'the email and the username belong to two different 360Learning accounts: merge or correct them in 360Learning',
  },
  usernameAlreadyUsed: {
    field: null,
    hint: 'another 360Learning account already has this username: correct it in 360Learning',
  },
  usernameNotAllowed: {
    field: null,
    hint: 'this 360Learning company does not allow usernames for logging in: ask your 360Learning administrator',
  },
  userShouldHaveAtLeastOneValidIdentifier: {
    field: 'email',
    hint: 'the change would leave the 360Learning account without email or username: set the professional email in Lucca',
  },
  notMemberOfPrimaryGroup: {
    field: null,
    hint: 'the account is not a member of the group named as its primary group: add it to that group in 360Learning',
  },
  deactivationDateInvalid: {
    field: null,
    hint: "360Learning only accepts a deactivation date in the future: check the employee's contract end in Lucca",
  },
  ownerDeactivationNotAllowed: {
    field: 'status',
    hint: "the company owner's account cannot be given a deactivation date: transfer the ownership in 360Learning first",
  },
  invalidUpdateOnDeletedUser: {
    field: null,
    hint: `the 360Learning account is deleted, so it cannot be changed: ${nextRun} and restores it first when the employee is Active`,
  },
  mediaNotFound: {
    field: null,
    hint: 'the profile image named does not exist in 360Learning: choose the image again in 360Learning',
  },
  analystUnavailable: {
    field: null,
    hint: `this 360Learning company does not offer the analyst role: ${adminSettings} (the group rules)`,
  },
  groupNotFound: {
    field: null,
    hint: `the 360Learning group named does not exist (it may have been deleted): ${adminSettings}`,
  },
  userNotFound: {
    field: null,
    hint: `the account disappeared from 360Learning during the run: ${nextRun}`,
  },
  userDeleted: {
    field: null,
    hint: `the account was deleted in 360Learning during the run: ${nextRun}`,
  },
  userIsCompanyOwner: {
    field: 'status',
    hint: "the company owner's account cannot be deleted: transfer the ownership in 360Learning first",
  },
  userNotFoundInGroup: {
    field: null,
    hint: `the account was no longer in that group (someone changed it in 360Learning meanwhile): ${nextRun}`,
  },
  // Managers.
  managerNotFound: {
    field: 'managerId',
    hint: `the manager's account disappeared from 360Learning during the run: ${nextRun}`,
  },
  managerDeleted: {
    field: 'managerId',
    hint: "the manager's 360Learning account is deleted: set the manager's 360 status to Active in Lucca, or change the manager",
  },
  managerNotAssignedToUser: {
    field: 'managerId',
    hint: `the manager was already removed in 360Learning: ${nextRun}`,
  },
  // Custom fields.
  customFieldNotFound: {
    field: null,
    hint: `the 360Learning custom field named does not exist (it may have been deleted): ${adminSettings} (the custom-field mappings)`,
  },
  unauthorizedValue: {
    field: null,
    hint: `the value is not one of the custom field's authorized values in 360Learning: add it there, or ${adminSettings} (the custom-field mappings)`,
  },
  wrongTypeValue: {
    field: null,
    hint: `the value does not have the custom field's type in 360Learning: ${adminSettings} (the custom-field mappings)`,
  },
  multipleValuesForSingleCustomField: {
    field: null,
    hint: `several values were sent to a custom field that holds one: ${adminSettings} (the custom-field mappings)`,
  },
  // Learning history (stats).
  courseNotFound: {
    field: null,
    hint: `the course disappeared from 360Learning during the run: ${nextRun}`,
  },
  pathNotFound: {
    field: null,
    hint: `the path disappeared from 360Learning during the run: ${nextRun}`,
  },
  sessionNotFound: {
    field: null,
    hint: `the path session disappeared from 360Learning during the run: ${nextRun}`,
  },
  sessionNotBelongToPath: {
    field: null,
    hint: `the session was moved to another path in 360Learning during the run: ${nextRun}`,
  },
} as const satisfies Readonly<Record<string, CodeHint>>;

const hints: ReadonlyMap<string, CodeHint> = new Map(Object.entries(api360ErrorHints));

const unknownCode = 'api360-unknown';

/** What to do about a code; null for a code no 360Learning document lists. */
export const hintOfCode = (code: string | null): CodeHint | null =>
  (code === null ? undefined : hints.get(code)) ?? null;

/**
 * A code as shown anywhere but the report: an unknown one may carry anything (a proxy's text,
 * personal data), so it reads `api360-unknown`.
 */
const shownCode = (code: string): string => (hintOfCode(code) === null ? unknownCode : code);

/** `HTTP 400 mailInvalid`, with an unknown code shown as `api360-unknown`. */
export const shownStatus = (status: number, code: string | null): string =>
  `HTTP ${status}${code === null ? '' : ` ${shownCode(code)}`}`;

/** An operation's report error (`HTTP 400 <code as sent>`) as the console shows it. */
export const shownError = (error: string): string =>
  error.replace(
    /^(HTTP \d{3}) ([\s\S]+)$/,
    (_, status: string, code: string) => `${status} ${shownCode(code)}`,
  );
