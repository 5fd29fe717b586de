import { isSync360Error, statusReader } from '@sync360/core';
import { z } from 'zod';
import type { LuccaContext, StatusLabels } from './context.js';
import { callLucca } from './request.js';
import { listEntryLabels } from './rule-attributes.js';
import { isObject, objectItems } from './shapes.js';

/** One list entry of the status field, with every label it is known by (name, translations). */
export interface StatusEntry {
  readonly id: string;
  readonly labels: ReadonlyArray<string>;
}

/** What we know of the tenant's custom fields: which exist and how list entries are labelled. */
export interface StatusDefinitions {
  readonly fieldKeys: ReadonlyArray<string>;
  readonly hasField: boolean;
  /** Entries of the status field's definition, or of all definitions when it is not identified. */
  readonly entries: ReadonlyArray<StatusEntry>;
  /** Entry id -> the label a user gets: the first label rule 2 reads as a status, else the first. */
  readonly labels: ReadonlyMap<string, string>;
  /** Entry id -> labels over every definition: list values of the fields group rules read. */
  readonly listEntries?: ReadonlyMap<string, ReadonlyArray<string>>;
}

type DefinitionsRead =
  | { readonly ok: true; readonly definitions: StatusDefinitions }
  | { readonly ok: false; readonly reason: string };

const entriesSchema = z
  .array(
    z.object({
      id: z.union([z.number(), z.string()]),
      name: z.string().nullish(),
      // Documented only as "the text translated into all available languages": any JSON.
      translation: z.unknown().optional(),
    }),
  )
  .nullish();

const textOf = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** A string, or an object whose values are all strings, adds labels; anything else adds none. */
const translationLabels = (translation: unknown): string[] => {
  const single = textOf(translation);
  if (single !== null) return [single];
  if (!isObject(translation)) return [];
  const texts = Object.values(translation);
  if (!texts.every((text) => typeof text === 'string')) return [];
  return texts.flatMap((text) => textOf(text) ?? []);
};

interface Definition {
  readonly keys: ReadonlyArray<string>;
  readonly label: string;
  readonly id: string | null;
  readonly entries: unknown;
}

const definitionOf = (item: Record<string, unknown>): Definition => {
  const id = typeof item['id'] === 'number' || typeof item['id'] === 'string' ? item['id'] : null;
  const names = [textOf(item['code']), textOf(item['name'])].flatMap((key) => key ?? []);
  return {
    keys: [...names.flatMap((key) => [key, `e_${key}`]), ...(id === null ? [] : [`e_${id}`])],
    label: names[0] ?? (id === null ? '?' : String(id)),
    id: id === null ? null : String(id),
    entries: item['extensionUserPropertyListEntries'],
  };
};

/**
 * A response body of `GET /api/v3/extensionuserdefinitions` (the three envelopes Lucca and our
 * files use) indexed for `statusField`. Only what sync360 uses is checked: the envelope, and the
 * list entries of the definitions it reads labels from.
 */
export const readDefinitions = (
  json: unknown,
  statusField: string,
  labels: StatusLabels = { extraActiveLabels: [], extraInactiveLabels: [] },
  rootName = 'definitions',
): DefinitionsRead => {
  const items = objectItems(json, 'definition');
  if (!items.ok) return { ok: false, reason: `${rootName}: ${items.reason}` };
  const definitions = items.items.map(definitionOf);
  const own = definitions.filter((definition) => definition.keys.includes(statusField));
  const read = statusReader(labels.extraActiveLabels, labels.extraInactiveLabels);
  const entries: StatusEntry[] = [];
  const chosen = new Map<string, string>();
  for (const definition of own.length > 0 ? own : definitions) {
    const parsed = entriesSchema.safeParse(definition.entries);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = (issue?.path ?? []).map(String).join('.');
      return {
        ok: false,
        reason: `${rootName}: definition ${definition.id ?? '?'} extensionUserPropertyListEntries${path === '' ? '' : `.${path}`}: ${issue?.message ?? 'invalid'}`,
      };
    }
    for (const entry of parsed.data ?? []) {
      const id = String(entry.id);
      if (chosen.has(id)) continue;
      const name = textOf(entry.name);
      const entryLabels = [
        ...new Set([...(name === null ? [] : [name]), ...translationLabels(entry.translation)]),
      ];
      const first = entryLabels[0];
      if (first === undefined) continue;
      entries.push({ id, labels: entryLabels });
      chosen.set(id, entryLabels.find((label) => read(label).kind === 'known') ?? first);
    }
  }
  return {
    ok: true,
    definitions: {
      fieldKeys: definitions.map((definition) => definition.label),
      hasField: own.length > 0,
      entries,
      labels: chosen,
      listEntries: listEntryLabels(
        definitions.map((definition) => definition.entries),
        translationLabels,
      ),
    },
  };
};

/**
 * Reads the custom field definitions once (they turn list-entry ids into labels). A key without
 * the right to read them (403/404) is not fatal: statuses given as labels still work, and entry
 * ids then fail with a clear message. Null in that case.
 */
export const fetchDefinitions = async (
  context: LuccaContext,
): Promise<StatusDefinitions | null> => {
  const what = 'GET /api/v3/extensionuserdefinitions';
  let body: unknown;
  try {
    body = await callLucca(context, {
      path: () => '/extensionuserdefinitions?fields=id,name,code,extensionUserPropertyListEntries',
      what: () => what,
    });
  } catch (error) {
    const status = isSync360Error(error) ? error.details['status'] : undefined;
    if (status !== 403 && status !== 404) throw error;
    context.warn(
      `Lucca custom field definitions are not readable (HTTP ${String(status)}): statuses given as list-entry ids cannot be turned into labels; give the API key read access to custom fields`,
    );
    return null;
  }
  const read = readDefinitions(
    body,
    context.statusField,
    context.labels,
    'extensionuserdefinitions',
  );
  if (!read.ok) {
    throw context.sourceError(
      'lucca-bad-response',
      `Lucca sent an unexpected shape: ${what}: ${read.reason}`,
      'the Lucca API may have changed; report this message',
    );
  }
  const { hasField } = read.definitions;
  context.progress(
    `Lucca: custom field definitions fetched (${read.definitions.fieldKeys.length} fields${hasField ? `, "${context.statusField}" among them` : ''})`,
  );
  return read.definitions;
};
