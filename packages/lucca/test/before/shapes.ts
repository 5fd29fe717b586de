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

/**
 * The items of a list response body (`{"data":{"items":[...]}}`, `{"items":[...]}` or a bare
 * array), each of them an object; else what is wrong, by type and offset only.
 */
export const objectItems = (
  json: unknown,
  what: string,
): { ok: true; items: Array<Record<string, unknown>> } | { ok: false; reason: string } => {
  const body = listSchema.safeParse(json);
  if (!body.success)
    return {
      ok: false,
      reason: `expected {"data":{"items":[...]}} or an array of ${what}s; saw ${kindOf(json)}`,
    };
  const data = body.data;
  const items = Array.isArray(data) ? data : 'data' in data ? data.data.items : data.items;
  const objects: Array<Record<string, unknown>> = [];
  for (const [offset, item] of items.entries()) {
    if (!isObject(item))
      return {
        ok: false,
        reason: `item at offset ${offset} is not a ${what} object (saw ${kindOf(item)})`,
      };
    objects.push(item);
  }
  return { ok: true, items: objects };
};
