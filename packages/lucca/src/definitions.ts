import { z } from 'zod';
import { describeFirstIssue } from './describe-issue.js';

const entrySchema = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string().nullish(),
  translation: z.string().nullish(),
});

const definitionSchema = z.object({
  id: z.union([z.number(), z.string()]),
  name: z.string().nullish(),
  code: z.string().nullish(),
  extensionUserPropertyListEntries: z.array(entrySchema).nullish(),
});

const definitionsPayloadSchema = z.union([
  z.object({ data: z.object({ items: z.array(definitionSchema) }) }),
  z.object({ items: z.array(definitionSchema) }),
  z.array(definitionSchema),
]);

export type ExtensionDefinition = z.infer<typeof definitionSchema>;

/** What we know of the tenant's custom fields: which exist and how list entries are labelled. */
export interface StatusDefinitions {
  readonly fieldKeys: ReadonlyArray<string>;
  readonly hasField: boolean;
  /** Entry id -> label, from the status field's definition (or all definitions when unknown). */
  readonly labels: ReadonlyMap<string, string>;
}

const keysOf = (definition: ExtensionDefinition): string[] =>
  [definition.code, definition.name]
    .filter((key): key is string => typeof key === 'string' && key !== '')
    .flatMap((key) => [key, `e_${key}`]);

export const indexDefinitions = (
  definitions: ReadonlyArray<ExtensionDefinition>,
  statusField: string,
): StatusDefinitions => {
  const own = definitions.filter(
    (definition) =>
      keysOf(definition).includes(statusField) || `e_${String(definition.id)}` === statusField,
  );
  const labels = new Map<string, string>();
  for (const definition of own.length > 0 ? own : definitions) {
    for (const entry of definition.extensionUserPropertyListEntries ?? []) {
      const label = entry.name ?? entry.translation;
      if (label !== null && label !== undefined && !labels.has(String(entry.id)))
        labels.set(String(entry.id), label);
    }
  }
  return {
    fieldKeys: definitions.map(
      (definition) => definition.code ?? definition.name ?? String(definition.id),
    ),
    hasField: own.length > 0,
    labels,
  };
};

export type DefinitionsParse =
  | { readonly ok: true; readonly definitions: ReadonlyArray<ExtensionDefinition> }
  | { readonly ok: false; readonly reason: string };

/** Parses a response body of `GET /api/v3/extensionuserdefinitions`. */
export const parseDefinitionsPayload = (
  json: unknown,
  rootName = 'definitions',
): DefinitionsParse => {
  const parsed = definitionsPayloadSchema.safeParse(json);
  if (!parsed.success) {
    // Report the issue of the envelope the body looks like, not the union's generic "Invalid input".
    const likely = Array.isArray(json)
      ? definitionsPayloadSchema.options[2]
      : typeof json === 'object' && json !== null && 'data' in json
        ? definitionsPayloadSchema.options[0]
        : definitionsPayloadSchema.options[1];
    const issue = likely.safeParse(json);
    return { ok: false, reason: describeFirstIssue(issue.error ?? parsed.error, json, rootName) };
  }
  const body = parsed.data;
  if (Array.isArray(body)) return { ok: true, definitions: body };
  return { ok: true, definitions: 'data' in body ? body.data.items : body.items };
};
