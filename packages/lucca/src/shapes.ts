import { z } from 'zod';

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON type of a value, never the value itself (it may be personal data). */
const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

const listSchema = z.union([
  z.object({ data: z.object({ items: z.array(z.unknown()) }) }),
  z.object({ items: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);

/** The items of a list body; the schema's copy of 100,000 users is skipped for the usual forms. */
const listOf = (json: unknown): ReadonlyArray<unknown> | null => {
  if (Array.isArray(json)) return json;
  if (isObject(json)) {
    const data = json['data'];
    if (isObject(data) && Array.isArray(data['items'])) return data['items'];
    if (Array.isArray(json['items'])) return json['items'];
  }
  const body = listSchema.safeParse(json);
  if (!body.success) return null;
  const data = body.data;
  return Array.isArray(data) ? data : 'data' in data ? data.data.items : data.items;
};

/**
 * The items of a list response body (`{"data":{"items":[...]}}`, `{"items":[...]}` or a bare
 * array), each of them an object; else what is wrong, by type and offset only.
 */
export const objectItems = (
  json: unknown,
  what: string,
): { ok: true; items: Array<Record<string, unknown>> } | { ok: false; reason: string } => {
  const items = listOf(json);
  if (items === null)
    return {
      ok: false,
      reason: `expected {"data":{"items":[...]}} or an array of ${what}s; saw ${kindOf(json)}`,
    };
  const objects: Array<Record<string, unknown>> = [];
  for (let offset = 0; offset < items.length; offset += 1) {
    const item = items[offset];
    if (!isObject(item))
      return {
        ok: false,
        reason: `item at offset ${offset} is not a ${what} object (saw ${kindOf(item)})`,
      };
    objects.push(item);
  }
  return { ok: true, items: objects };
};
