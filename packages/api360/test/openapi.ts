import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// 360Learning's own OpenAPI documents, read from the shared reference folder next to the
// repository: every `*.openapi.json` there is picked up, so a new document needs no code change.

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const candidates = [
  join(repositoryRoot, '../shared/reference'),
  join(repositoryRoot, 'shared/reference'),
];

/**
 * `../shared/reference/` beside the repository (the checkout's parent holds the shared folder).
 * Absent only on a CI runner, which checks out the repository alone: there the contract tests
 * are skipped, saying why; anywhere else its absence fails them.
 */
export const referenceFolder = (): string | null => {
  const found = candidates.find((folder) => existsSync(folder));
  if (found !== undefined) return found;
  if (process.env['CI'] === 'true') return null;
  throw new Error(
    `no vendor reference folder: looked for ${candidates.join(' and ')} (360Learning's OpenAPI documents)`,
  );
};

export interface OpenApiDocument {
  readonly file: string;
  readonly root: unknown;
}

export const openApiDocuments = (folder: string): OpenApiDocument[] => {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.openapi.json'))
    .sort();
  return files.map((file) => {
    const root: unknown = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    return { file, root };
  });
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const entriesOf = (value: unknown): Array<[string, unknown]> =>
  isRecord(value) ? Object.entries(value) : [];

/** Follows a local `$ref` (`#/components/...`) until a value that is not a reference. */
const deref = (document: OpenApiDocument, value: unknown, depth = 0): unknown => {
  if (!isRecord(value) || typeof value['$ref'] !== 'string') return value;
  if (depth > 32) throw new Error(`${document.file}: $ref cycle at ${value['$ref']}`);
  const pointer = value['$ref'];
  if (!pointer.startsWith('#/')) throw new Error(`${document.file}: external $ref ${pointer}`);
  let target: unknown = document.root;
  for (const part of pointer.slice(2).split('/'))
    target = isRecord(target)
      ? target[part.replaceAll('~1', '/').replaceAll('~0', '~')]
      : undefined;
  if (target === undefined) throw new Error(`${document.file}: unresolved $ref ${pointer}`);
  return deref(document, target, depth + 1);
};

/** Every error code the document's responses list: `{error: code}` and `{error: {code}}` enums. */
export const errorCodesOf = (document: OpenApiDocument): Set<string> => {
  const codes = new Set<string>();
  const seen = new Set<unknown>();
  const enumOf = (schema: unknown): unknown[] => {
    const resolved = deref(document, schema);
    if (!isRecord(resolved)) return [];
    if (Array.isArray(resolved['enum'])) return resolved['enum'];
    return 'const' in resolved ? [resolved['const']] : [];
  };
  const visit = (node: unknown): void => {
    const value = deref(document, node);
    if (seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isRecord(value)) return;
    const properties = deref(document, value['properties']);
    if (isRecord(properties) && properties['error'] !== undefined) {
      const error = deref(document, properties['error']);
      for (const code of enumOf(error)) if (typeof code === 'string') codes.add(code);
      const errorProperties = isRecord(error) ? deref(document, error['properties']) : undefined;
      if (isRecord(errorProperties))
        for (const code of enumOf(errorProperties['code']))
          if (typeof code === 'string') codes.add(code);
    }
    for (const [, child] of Object.entries(value)) visit(child);
  };
  for (const [, operations] of entriesOf(isRecord(document.root) ? document.root['paths'] : null))
    for (const [, operation] of entriesOf(deref(document, operations)))
      if (isRecord(operation)) visit(operation['responses']);
  return codes;
};

/**
 * The example values of a schema: its own `example`/`examples` when it has one, else built from
 * its parts (each `oneOf`/`anyOf` alternative is one example; an object takes its properties'
 * first examples; an enum gives its values). Optional properties without a documented value are
 * left out; a required one without any is an empty value of its type.
 */
const schemaExamples = (document: OpenApiDocument, node: unknown): unknown[] => {
  const schema = deref(document, node);
  if (!isRecord(schema)) return [];
  if ('example' in schema) return [schema['example']];
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'];
  if ('const' in schema) return [schema['const']];
  if (Array.isArray(schema['enum'])) return schema['enum'];
  for (const key of ['oneOf', 'anyOf'])
    if (Array.isArray(schema[key]))
      return schema[key].flatMap((option: unknown) => schemaExamples(document, option));
  if (Array.isArray(schema['allOf'])) {
    const parts = schema['allOf'].map((part: unknown) => schemaExamples(document, part)[0]);
    if (parts.every(isRecord)) return [Object.assign({}, ...parts)];
    return parts.slice(0, 1);
  }
  if (schema['type'] === 'array' || 'items' in schema) {
    const item = schemaExamples(document, schema['items'])[0];
    return [item === undefined ? [] : [item]];
  }
  const properties = deref(document, schema['properties']);
  if (schema['type'] === 'object' || isRecord(properties)) {
    const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
    const example: Record<string, unknown> = {};
    for (const [name, property] of entriesOf(properties)) {
      const value = schemaExamples(document, property)[0];
      if (value !== undefined) example[name] = value;
      else if (required.has(name)) example[name] = emptyOf(deref(document, property));
    }
    return [example];
  }
  return [];
};

const emptyOf = (schema: unknown): unknown => {
  const type = isRecord(schema) ? schema['type'] : undefined;
  if (type === 'string') return '';
  if (type === 'number' || type === 'integer') return 0;
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  return {};
};

export interface ResponseExample {
  readonly file: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** What was fed: where the example came from, for the failure message. */
  readonly source: string;
  readonly body: unknown;
  /** Documented example values of the response's headers (e.g. `Link`). */
  readonly headers: Readonly<Record<string, string>>;
}

const mediaExamples = (document: OpenApiDocument, media: unknown): Array<[string, unknown]> => {
  const resolved = deref(document, media);
  if (!isRecord(resolved)) return [];
  if ('example' in resolved) return [['example', resolved['example']]];
  const named = entriesOf(resolved['examples']).flatMap(
    ([name, entry]): Array<[string, unknown]> => {
      const example = deref(document, entry);
      return isRecord(example) && 'value' in example
        ? [[`examples.${name}`, example['value']]]
        : [];
    },
  );
  if (named.length > 0) return named;
  return schemaExamples(document, resolved['schema']).map((body, index) => [
    `schema example ${String(index + 1)}`,
    body,
  ]);
};

/** Every example of every 2xx and 4xx JSON response of the document (media examples first). */
export const responseExamples = (document: OpenApiDocument): ResponseExample[] => {
  const found: ResponseExample[] = [];
  for (const [path, operations] of entriesOf(
    isRecord(document.root) ? document.root['paths'] : null,
  ))
    for (const [method, operation] of entriesOf(deref(document, operations))) {
      if (!isRecord(operation)) continue;
      for (const [code, response] of entriesOf(operation['responses'])) {
        const status = Number(code);
        if (!(status >= 200 && status < 300) && !(status >= 400 && status < 500)) continue;
        const resolved = deref(document, response);
        if (!isRecord(resolved)) continue;
        const headers: Record<string, string> = {};
        for (const [name, header] of entriesOf(resolved['headers'])) {
          const example = schemaExamples(document, header)[0];
          if (typeof example === 'string') headers[name.toLowerCase()] = example;
        }
        const json = entriesOf(resolved['content']).find(([type]) => type.includes('json'))?.[1];
        const bodies: Array<[string, unknown]> =
          json === undefined ? [['no content', undefined]] : mediaExamples(document, json);
        for (const [source, body] of bodies)
          found.push({
            file: document.file,
            method: method.toUpperCase(),
            path,
            status,
            source,
            body,
            headers,
          });
      }
    }
  return found;
};
