import {
  ConfigError,
  fromGivesDate,
  type GroupRules,
  type GuardVerdict,
  type RulesEvaluation,
} from '@sync360/core';
import pLimit from 'p-limit';
import type { Api360Client } from './client.js';
import type { Api360CustomField, Api360Group, CustomValue, PathRole } from './groups.js';
import type { Api360Operation } from './operations.js';
import type { Api360Plan } from './plan.js';
import type { RowFate } from './plan-managers.js';

/** The role-removal guard's numbers (§7c). */
export interface RulesGuard {
  /** Roles removed, groups left by the learner cascade, and custom values cleared. */
  readonly removals: number;
  readonly cap: number;
}

/** What 360Learning holds for the managed groups and fields. */
export interface RulesLive {
  readonly groups: ReadonlyArray<Api360Group>;
  /** Group id -> user id -> roles held, named as read answers name them. */
  readonly holders: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly fieldTypes: ReadonlyMap<string, string>;
  /**
   * Account id -> its custom-field values (read only when the rules set custom fields); an
   * account missing here could not be read completely and keeps its values.
   */
  readonly values: ReadonlyMap<string, ReadonlyArray<CustomValue>>;
}

// The add and remove paths take `learner`/`coach`; read answers use the vendor's enum, which
// spells these two the same way (it differs for `user-admin`, read as `userAdmin`).
const readRoleName: Readonly<Record<PathRole, string>> = { learner: 'learner', coach: 'coach' };

/** The public subgroups a learner leaves with `groupId`: down to, not into, the first private one. */
const publicSubgroups = (groupId: string, groups: ReadonlyArray<Api360Group>): string[] => {
  const children = new Map<string, Api360Group[]>();
  for (const group of groups) {
    const parent = group.parentId?.toLowerCase();
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), group]);
  }
  const found: string[] = [];
  const seen = new Set([groupId.toLowerCase()]);
  const queue = [groupId.toLowerCase()];
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    for (const child of children.get(next) ?? []) {
      const id = child.id.toLowerCase();
      if (!child.public || seen.has(id)) continue;
      seen.add(id);
      found.push(id);
      queue.push(id);
    }
  return found.sort();
};

/**
 * What in the rules file does not fit this 360Learning company: a group or custom field that
 * does not exist, a date field fed by something else than a date, the default group managed or a
 * public subgroup of a managed learner group. Each line names the rules file's line.
 */
export const rulesFitProblems = (
  rules: GroupRules,
  groups: ReadonlyArray<Api360Group>,
  customFields: ReadonlyArray<Api360CustomField>,
  defaultGroupId: string,
): string[] => {
  const problems: string[] = [];
  const known = new Set(groups.map((group) => group.id.toLowerCase()));
  const fields = new Map(customFields.map((field) => [field.id.toLowerCase(), field]));
  const defaultId = defaultGroupId.toLowerCase();
  for (const rule of rules.groups) {
    const id = rule.group.toLowerCase();
    if (!known.has(id))
      problems.push(
        `line ${rule.line}: group ${rule.group} does not exist in 360Learning (GET /api/v2/groups): copy the id from the group's URL`,
      );
    if (rule.role === 'learner' && publicSubgroups(id, groups).includes(defaultId))
      problems.push(
        `line ${rule.line}: API360_DEFAULT_GROUP_ID ${defaultGroupId} is a public subgroup of managed learner group ${rule.group}: removing that role would also remove the initial membership of users; pick another default group or another rule`,
      );
  }
  for (const rule of rules.customFields) {
    const field = fields.get(rule.field.toLowerCase());
    if (field === undefined)
      problems.push(
        `line ${rule.line}: custom field ${rule.field} is not a users custom field of 360Learning (GET /api/v2/custom-fields): copy its id from the custom fields settings`,
      );
    else if (field.type === 'date' && !fromGivesDate(rule.from))
      problems.push(
        `line ${rule.line}: custom field ${rule.field} is a date, and ${rule.from} is not: map it from dtContractStart, or pick a text field`,
      );
    else if (field.type !== 'date' && field.type !== 'string')
      problems.push(
        `line ${rule.line}: custom field ${rule.field} has type ${field.type}, which sync360 cannot fill (string or date only)`,
      );
  }
  return problems;
};

const accountOf = (fate: RowFate | undefined): { id: string | null } | null => {
  if (fate === undefined) return null;
  if (fate.kind === 'keep') return { id: fate.accountId };
  if (fate.kind === 'create' || fate.kind === 'restore') return { id: fate.readId };
  return null;
};

/**
 * Reads what the plan needs (only reads): every group, the users' custom fields, who holds each
 * managed group's roles (paged), and, when custom fields are managed, the values of each Active
 * row's account. A group or field that does not fit is a configuration error (exit 2), raised
 * before any write.
 */
export const readRulesLive = async (
  client: Api360Client,
  rules: GroupRules,
  plan: Api360Plan,
  evaluation: RulesEvaluation,
  defaultGroupId: string,
  concurrency = 8,
): Promise<RulesLive> => {
  // Each list is read only when the file needs it (and the API client has that scope).
  const groups = rules.groups.length === 0 ? [] : await client.listGroups();
  const customFields = rules.customFields.length === 0 ? [] : await client.listUserCustomFields();
  const problems = rulesFitProblems(rules, groups, customFields, defaultGroupId);
  if (problems.length > 0)
    throw new ConfigError(
      'rules-do-not-fit',
      `SYNC360_RULES_FILE does not fit this 360Learning company:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
      'Correct the rules file (ids are in the URLs of 360Learning), then preview again (sync360 run --dry-run).',
    );
  const holders = new Map<string, Map<string, Set<string>>>();
  const managedGroups = [...new Set(rules.groups.map((rule) => rule.group.toLowerCase()))];
  const values = new Map<string, ReadonlyArray<CustomValue>>();
  const accounts =
    rules.customFields.length === 0
      ? []
      : evaluation.wishes.flatMap((wish) => accountOf(plan.fates.get(wish.uniqueId))?.id ?? []);
  let failure: unknown = null;
  const reads: Array<() => Promise<void>> = [
    ...managedGroups.map((groupId) => async () => {
      const result = await client.listGroupRoles(groupId);
      if (!result.ok)
        throw new ConfigError(
          'rules-do-not-fit',
          `SYNC360_RULES_FILE: reading the roles of group ${groupId} was refused (HTTP ${result.status}${result.code === null ? '' : ` ${result.code}`})`,
          'Check the group still exists in 360Learning and the API client has the groups:read scope.',
        );
      const byUser = new Map<string, Set<string>>();
      for (const { userId, role } of result.value)
        byUser.set(userId, (byUser.get(userId) ?? new Set()).add(role));
      holders.set(groupId, byUser);
    }),
    ...[...new Set(accounts)].map((accountId) => async () => {
      const result = await client.readCustomValues(accountId);
      // A refused read, or a value that cannot be read, leaves that user's values alone: the
      // write replaces them all, so it is only planned from a complete read.
      if (!result.ok) return;
      const read = result.value.flatMap((value) => (value === null ? [] : [value]));
      if (read.length === result.value.length) values.set(accountId, read);
    }),
  ];
  await pLimit(concurrency).map(reads, async (read) => {
    if (failure !== null) return;
    try {
      await read();
    } catch (error) {
      failure ??= error;
    }
  });
  if (failure !== null) throw failure;
  return {
    groups,
    holders,
    fieldTypes: new Map(customFields.map((field) => [field.id.toLowerCase(), field.type])),
    values,
  };
};

const sameValue = (type: string, current: string, wanted: string): boolean =>
  type === 'date' ? current.slice(0, 10) === wanted : current === wanted;

/**
 * The group-rule operations, appended to the plan: per Active row, roles removed (with the
 * subgroups the learner cascade leaves), roles added, then the custom values. Only the accounts of
 * Active rows are touched, only in the managed (group, role) pairs and fields.
 */
export const planRules = (
  plan: Api360Plan,
  rules: GroupRules,
  evaluation: RulesEvaluation,
  live: RulesLive,
  maxRoleRemovals: number | null,
): Api360Plan => {
  const operations: Api360Operation[] = [];
  let removals = 0;
  let held = 0;
  const pairs = rules.groups.map((rule) => ({
    groupId: rule.group.toLowerCase(),
    role: rule.role,
    readName: readRoleName[rule.role],
  }));
  // The base of the cap: managed roles held by the accounts of the file's rows (any status).
  for (const fate of plan.fates.values()) {
    const accountId = accountOf(fate)?.id ?? null;
    if (accountId === null) continue;
    for (const pair of pairs)
      if (live.holders.get(pair.groupId)?.get(accountId)?.has(pair.readName) === true) held += 1;
  }
  for (const wish of evaluation.wishes) {
    const account = accountOf(plan.fates.get(wish.uniqueId));
    if (account === null) continue;
    const userId = account.id;
    const holds = (groupId: string, readName: string): boolean =>
      userId !== null && live.holders.get(groupId)?.get(userId)?.has(readName) === true;
    const wanted = new Set(wish.rules);
    const adds: Api360Operation[] = [];
    const add = (pair: (typeof pairs)[number]): void => {
      adds.push({
        operation: 'add-role',
        uniqueId: wish.uniqueId,
        userId,
        groupId: pair.groupId,
        role: pair.role,
        alsoLeaves: [],
      });
    };
    const left = new Set<string>();
    pairs.forEach((pair, index) => {
      const holding = holds(pair.groupId, pair.readName);
      if (wanted.has(index) && !holding) add(pair);
      if (!wanted.has(index) && holding) {
        const alsoLeaves =
          pair.role === 'learner' ? publicSubgroups(pair.groupId, live.groups) : [];
        for (const groupId of alsoLeaves) left.add(groupId);
        removals += 1 + alsoLeaves.length;
        operations.push({
          operation: 'remove-role',
          uniqueId: wish.uniqueId,
          userId,
          groupId: pair.groupId,
          role: pair.role,
          alsoLeaves,
        });
      }
    });
    // A managed learner subgroup the cascade empties, which the row still matches, is added back.
    pairs.forEach((pair, index) => {
      if (pair.role !== 'learner' || !left.has(pair.groupId) || !wanted.has(index)) return;
      if (holds(pair.groupId, pair.readName)) add(pair);
    });
    operations.push(...adds);
    const current = userId === null ? [] : live.values.get(userId);
    if (rules.customFields.length === 0 || current === undefined) continue;
    const managed = new Set(rules.customFields.map((rule) => rule.field.toLowerCase()));
    const kept = current.filter((value) => !managed.has(value.customFieldId.toLowerCase()));
    const next: CustomValue[] = [...kept];
    const changed: string[] = [];
    let cleared = 0;
    for (const rule of rules.customFields) {
      const fieldId = rule.field.toLowerCase();
      const type = live.fieldTypes.get(fieldId) ?? 'string';
      const now = current.find((value) => value.customFieldId.toLowerCase() === fieldId);
      const want = wish.values.get(rule.field) ?? null;
      if (want !== null)
        next.push({ customFieldId: now?.customFieldId ?? rule.field, type, value: want });
      if (want === null && now !== undefined) {
        cleared += 1;
        changed.push(rule.field);
      } else if (want !== null && (now === undefined || !sameValue(type, now.value, want)))
        changed.push(rule.field);
    }
    removals += cleared;
    if (changed.length > 0)
      operations.push({
        operation: 'set-custom-fields',
        uniqueId: wish.uniqueId,
        userId,
        values: next,
        customFieldIds: changed,
        cleared,
      });
  }
  return {
    ...plan,
    operations: [...plan.operations, ...operations],
    rules: { removals, cap: maxRoleRemovals ?? Math.max(5, Math.floor(0.1 * held)) },
  };
};

/** Removals (roles, groups left, values cleared) beyond the cap block the run before any write. */
export const guardWithRoleRemovals = (guard: GuardVerdict, plan: Api360Plan): GuardVerdict => {
  if (plan.rules === null || plan.rules.removals <= plan.rules.cap) return guard;
  if (guard.reasons.includes('too-many-role-removals')) return guard;
  return { ...guard, tripped: true, reasons: [...guard.reasons, 'too-many-role-removals'] };
};
