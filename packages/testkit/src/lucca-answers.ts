import { projectFields } from './lucca-paging.js';
import type { LuccaUserItem } from './lucca-users.js';

/**
 * One scripted answer, consumed in order per route: an HTTP error status (`400` quotes the
 * request back with an email and a name, as an API's error text can), `timeout` (never
 * answers), `malformed` (200 with truncated JSON), `html` (200 with a login page), `shape`
 * (200 with JSON of the wrong shape), `drop` (socket closed without an answer), or `ok` (answers
 * normally: places the next fault later in the script).
 */
export type LuccaFault =
  | 'ok'
  | '400'
  | '408'
  | '429'
  | '500'
  | '502'
  | '503'
  | 'timeout'
  | 'malformed'
  | 'html'
  | 'shape'
  | 'drop';

interface Reply {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
}

const json = { 'content-type': 'application/json; charset=utf-8' };

const errorReply = (status: number, message: string, headers = {}): Reply => ({
  status,
  body: JSON.stringify({ error: { status, message } }),
  headers: { ...json, ...headers },
});

/** What a scripted fault sends; `timeout` and `drop` send nothing. */
export const faultReply = (
  fault: Exclude<LuccaFault, 'ok'>,
  retryAfter: number | string,
): Reply | 'timeout' | 'drop' => {
  if (fault === 'timeout' || fault === 'drop') return fault;
  if (fault === 'malformed')
    return { status: 200, body: '{"data":{"items":[{"id":1001,"firstName":"Cam', headers: json };
  if (fault === 'html') {
    return {
      status: 200,
      body: '<!DOCTYPE html><html><body>Please log in</body></html>',
      headers: { 'content-type': 'text/html' },
    };
  }
  if (fault === 'shape')
    return { status: 200, body: JSON.stringify({ data: { users: [] } }), headers: json };
  if (fault === '400')
    return errorReply(
      400,
      'Invalid filter near mail=camille.blanc@exemple.fr for user Camille Blanc',
    );
  if (fault === '429')
    return errorReply(429, 'Too many requests', { 'retry-after': String(retryAfter) });
  return errorReply(Number(fault), fault === '408' ? 'Request timeout' : 'Internal server error');
};

interface SingleUserRequest {
  readonly luccaId: string;
  readonly method: string;
  readonly fields: string | null;
  readonly authorization: string;
  readonly keys: { readonly read: string; readonly write: string };
  /** `extendedData` key of the list field writes go to. */
  readonly statusField: string;
  readonly users: ReadonlyArray<unknown>;
  readonly definitions: ReadonlyArray<unknown>;
  readonly body: string;
}

interface SingleUserAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The users after a write. */
  readonly users?: ReadonlyArray<unknown>;
}

const isItem = (value: unknown): value is LuccaUserItem =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (status: number, message: string): SingleUserAnswer => ({
  status,
  body: { error: { status, message } },
});

/** Entry ids of the list field's definition (code = the key without `e_`). */
const entryIdsOf = (definitions: ReadonlyArray<unknown>, statusField: string): Set<string> => {
  const code = statusField.replace(/^e_/, '');
  const ids = new Set<string>();
  for (const definition of definitions) {
    if (!isItem(definition) || (definition['code'] !== code && definition['name'] !== code))
      continue;
    const entries = definition['extensionUserPropertyListEntries'];
    for (const entry of Array.isArray(entries) ? entries : [])
      if (isItem(entry)) ids.add(String(entry['id']));
  }
  return ids;
};

let nextValueId = 800_000;

/**
 * `PUT /api/v3/users/{id}` as Lucca takes it: only with the write key, the custom field at the
 * root of the body as `{"<field>": {"id": <stored value id, or 0 when none>, "value": <entry id>}}`;
 * a write through `extendedData` is refused (400) instead of silently ignored.
 */
const write = (request: SingleUserRequest, user: LuccaUserItem, at: number): SingleUserAnswer => {
  if (request.authorization === `lucca application=${request.keys.read}`)
    return refuse(403, 'This API key may not edit this section of the employee file');
  if (request.authorization !== `lucca application=${request.keys.write}`)
    return refuse(401, 'Unauthorized: invalid or missing API key');
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return refuse(400, 'The body is not JSON');
  }
  if (!isItem(body)) return refuse(400, 'The body must be an object');
  if ('extendedData' in body)
    return refuse(400, 'extendedData cannot be written: put each custom field at the root');
  const field = request.statusField;
  const wanted = body[field];
  if (!isItem(wanted) || typeof wanted['id'] !== 'number' || wanted['value'] === undefined)
    return refuse(400, `Expected {"${field}": {"id": <number>, "value": <list entry id>}}`);
  const extended = isItem(user['extendedData']) ? user['extendedData'] : {};
  const stored = extended[field];
  const storedId = isItem(stored) && typeof stored['id'] === 'number' ? stored['id'] : 0;
  if (wanted['id'] !== storedId)
    return refuse(400, `${field}.id must be ${storedId} (the stored value's id, 0 when none)`);
  if (!entryIdsOf(request.definitions, field).has(String(wanted['value'])))
    return refuse(400, `${field}.value is not an entry of the list`);
  nextValueId += 1;
  const updated: LuccaUserItem = {
    ...user,
    extendedData: {
      ...extended,
      [field]: { id: storedId === 0 ? nextValueId : storedId, value: Number(wanted['value']) },
    },
  };
  const users = request.users.map((other, index) => (index === at ? updated : other));
  return { status: 200, body: { data: projectFields(updated, request.fields) }, users };
};

/** `GET` or `PUT /api/v3/users/{id}`. */
export const answerSingleUser = (request: SingleUserRequest): SingleUserAnswer => {
  const { authorization, keys } = request;
  if (
    authorization !== `lucca application=${keys.read}` &&
    authorization !== `lucca application=${keys.write}`
  )
    return refuse(401, 'Unauthorized: invalid or missing API key');
  const at = request.users.findIndex(
    (user) => isItem(user) && String(user['id']) === request.luccaId,
  );
  const user = request.users[at];
  if (!isItem(user)) return refuse(404, `No user ${request.luccaId}`);
  if (request.method === 'GET')
    return { status: 200, body: { data: projectFields(user, request.fields) } };
  if (request.method === 'PUT') return write(request, user, at);
  return refuse(405, 'Method not allowed');
};
