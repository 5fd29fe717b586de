import { makeLuccaUser, type LuccaUserItem } from './lucca-users.js';

/** Lucca's cap on `paging=<offset>,<limit>`. */
const luccaMaxPageSize = 1000;

type PagingRead =
  | { readonly ok: true; readonly offset: number; readonly limit: number }
  | { readonly ok: false; readonly message: string };

/** `paging=offset,limit`; absent means the first 1000, like Lucca. */
export const readPaging = (value: string | null): PagingRead => {
  if (value === null) return { ok: true, offset: 0, limit: luccaMaxPageSize };
  const match = /^(\d+),(\d+)$/.exec(value);
  if (match === null)
    return { ok: false, message: `paging must be "<offset>,<limit>", got "${value}"` };
  const offset = Number(match[1]);
  const limit = Number(match[2]);
  if (limit < 1 || limit > luccaMaxPageSize)
    return { ok: false, message: `paging limit must be between 1 and ${luccaMaxPageSize}` };
  return { ok: true, offset, limit };
};

const isItem = (value: unknown): value is LuccaUserItem =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Like Lucca v3: only the requested top-level fields; without `fields=`, just id, name and url. */
export const projectFields = (item: unknown, fields: string | null): unknown => {
  if (!isItem(item)) return item;
  const wanted =
    fields === null ? ['id', 'name', 'url'] : fields.split(',').map((field) => field.trim());
  const projected: LuccaUserItem = {};
  for (const field of wanted) {
    if (field in item) projected[field] = item[field];
    else if (field === 'name')
      projected[field] =
        `${String(item['firstName'] ?? '')} ${String(item['lastName'] ?? '')}`.trim();
    else if (field === 'url') projected[field] = `/api/v3/users/${String(item['id'])}`;
  }
  return projected;
};

/** Former employee: `dtContractEnd` strictly before `today` (calendar part). */
export const isFormerEmployee = (item: unknown, today: string): boolean => {
  if (!isItem(item)) return false;
  const end = item['dtContractEnd'];
  return typeof end === 'string' && end.slice(0, 10) < today;
};

/** The users of one page: as `paging` asks, or misbehaving (ignoring it, never ending). */
export const pageOf = (
  users: ReadonlyArray<unknown>,
  paging: { readonly offset: number; readonly limit: number },
  mode: { readonly ignorePaging?: boolean; readonly endless?: boolean },
): ReadonlyArray<unknown> => {
  const { offset, limit } =
    mode.ignorePaging === true ? { offset: 0, limit: luccaMaxPageSize } : paging;
  if (mode.endless === true)
    return Array.from({ length: limit }, (_, index) => makeLuccaUser(offset + index));
  return users.slice(offset, offset + limit);
};
