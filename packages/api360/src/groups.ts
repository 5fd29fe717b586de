import { z } from 'zod';
import type { Api360Result } from './client.js';
import type { HttpMethod } from '@sync360/http';
import { objectIdPattern } from './schemas.js';
import { api360Failed, type HttpResponse } from './transport.js';

// Group roles and custom fields (§7c), as 360Learning's groups OpenAPI document defines them.

export interface Api360Group {
  readonly id: string;
  readonly public: boolean;
  /** Null for the root group. */
  readonly parentId: string | null;
}

/** One membership of a group: read answers name roles as the vendor's enum does (`userAdmin`). */
export interface GroupRole {
  readonly userId: string;
  readonly role: string;
}

export interface Api360CustomField {
  readonly id: string;
  /** `string` or `date`; kept as text so a type added later does not fail the run. */
  readonly type: string;
}

/** One of a user's custom-field values, as read (and sent back unchanged when not managed). */
export interface CustomValue {
  readonly customFieldId: string;
  readonly type: string;
  readonly value: string;
}

const objectId = z.string().regex(objectIdPattern);

const groupsPageSchema = z.array(
  z
    .object({ _id: objectId, public: z.boolean(), parentId: objectId.nullish() })
    .transform((group): Api360Group => ({
      id: group._id,
      public: group.public,
      parentId: group.parentId ?? null,
    })),
);
const rolesPageSchema = z.array(z.object({ userId: objectId, role: z.string() }));
const customFieldsPageSchema = z.array(
  z
    .object({ _id: objectId, type: z.string() })
    .transform((field): Api360CustomField => ({ id: field._id, type: field.type })),
);
const customValueSchema = z.object({
  customFieldId: objectId,
  type: z.string(),
  value: z.string(),
});
/** Each value, or null for one that cannot be read (that user's values are then left alone). */
const customValuesSchema = z.array(
  z
    .unknown()
    .transform((item): CustomValue | null => customValueSchema.safeParse(item).data ?? null),
);

/** The role as the add and remove paths take it (`learner`, `coach`). */
export type PathRole = 'learner' | 'coach';

export interface Api360GroupCalls {
  /** Every group (`parentId`, `public`), following the `Link` pages. */
  listGroups(): Promise<Api360Group[]>;
  /** Who holds which role in one group; a 404 `groupNotFound` is a rejection. */
  listGroupRoles(groupId: string): Promise<Api360Result<GroupRole[]>>;
  addRole(groupId: string, role: PathRole, userId: string): Promise<Api360Result<null>>;
  removeRole(groupId: string, role: PathRole, userId: string): Promise<Api360Result<null>>;
  /** The custom fields of users (`targetType[eq]=users`). */
  listUserCustomFields(): Promise<Api360CustomField[]>;
  /** A user's values; null marks one that cannot be read. */
  readCustomValues(userId: string): Promise<Api360Result<Array<CustomValue | null>>>;
  /** Replaces all of the user's values: send back the ones sync360 does not manage. */
  replaceCustomValues(
    userId: string,
    values: ReadonlyArray<CustomValue>,
  ): Promise<Api360Result<null>>;
}

interface CallSpec {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly what: string;
  readonly body?: unknown;
}

/** The client's own helpers (limiter, retries, token, error mapping) these calls go through. */
export interface ClientHelpers {
  readonly url: (path: string) => URL;
  readonly readAll: <T>(
    first: URL,
    what: string,
    schema: z.ZodType<T[]>,
  ) => Promise<Api360Result<T[]>>;
  readonly write: (
    call: CallSpec,
    expected: ReadonlyArray<number>,
  ) => Promise<Api360Result<HttpResponse>>;
}

const refused = (what: string, result: { status: number; code: string | null }): Error =>
  api360Failed(
    `360Learning API: ${what}: HTTP ${result.status}${result.code === null ? '' : ` ${result.code}`}`,
    'check API360_BASE_URL and that the API client has the groups:read and customFields:read scopes',
    { status: result.status, apiCode: result.code },
  );

export const groupCalls = ({ url, readAll, write }: ClientHelpers): Api360GroupCalls => {
  const rolePath = (groupId: string, role: PathRole, userId: string): URL =>
    url(`/api/v2/groups/${encodeURIComponent(groupId)}/${role}/${encodeURIComponent(userId)}`);
  const noContent = async (call: CallSpec): Promise<Api360Result<null>> => {
    const result = await write(call, [200, 204]);
    return result.ok ? { ok: true, value: null } : result;
  };
  const valuesPath = (userId: string): URL =>
    url(`/api/v2/users/${encodeURIComponent(userId)}/custom-fields/values`);
  return {
    listGroups: async () => {
      const what = 'listing groups';
      const result = await readAll(url('/api/v2/groups'), what, groupsPageSchema);
      if (!result.ok) throw refused(what, result);
      return result.value;
    },
    listGroupRoles: (groupId) =>
      readAll(
        url(`/api/v2/groups/${encodeURIComponent(groupId)}/roles`),
        "reading a group's roles",
        rolesPageSchema,
      ),
    addRole: (groupId, role, userId) =>
      noContent({
        method: 'POST',
        url: rolePath(groupId, role, userId),
        what: 'adding a group role',
      }),
    removeRole: (groupId, role, userId) =>
      noContent({
        method: 'DELETE',
        url: rolePath(groupId, role, userId),
        what: 'removing a group role',
      }),
    listUserCustomFields: async () => {
      const what = 'listing custom fields';
      const first = url('/api/v2/custom-fields');
      first.searchParams.set('targetType[eq]', 'users');
      const result = await readAll(first, what, customFieldsPageSchema);
      if (!result.ok) throw refused(what, result);
      return result.value;
    },
    readCustomValues: (userId) =>
      readAll(valuesPath(userId), "reading a user's custom fields", customValuesSchema),
    replaceCustomValues: async (userId, values) => {
      const what = "replacing a user's custom fields";
      const result = await write(
        { method: 'PUT', url: valuesPath(userId), what, body: { customValues: values } },
        [200],
      );
      // The answer repeats the values sent: nothing in it is read, so nothing is checked.
      return result.ok ? { ok: true, value: null } : result;
    },
  };
};
