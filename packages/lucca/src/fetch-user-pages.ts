import { z } from 'zod';
import type { LuccaContext } from './context.js';
import { userFields } from './user-schema.js';
import { itemsOfUsersPayload } from './users-payload.js';
import { requestJson } from './request-json.js';

const withId = z.object({ id: z.union([z.number(), z.string()]) }).loose();

const usersQuery = (offset: number, limit: number): string =>
  `formerEmployees=true&fields=${userFields.join(',')}&paging=${offset},${limit}`;

export interface UserItems {
  readonly items: ReadonlyArray<unknown>;
  readonly pages: number;
}

/**
 * Pages through `GET /api/v3/users` (former employees included) until a short page. A 408 or a
 * timeout halves the page size for the retry and the pages after it; the offset is always the
 * number of users received, so nobody is skipped or read twice. A user seen twice (the list moved
 * while paging) is kept once, with a warning.
 */
export const fetchUserItems = async (context: LuccaContext): Promise<UserItems> => {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let offset = 0;
  let limit = context.pageSize;
  let page = 0;
  const shrink = (): void => {
    if (limit <= 1) return;
    limit = Math.ceil(limit / 2);
    context.progress(`Lucca: slow answer, asking for pages of ${limit} users`);
  };
  for (;;) {
    page += 1;
    const what = (): string => `GET /api/v3/users page ${page} (paging=${offset},${limit})`;
    const body = await requestJson(
      context,
      () => `${context.apiRoot}/users?${usersQuery(offset, limit)}`,
      what,
      { onSlow: shrink },
    );
    const parsed = itemsOfUsersPayload(body, 'users');
    if (!parsed.ok) {
      throw context.sourceError(
        'lucca-bad-response',
        `Lucca sent an unexpected shape: ${what()}: ${parsed.message}`,
        'the Lucca API may have changed; report this message',
      );
    }
    let fresh = 0;
    for (const item of parsed.items) {
      const identified = withId.safeParse(item);
      const id = identified.success ? String(identified.data.id) : null;
      if (id !== null && seen.has(id)) {
        context.warn(
          `Lucca returned user ${id} twice while paging (the list changed during the run); kept once`,
        );
        continue;
      }
      if (id !== null) seen.add(id);
      items.push(item);
      fresh += 1;
    }
    offset += parsed.items.length;
    context.progress(`Lucca: page ${page} fetched (${items.length} users)`);
    if (parsed.items.length < limit) return { items, pages: page };
    if (fresh === 0) {
      throw context.sourceError(
        'lucca-bad-response',
        `Lucca ignored paging: ${what()} returned only users already read`,
        'the Lucca API may have changed; report this message',
      );
    }
  }
};
