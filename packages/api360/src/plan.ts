import type { UserRow } from '@sync360/core';
import type { CreateUserBody, UserPatch } from './client.js';
import { matchRows, type RowMatch } from './match.js';
import type { Api360Operation, Api360Warning, OperationKind } from './operations.js';
import { planManagers, type RowFate } from './plan-managers.js';
import type { RulesGuard } from './plan-rules.js';
import { isApi360Language, type Api360User, type UnreadableUser } from './schemas.js';

export interface Api360PlanOptions {
  /** The group created users join as `learner` (360Learning requires an initial membership). */
  readonly defaultGroupId: string;
  /** Activate created and restored users at once instead of leaving them `invited`. */
  readonly activateUsers: boolean;
}

export interface Api360PlanInput {
  /** The rows of the built file. */
  readonly rows: ReadonlyArray<UserRow>;
  /** Every 360Learning user, all statuses. */
  readonly users: ReadonlyArray<Api360User>;
  /** Listed users sync360 cannot read: the rows with their mail are left alone (none: []). */
  readonly unreadable?: ReadonlyArray<UnreadableUser>;
  /** The rows of the last delivered file, or null when there is none. */
  readonly baselineRows: ReadonlyArray<UserRow> | null;
  readonly options: Api360PlanOptions;
  /**
   * Current manager ids of the accounts `managerReadsFor` names (read from 360Learning); an
   * account missing here counts as having none.
   */
  readonly managers: ReadonlyMap<string, ReadonlyArray<string>>;
}

/** A row that cannot be applied at all (several live accounts share its mail). */
export interface Api360Conflict {
  readonly uniqueId: string;
  readonly operation: OperationKind;
  readonly error: string;
}

export interface Api360Plan {
  /** In order: creates and restores (each followed by its patch and activation), updates, deletes, managers. */
  readonly operations: ReadonlyArray<Api360Operation>;
  readonly conflicts: ReadonlyArray<Api360Conflict>;
  readonly warnings: ReadonlyArray<Api360Warning>;
  /** For the guard: the deletes planned. */
  readonly deletes: number;
  /** For the guard: live active or invited accounts matched by a row of the file. */
  readonly previouslyActive: number;
  /** What the row plan does to each row's account (group rules plan from it). */
  readonly fates: ReadonlyMap<string, RowFate>;
  /** Group rules (§7c): null without a rules file. */
  readonly rules: RulesGuard | null;
}

const warning = (
  uniqueId: string | null,
  code: Api360Warning['code'],
  field: string | null,
  message: string,
  operation: OperationKind | null = null,
): Api360Warning => ({ uniqueId, code, field, message, operation, status: null, apiCode: null });

const createBody = (row: UserRow, lang: string | null, groupId: string): CreateUserBody => ({
  mail: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  // 360Learning's text fields need at least one character: an empty title is left out.
  ...(row.title === '' ? {} : { job: row.title }),
  ...(lang === null ? {} : { lang }),
  membership: { groupId, role: 'learner' },
});

/** The fields among mail, firstName, lastName, job and lang where the row and the account differ. */
const differences = (
  match: RowMatch,
  user: Api360User,
  lang: string | null,
): Pick<Extract<Api360Operation, { operation: 'update' }>, 'patch' | 'before'> | null => {
  const { row } = match;
  const patch: { -readonly [K in keyof UserPatch]: string } = {};
  const before: { -readonly [K in keyof UserPatch]: string | null } = {};
  const differ = (field: keyof UserPatch, wanted: string, current: string | null): void => {
    if (wanted === current) return;
    patch[field] = wanted;
    before[field] = current;
  };
  if (match.byOldMail) differ('mail', row.email, user.mail);
  differ('firstName', row.firstName, user.firstName);
  differ('lastName', row.lastName, user.lastName);
  if (row.title !== '') differ('job', row.title, user.job);
  if (lang !== null) differ('lang', lang, user.lang);
  return Object.keys(patch).length === 0 ? null : { patch, before };
};

interface RowsPlan {
  readonly fates: ReadonlyMap<string, RowFate>;
  readonly creates: ReadonlyArray<Api360Operation>;
  readonly updates: ReadonlyArray<Api360Operation>;
  readonly deletes: ReadonlyArray<Api360Operation>;
  readonly conflicts: ReadonlyArray<Api360Conflict>;
  readonly warnings: ReadonlyArray<Api360Warning>;
  readonly previouslyActive: number;
}

const conflictError = 'several 360Learning accounts that are not deleted have this mail';

const fieldWords: Readonly<Record<UnreadableUser['fields'][number], string>> = {
  _id: 'id',
  mail: 'email',
  status: 'status',
};

const unreadableWarning = (uniqueId: string | null, user: UnreadableUser): Api360Warning =>
  warning(
    uniqueId,
    'api360-unreadable-user',
    uniqueId === null ? null : 'email',
    `360Learning listed ${uniqueId === null ? 'an account' : "this employee's account"} without a readable ${user.fields.map((field) => fieldWords[field]).join(', ')}: ${uniqueId === null ? 'it is left untouched' : 'nothing was written for this employee'}; the next run reads it again (if it persists, report it to 360Learning)`,
  );

/**
 * Rows whose mail an unreadable account has: applying them could create a second account or
 * change the wrong one, so they are left out. One warning per unreadable account.
 */
const setAsideUnreadable = (
  rows: ReadonlyArray<UserRow>,
  baselineRows: ReadonlyArray<UserRow> | null,
  unreadable: ReadonlyArray<UnreadableUser>,
): { readonly aside: ReadonlySet<string>; readonly warnings: Api360Warning[] } => {
  if (unreadable.length === 0) return { aside: new Set(), warnings: [] };
  const rowByMail = new Map(rows.map((row) => [row.email.toLowerCase(), row.uniqueId]));
  // The mail a row had at the last delivery may still be its account's (an email change).
  const inFile = new Set(rows.map((row) => row.uniqueId));
  for (const row of baselineRows ?? []) {
    const mail = row.email.toLowerCase();
    if (inFile.has(row.uniqueId) && !rowByMail.has(mail)) rowByMail.set(mail, row.uniqueId);
  }
  const aside = new Set<string>();
  const warnings = unreadable.map((user) => {
    const uniqueId = user.mail === null ? undefined : rowByMail.get(user.mail.toLowerCase());
    if (uniqueId !== undefined) aside.add(uniqueId);
    return unreadableWarning(uniqueId ?? null, user);
  });
  return { aside, warnings };
};

const planRows = (input: Omit<Api360PlanInput, 'managers'>): RowsPlan => {
  const fates = new Map<string, RowFate>();
  const creates: Api360Operation[] = [];
  const updates: Api360Operation[] = [];
  const deletes: Api360Operation[] = [];
  const conflicts: Api360Conflict[] = [];
  const unreadable = setAsideUnreadable(input.rows, input.baselineRows, input.unreadable ?? []);
  const warnings: Api360Warning[] = [...unreadable.warnings];
  let previouslyActive = 0;
  for (const match of matchRows(input.rows, input.users, input.baselineRows)) {
    const { row, user } = match;
    const uniqueId = row.uniqueId;
    if (unreadable.aside.has(uniqueId)) continue;
    if (match.conflict) {
      const operation = row.status === 'Active' ? 'update' : 'delete';
      conflicts.push({ uniqueId, operation, error: conflictError });
      warnings.push(
        warning(
          uniqueId,
          'api360-rejected',
          'email',
          `${conflictError}: merge or delete the extra accounts in 360Learning, then the next run applies this row`,
          operation,
        ),
      );
      fates.set(uniqueId, { kind: 'conflict' });
      continue;
    }
    const live = user !== null && user.status !== 'deleted' ? user : null;
    if (live !== null) previouslyActive += 1;
    if (row.status === 'Inactive') {
      if (live !== null)
        deletes.push({ operation: 'delete', uniqueId, userId: live.id, mail: live.mail });
      fates.set(uniqueId, { kind: 'gone' });
      continue;
    }
    const lang = isApi360Language(row.language) ? row.language : null;
    if (lang === null)
      warnings.push(
        warning(
          uniqueId,
          'language-not-in-360',
          'language',
          `360Learning has no language "${row.language}": the user's language is left as 360Learning has it (set SYNC360_DEFAULT_LANGUAGE or the employee's culture to one it offers)`,
        ),
      );
    if (live !== null) {
      const diff = differences(match, live, lang);
      if (diff !== null) updates.push({ operation: 'update', uniqueId, userId: live.id, ...diff });
      fates.set(uniqueId, { kind: 'keep', accountId: live.id });
      continue;
    }
    const body = createBody(row, lang, input.options.defaultGroupId);
    if (user === null) {
      creates.push({ operation: 'create', uniqueId, body });
      fates.set(uniqueId, { kind: 'create', readId: null });
    } else {
      // Restoring may keep the deleted account's old values: patch what differs from them.
      creates.push({ operation: 'restore', uniqueId, userId: user.id, body });
      const diff = differences(match, user, lang);
      if (diff !== null) creates.push({ operation: 'update', uniqueId, userId: null, ...diff });
      fates.set(uniqueId, { kind: 'restore', readId: user.id });
    }
    if (input.options.activateUsers)
      creates.push({ operation: 'activate', uniqueId, userId: null });
  }
  return { fates, creates, updates, deletes, conflicts, warnings, previouslyActive };
};

const managerInput = (input: Omit<Api360PlanInput, 'managers'>, rows: RowsPlan) => ({
  rows: input.rows,
  baselineRows: input.baselineRows,
  fates: rows.fates,
});

/** The accounts whose current managers the plan needs (read them, then call `planApi360`). */
export const managerReadsFor = (input: Omit<Api360PlanInput, 'managers'>): string[] =>
  planManagers(managerInput(input, planRows(input)), new Map()).reads;

/**
 * What to do in 360Learning so it matches the file, without I/O: users absent from the file are
 * never touched, Active rows are created, restored or patched, Inactive rows deleted, and managers
 * set where the file says who they are.
 */
export const planApi360 = (input: Api360PlanInput): Api360Plan => {
  const rows = planRows(input);
  const managers = planManagers(managerInput(input, rows), input.managers);
  return {
    operations: [...rows.creates, ...rows.updates, ...rows.deletes, ...managers.operations],
    conflicts: rows.conflicts,
    warnings: [...rows.warnings, ...managers.warnings],
    deletes: rows.deletes.length,
    previouslyActive: rows.previouslyActive,
    fates: rows.fates,
    rules: null,
  };
};
