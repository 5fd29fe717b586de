import type { RuleAttribute } from '@sync360/core';
import { z } from 'zod';
import { isObject } from './shapes.js';

const unreadable: RuleAttribute = { kind: 'unreadable' };
const none: RuleAttribute = { kind: 'value', id: null, texts: [] };

const idOf = (value: unknown): string | null =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')
    ? String(value)
    : null;

/** `{ id, name, url }` as Lucca documents `legalEntity` and `department`, or a bare id. */
const readReference = (raw: unknown): RuleAttribute => {
  if (raw === null || raw === undefined) return none;
  if (typeof raw === 'number' || typeof raw === 'string')
    return { kind: 'value', id: idOf(raw), texts: [] };
  if (!isObject(raw)) return unreadable;
  const id = raw['id'];
  const name = raw['name'];
  if (
    (id !== undefined && id !== null && idOf(id) === null) ||
    (name != null && typeof name !== 'string')
  )
    return unreadable;
  return { kind: 'value', id: idOf(id), texts: typeof name === 'string' ? [name] : [] };
};

/**
 * One `extendedData` value: a text, a list-entry id (labels as for statuses), or a date. Without
 * the definitions (`entries` null) a number cannot be told from a list entry: it is unreadable, so
 * the employee's roles are left alone rather than read as "no match".
 */
const readExtendedValue = (
  value: unknown,
  entries: ReadonlyMap<string, ReadonlyArray<string>> | null,
): RuleAttribute => {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'number') {
    if (entries === null) return unreadable;
    const id = String(value);
    return { kind: 'value', id, texts: entries.get(id) ?? [id] };
  }
  if (typeof value === 'string') {
    const labels = /^\d+$/.test(value) ? entries?.get(value) : undefined;
    return labels === undefined
      ? { kind: 'value', id: null, texts: [value] }
      : { kind: 'value', id: value, texts: labels };
  }
  if (isObject(value)) {
    const name = value['name'];
    if (typeof name === 'string') return { kind: 'value', id: idOf(value['id']), texts: [name] };
    const id = idOf(value['id']);
    if (id !== null) {
      const labels = entries?.get(id);
      return labels === undefined ? unreadable : { kind: 'value', id, texts: labels };
    }
  }
  return unreadable;
};

/** `{ id, value }` (the extended-data guide), a bare value, or a list of them (multi-value). */
const readExtended = (
  raw: unknown,
  entries: ReadonlyMap<string, ReadonlyArray<string>> | null,
): RuleAttribute => {
  const valueOf = (item: unknown): unknown =>
    isObject(item) && 'value' in item ? item['value'] : item;
  if (!Array.isArray(raw)) return readExtendedValue(valueOf(raw), entries);
  const parts = raw.map((item) => readExtendedValue(valueOf(item), entries));
  if (parts.some((part) => part.kind === 'unreadable')) return unreadable;
  const texts = parts.flatMap((part) => (part.kind === 'value' ? (part.texts[0] ?? []) : []));
  return texts.length === 0
    ? none
    : { kind: 'value', id: null, texts: texts.length === 1 ? texts : [texts.join(', '), ...texts] };
};

/**
 * The attributes group rules read (`legalEntity`, `department`, `e_<field>`) for one Lucca user.
 * A value of an unexpected type is `unreadable` (that employee's roles are then left alone);
 * nothing else of the user is looked at.
 */
export const readRuleAttributes = (
  item: Readonly<Record<string, unknown>>,
  extended: Readonly<Record<string, unknown>>,
  keys: ReadonlyArray<string>,
  /** List-entry id -> labels; null when the definitions could not be read. */
  entries: ReadonlyMap<string, ReadonlyArray<string>> | null,
): Record<string, RuleAttribute> => {
  const attributes: Record<string, RuleAttribute> = {};
  for (const key of keys) {
    if (key === 'legalEntity')
      attributes[key] = readReference(item['legalEntity'] ?? item['legalEntityId']);
    else if (key === 'department')
      attributes[key] = readReference(item['department'] ?? item['departmentId']);
    else attributes[key] = readExtended(extended[key], entries);
  }
  return attributes;
};

const entrySchema = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string().nullish(),
  translation: z.unknown().optional(),
});

/**
 * List-entry id -> labels (name, then translations) over every definition: how list values of
 * the fields rules read become labels. An entry that does not have the documented shape is
 * skipped: fields nobody reads are never validated.
 */
export const listEntryLabels = (
  definitionEntries: ReadonlyArray<unknown>,
  translationLabels: (translation: unknown) => string[],
): Map<string, string[]> => {
  const labels = new Map<string, string[]>();
  for (const entries of definitionEntries) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const parsed = entrySchema.safeParse(entry);
      if (!parsed.success) continue;
      const id = String(parsed.data.id);
      const name = parsed.data.name?.trim() ? [parsed.data.name] : [];
      const texts = [...new Set([...name, ...translationLabels(parsed.data.translation)])];
      if (texts.length > 0 && !labels.has(id)) labels.set(id, texts);
    }
  }
  return labels;
};
