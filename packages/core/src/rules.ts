import type { EmployeeRecord, RuleAttribute } from './employee.js';
import { normalizeText } from './field-rules.js';
import type { MappedEmployee } from './map-employees.js';
import type { UserRow } from './user-file.js';

// Group rules and custom fields (§7c): plain data, evaluated here without any I/O.

/** The only roles a rule may grant: admin-like roles stay manual. */
export const ruleRoles = ['learner', 'coach'] as const;
export type RuleRole = (typeof ruleRoles)[number];

/** One key of a rule's `when`: every key must hold; a list holds when any of its values does. */
export type RuleCondition =
  | { readonly key: 'manager'; readonly manager: boolean }
  | { readonly key: string; readonly values: ReadonlyArray<string | number> };

/** A (group, role) pair sync360 manages, and who should hold it. */
export interface GroupRule {
  readonly group: string;
  readonly role: RuleRole;
  readonly when: ReadonlyArray<RuleCondition>;
  /** Its line in the rules file (1-based), for messages. */
  readonly line: number;
}

/** A 360Learning custom field kept equal to a Lucca attribute. */
export interface CustomFieldRule {
  readonly field: string;
  readonly from: string;
  readonly line: number;
}

export interface GroupRules {
  readonly groups: ReadonlyArray<GroupRule>;
  readonly customFields: ReadonlyArray<CustomFieldRule>;
}

const extendedKey = /^e_[A-Za-z0-9_]+$/;

/** A `when` key: `legalEntity`, `department`, `jobTitle`, `manager` or an `e_<field>`. */
export const isRuleWhenKey = (key: string): boolean =>
  ['legalEntity', 'department', 'jobTitle', 'manager'].includes(key) || extendedKey.test(key);

/** A `from`: `legalEntity`, `department`, `jobTitle`, `dtContractStart` or an `e_<field>`. */
export const isRuleFromKey = (key: string): boolean =>
  ['legalEntity', 'department', 'jobTitle', 'dtContractStart'].includes(key) ||
  extendedKey.test(key);

/** Only `dtContractStart` is a date: a date custom field takes nothing else. */
export const fromGivesDate = (from: string): boolean => from === 'dtContractStart';

/** The attributes the rules read that the file itself does not carry (Lucca reads them too). */
export const ruleAttributeKeys = (rules: GroupRules): string[] => {
  const keys = new Set<string>();
  for (const rule of rules.groups)
    for (const condition of rule.when)
      if (
        condition.key === 'legalEntity' ||
        condition.key === 'department' ||
        extendedKey.test(condition.key)
      )
        keys.add(condition.key);
  for (const rule of rules.customFields)
    if (rule.from === 'legalEntity' || rule.from === 'department' || extendedKey.test(rule.from))
      keys.add(rule.from);
  return [...keys].sort();
};

/** The Lucca field name of a rule key, as rule 10 names it. */
const luccaFieldOf = (key: string): string => (extendedKey.test(key) ? `extendedData.${key}` : key);

/** What one Active row should hold: the group rules it matches and the managed custom values. */
export interface RowWish {
  readonly uniqueId: string;
  /** Indices (in the rules file's order) of the group rules the row matches. */
  readonly rules: ReadonlyArray<number>;
  /** Custom field id -> wanted value; null means no value. */
  readonly values: ReadonlyMap<string, string | null>;
}

/** A field a rule reads that cannot be read for one employee: their roles and values stay. */
export interface RuleFieldProblem {
  readonly uniqueId: string;
  readonly field: string;
  readonly message: string;
}

export interface RulesEvaluation {
  /** One per Active row whose fields could all be read, in the file's order. */
  readonly wishes: ReadonlyArray<RowWish>;
  /** Active rows left as they are. */
  readonly untouched: ReadonlyArray<string>;
  readonly problems: ReadonlyArray<RuleFieldProblem>;
}

type AttributeValue = Extract<RuleAttribute, { kind: 'value' }>;
const empty: AttributeValue = { kind: 'value', id: null, texts: [] };
const textKey = (text: string): string => normalizeText(text).toLowerCase();

const attributeOf = (record: EmployeeRecord, row: UserRow, key: string): RuleAttribute => {
  if ((record.invalidFields ?? []).includes(luccaFieldOf(key))) return { kind: 'unreadable' };
  if (key === 'jobTitle')
    return { kind: 'value', id: null, texts: row.title === '' ? [] : [row.title] };
  if (key === 'dtContractStart')
    return {
      kind: 'value',
      id: null,
      texts: record.contractStart === null ? [] : [record.contractStart],
    };
  const found = record.ruleAttributes?.[key];
  if (found !== undefined) return found;
  if (key === 'legalEntity' && record.legalEntityId !== null)
    return { kind: 'value', id: normalizeText(record.legalEntityId), texts: [] };
  return empty;
};

/** A YAML number is a Lucca id; a string is a name (or, when all digits, also the id). */
const holds = (attribute: AttributeValue, wanted: string | number): boolean => {
  const id = attribute.id === null ? null : normalizeText(attribute.id);
  if (typeof wanted === 'number') return id !== null && id === String(wanted);
  const key = textKey(wanted);
  if (key === '') return false;
  if (/^\d+$/.test(key) && id === key) return true;
  return attribute.texts.some((text) => textKey(text) === key);
};

const keysRead = (rules: GroupRules): string[] =>
  [
    ...new Set([
      ...rules.groups.flatMap((rule) => rule.when.map((condition) => condition.key)),
      ...rules.customFields.map((rule) => rule.from),
    ]),
  ].filter((key) => key !== 'manager');

/**
 * Who should hold each managed (group, role) and which custom values each Active row should
 * carry. Only Active rows are considered; one whose field a rule reads cannot be read is left
 * as it is (a problem, never "no match").
 */
export const evaluateRules = (
  rules: GroupRules,
  rows: ReadonlyArray<UserRow>,
  employees: ReadonlyArray<MappedEmployee>,
): RulesEvaluation => {
  const recordOf = new Map<string, EmployeeRecord>();
  for (const employee of employees)
    if (employee.exported && employee.uniqueId !== null)
      recordOf.set(employee.uniqueId, employee.record);
  const managers = new Set<string>();
  for (const row of rows) if (row.managerId !== '') managers.add(row.managerId);
  const keys = keysRead(rules);
  const wishes: RowWish[] = [];
  const untouched: string[] = [];
  const problems: RuleFieldProblem[] = [];
  for (const row of rows) {
    if (row.status !== 'Active') continue;
    const record = recordOf.get(row.uniqueId);
    if (record === undefined) continue;
    const attributes = new Map<string, AttributeValue>();
    const unreadable: string[] = [];
    for (const key of keys) {
      const attribute = attributeOf(record, row, key);
      if (attribute.kind === 'unreadable') unreadable.push(key);
      else attributes.set(key, attribute);
    }
    if (unreadable.length > 0) {
      untouched.push(row.uniqueId);
      for (const key of unreadable)
        problems.push({
          uniqueId: row.uniqueId,
          field: luccaFieldOf(key),
          message: `Lucca field ${luccaFieldOf(key)}, read by the group rules, holds a value that cannot be read: this employee's 360Learning groups and custom fields are left as they are until it is corrected in Lucca.`,
        });
      continue;
    }
    const matched: number[] = [];
    rules.groups.forEach((rule, index) => {
      const all = rule.when.every((condition) => {
        if ('manager' in condition) return managers.has(row.uniqueId) === condition.manager;
        const attribute = attributes.get(condition.key) ?? empty;
        return condition.values.some((value) => holds(attribute, value));
      });
      if (all) matched.push(index);
    });
    const values = new Map<string, string | null>();
    for (const rule of rules.customFields) {
      const text = normalizeText(attributes.get(rule.from)?.texts[0] ?? null);
      values.set(rule.field, text === '' ? null : text);
    }
    wishes.push({ uniqueId: row.uniqueId, rules: matched, values });
  }
  return { wishes, untouched, problems };
};
