import { z } from 'zod';
import { apiError, type Answer, type FakeApi360User } from './api360-store.js';

// The group-role and custom-field endpoints of a fake 360Learning company, as 360Learning's
// groups OpenAPI document defines them (paths, status codes, error codes, page sizes).

export interface FakeApi360Group {
  readonly _id: string;
  readonly name: string;
  readonly public: boolean;
  readonly parentId?: string;
  /** User id -> roles held, named as read answers name them (`learner`, `coach`, `userAdmin`). */
  readonly roles?: Readonly<Record<string, ReadonlyArray<string>>>;
}

export interface FakeApi360CustomField {
  readonly _id: string;
  readonly name: string;
  readonly targetType: 'users' | 'contents';
  readonly type: 'string' | 'date';
}

export interface FakeCustomValue {
  readonly customFieldId: string;
  readonly type: 'string' | 'date';
  readonly value: string;
}

export interface FakeApi360GroupsSeed {
  readonly groups?: ReadonlyArray<FakeApi360Group>;
  readonly customFields?: ReadonlyArray<FakeApi360CustomField>;
  /** User id -> custom-field values. */
  readonly customValues?: Readonly<Record<string, ReadonlyArray<FakeCustomValue>>>;
}

/** What tests read back from the fake. */
export interface FakeApi360Groups {
  /** `{userId, role}` memberships of a group, sorted per user (as the roles endpoint lists them). */
  rolesOf(groupId: string): Array<{ userId: string; role: string }>;
  holds(groupId: string, userId: string, role: string): boolean;
  valuesOf(userId: string): FakeCustomValue[];
}

type Page = (items: ReadonlyArray<unknown>, url: URL, size: number) => Answer;

const pathRoles = ['admin', 'analyst', 'coach', 'contributor', 'editor', 'learner', 'user-admin'];
/** The path says `user-admin`, read answers say `userAdmin`. */
const readName = (role: string): string => (role === 'user-admin' ? 'userAdmin' : role);

const groupsPath = '/api/v2/groups';
const rolesRoute = /^\/api\/v2\/groups\/([^/]+)\/roles$/;
const roleRoute = /^\/api\/v2\/groups\/([^/]+)\/([^/]+)\/([^/]+)$/;
const customFieldsPath = '/api/v2/custom-fields';
const valuesRoute = /^\/api\/v2\/users\/([^/]+)\/custom-fields\/values$/;

const valuesBody = z.object({
  customValues: z
    .array(
      z.object({
        customFieldId: z.string().regex(/^[a-fA-F0-9]{24}$/),
        type: z.enum(['string', 'date']),
        value: z.string().min(1),
      }),
    )
    .max(300),
});

export const createGroupsFake = (
  seed: FakeApi360GroupsSeed,
  extraGroupIds: ReadonlyArray<string>,
  userOf: (id: string) => FakeApi360User | undefined,
) => {
  const groups = new Map<string, Omit<FakeApi360Group, 'roles'>>();
  const members = new Map<string, Map<string, Set<string>>>();
  for (const { roles, ...group } of seed.groups ?? []) {
    groups.set(group._id, group);
    members.set(
      group._id,
      new Map(Object.entries(roles ?? {}).map(([userId, list]) => [userId, new Set(list)])),
    );
  }
  for (const id of extraGroupIds)
    if (!groups.has(id)) {
      groups.set(id, { _id: id, name: 'Default', public: false });
      members.set(id, new Map());
    }
  const fields = [...(seed.customFields ?? [])];
  const values = new Map(
    Object.entries(seed.customValues ?? {}).map(([userId, list]) => [userId, [...list]]),
  );

  const rolesOf = (groupId: string) =>
    [...(members.get(groupId) ?? new Map<string, Set<string>>())]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([userId, roles]) => [...roles].sort().map((role) => ({ userId, role })));

  /** Removing `learner` also removes it from the public subgroups, down to the first private one. */
  const cascade = (groupId: string, userId: string): void => {
    for (const group of groups.values())
      if (group.parentId === groupId && group.public) {
        members.get(group._id)?.get(userId)?.delete('learner');
        cascade(group._id, userId);
      }
  };

  const changeRole = (
    groupId: string,
    role: string,
    userId: string,
    add: boolean,
  ): Answer | null => {
    if (!pathRoles.includes(role)) return null;
    const held = members.get(groupId);
    if (held === undefined) return apiError(404, 'groupNotFound');
    const user = userOf(userId);
    const name = readName(role);
    if (add) {
      if (user === undefined) return apiError(404, 'userNotFound');
      if (user.status === 'deleted') return apiError(400, 'userDeleted');
      held.set(userId, (held.get(userId) ?? new Set()).add(name));
      return { status: 204 };
    }
    if (held.get(userId)?.has(name) !== true) return apiError(404, 'userNotFoundInGroup');
    held.get(userId)?.delete(name);
    if (name === 'learner') cascade(groupId, userId);
    return { status: 204 };
  };

  const replaceValues = (userId: string, body: unknown): Answer => {
    if (userOf(userId) === undefined) return apiError(404, 'userNotFound');
    const parsed = valuesBody.safeParse(body);
    if (!parsed.success) return apiError(400, 'wrongTypeValue');
    const seen = new Set<string>();
    for (const value of parsed.data.customValues) {
      const field = fields.find((candidate) => candidate._id === value.customFieldId);
      if (field === undefined || field.targetType !== 'users')
        return apiError(404, 'customFieldNotFound');
      if (seen.has(field._id)) return apiError(400, 'multipleValuesForSingleCustomField');
      seen.add(field._id);
      if (field.type !== value.type) return apiError(400, 'wrongTypeValue');
      if (value.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value.value))
        return apiError(400, 'wrongTypeValue');
    }
    values.set(userId, parsed.data.customValues);
    return { status: 200, body: parsed.data.customValues };
  };

  const filterFields = (url: URL): FakeApi360CustomField[] =>
    fields.filter(
      (field) =>
        (url.searchParams.get('targetType[eq]') ?? field.targetType) === field.targetType &&
        (url.searchParams.get('type[eq]') ?? field.type) === field.type,
    );

  return {
    /** The OAuth scope a request needs, or null when it is not one of these paths. */
    scopeFor: (method: string, path: string): string | null => {
      if (valuesRoute.test(path)) return method === 'GET' ? 'users:read' : 'users:write';
      if (path === customFieldsPath) return 'customFields:read';
      if (path === groupsPath || path.startsWith(`${groupsPath}/`))
        return method === 'GET' ? 'groups:read' : 'groups:write';
      return null;
    },
    /** The answer, or null when the request is not one of these paths. */
    route: (method: string, url: URL, body: unknown, page: Page): Answer | null => {
      const path = url.pathname;
      if (path === groupsPath && method === 'GET') return page([...groups.values()], url, 500);
      if (path === customFieldsPath && method === 'GET') return page(filterFields(url), url, 1000);
      const roles = rolesRoute.exec(path);
      if (roles?.[1] !== undefined && method === 'GET') {
        if (!members.has(roles[1])) return apiError(404, 'groupNotFound');
        return page(rolesOf(roles[1]), url, 1000);
      }
      const role = roleRoute.exec(path);
      if (
        role?.[1] !== undefined &&
        role[2] !== undefined &&
        role[3] !== undefined &&
        (method === 'POST' || method === 'DELETE')
      )
        return changeRole(role[1], role[2], role[3], method === 'POST');
      const userValues = valuesRoute.exec(path)?.[1];
      if (userValues !== undefined) {
        if (method === 'PUT') return replaceValues(userValues, body);
        if (method === 'GET')
          return userOf(userValues) === undefined
            ? apiError(404, 'userNotFound')
            : { status: 200, body: values.get(userValues) ?? [] };
      }
      return null;
    },
    fake: {
      rolesOf,
      holds: (groupId, userId, role) => members.get(groupId)?.get(userId)?.has(role) === true,
      valuesOf: (userId) => [...(values.get(userId) ?? [])],
    } satisfies FakeApi360Groups,
  };
};
