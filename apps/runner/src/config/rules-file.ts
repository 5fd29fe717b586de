import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  ConfigError,
  isRuleFromKey,
  isRuleWhenKey,
  ruleRoles,
  type GroupRules,
  type RuleCondition,
} from '@sync360/core';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';

/** A rules file (`SYNC360_RULES_FILE`, §7c) read and checked. */
export interface LoadedRules {
  readonly path: string;
  /** The file's bytes: an approval covers them (sha256 of the CSV followed by these). */
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly rules: GroupRules;
}

const objectId = z
  .string({ error: 'must be a 360Learning id: 24 hex digits (quote it if it is all digits)' })
  .regex(/^[0-9a-fA-F]{24}$/, 'must be a 360Learning id: 24 hex digits');

const scalar = z.union([z.string(), z.number()]);

const whenSchema = z
  .record(z.string(), z.unknown(), { error: 'when must be a map of conditions (key: value)' })
  .superRefine((when, context) => {
    for (const [key, value] of Object.entries(when)) {
      if (!isRuleWhenKey(key)) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown when key "${key}": use legalEntity, department, jobTitle, manager or an extendedData field (e_<field>)`,
        });
        continue;
      }
      if (key === 'manager') {
        if (typeof value !== 'boolean')
          context.addIssue({
            code: 'custom',
            path: [key],
            message: 'manager must be true or false',
          });
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || !values.every((item) => scalar.safeParse(item).success))
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `${key} must be a name, a Lucca id, or a list of them`,
        });
    }
  });

const groupRuleSchema = z.strictObject(
  {
    group: objectId,
    role: z
      .enum(ruleRoles, {
        error: 'role must be learner or coach (other roles are granted by hand in 360Learning)',
      })
      .optional(),
    when: whenSchema.nullish(),
  },
  { error: 'each group rule is a map with group, role (optional) and when' },
);

const customFieldSchema = z.strictObject(
  {
    field: objectId,
    from: z.string({ error: 'from must name a Lucca attribute' }).refine(isRuleFromKey, {
      message:
        'unknown from: use legalEntity, department, jobTitle, dtContractStart or an extendedData field (e_<field>)',
    }),
  },
  { error: 'each custom field is a map with field and from' },
);

const fileSchema = (defaultGroupId: string | null) =>
  z
    .strictObject(
      {
        groups: z.array(groupRuleSchema, { error: 'groups must be a list of rules' }).nullish(),
        customFields: z
          .array(customFieldSchema, { error: 'customFields must be a list' })
          .nullish(),
      },
      { error: 'the file must be a map with groups and/or customFields' },
    )
    .superRefine((file, context) => {
      const pairs = new Set<string>();
      for (const [index, rule] of (file.groups ?? []).entries()) {
        const pair = `${rule.group.toLowerCase()} ${rule.role ?? 'learner'}`;
        if (pairs.has(pair))
          context.addIssue({
            code: 'custom',
            path: ['groups', index, 'group'],
            message: `group ${rule.group} with role ${rule.role ?? 'learner'} is already managed by an earlier rule: merge their when (a list means any of its values)`,
          });
        pairs.add(pair);
        if (defaultGroupId !== null && rule.group.toLowerCase() === defaultGroupId.toLowerCase())
          context.addIssue({
            code: 'custom',
            path: ['groups', index, 'group'],
            message: `group ${rule.group} is API360_DEFAULT_GROUP_ID: users keep their initial membership, so the default group may not be managed`,
          });
      }
      const fields = new Set<string>();
      for (const [index, rule] of (file.customFields ?? []).entries()) {
        if (fields.has(rule.field.toLowerCase()))
          context.addIssue({
            code: 'custom',
            path: ['customFields', index, 'field'],
            message: `custom field ${rule.field} is mapped twice`,
          });
        fields.add(rule.field.toLowerCase());
      }
    });

/** The 1-based line of the deepest node `path` reaches (a key's line for unknown keys). */
const lineOf = (doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number => {
  let node: unknown = doc.contents;
  let offset = doc.contents?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) =>
          typeof item.key === 'object' &&
          item.key !== null &&
          'value' in item.key &&
          String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      const key: unknown = pair.key;
      const keyRange = typeof key === 'object' && key !== null && 'range' in key ? key.range : null;
      if (Array.isArray(keyRange) && typeof keyRange[0] === 'number') offset = keyRange[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      const range: unknown =
        typeof node === 'object' && node !== null && 'range' in node ? node.range : null;
      if (Array.isArray(range) && typeof range[0] === 'number') offset = range[0];
      else break;
    } else break;
  }
  return counter.linePos(offset).line;
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  return issue.message;
};

const conditionsOf = (
  when: Readonly<Record<string, unknown>> | null | undefined,
): RuleCondition[] =>
  Object.entries(when ?? {}).map(([key, value]): RuleCondition => {
    if (key === 'manager') return { key, manager: value === true };
    const values = (Array.isArray(value) ? value : [value]).flatMap((item: unknown) =>
      typeof item === 'string' || typeof item === 'number' ? [item] : [],
    );
    return { key, values };
  });

const invalid = (path: string, lines: ReadonlyArray<string>): ConfigError =>
  new ConfigError(
    'rules-invalid',
    `SYNC360_RULES_FILE ${path} is not a valid rules file:\n${lines.map((line) => `  - ${line}`).join('\n')}`,
    'Correct the file at the lines named (README, "Group rules and custom fields" shows a worked example), then run `sync360 rules` to preview it.',
  );

/** Checks a rules file's text; every mistake names its line. Pure: no file access. */
const parseRulesText = (path: string, text: string, defaultGroupId: string | null): GroupRules => {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0)
    throw invalid(
      path,
      doc.errors.map(
        (error) =>
          `line ${counter.linePos(error.pos[0]).line}: not valid YAML (${error.code.toLowerCase().replaceAll('_', ' ')})`,
      ),
    );
  const parsed = fileSchema(defaultGroupId).safeParse(doc.toJS() ?? undefined);
  if (!parsed.success)
    throw invalid(
      path,
      parsed.error.issues
        .map((issue) => ({
          // An unknown key is named at its own line, not its map's.
          line: lineOf(
            doc,
            counter,
            issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path,
          ),
          text: describeIssue(issue),
        }))
        .sort((a, b) => a.line - b.line)
        .map((issue) => `line ${issue.line}: ${issue.text}`),
    );
  return {
    groups: (parsed.data.groups ?? []).map((rule, index) => ({
      group: rule.group.toLowerCase(),
      role: rule.role ?? 'learner',
      when: conditionsOf(rule.when),
      line: lineOf(doc, counter, ['groups', index]),
    })),
    customFields: (parsed.data.customFields ?? []).map((rule, index) => ({
      field: rule.field.toLowerCase(),
      from: rule.from,
      line: lineOf(doc, counter, ['customFields', index]),
    })),
  };
};

/** Reads and checks `SYNC360_RULES_FILE` (exit 2 on any mistake, naming the line). */
export const loadRulesFile = async (
  path: string,
  defaultGroupId: string | null,
): Promise<LoadedRules> => {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = error instanceof Error ? Reflect.get(error, 'code') : undefined;
    throw new ConfigError(
      'rules-unreadable',
      `SYNC360_RULES_FILE ${path} cannot be read (${typeof code === 'string' ? code : 'error'}).`,
      'Set SYNC360_RULES_FILE to the path of the rules file in the repository (relative to where sync360 runs), or unset it.',
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return {
    path,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    rules: parseRulesText(path, text, defaultGroupId),
  };
};
