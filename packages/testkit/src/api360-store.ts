import { z } from 'zod';

// The users of a fake 360Learning company, and the answers of its users endpoints, as the
// OpenAPI document of 360Learning's API v2 describes them (status codes, bodies, error codes).

const fakeApi360Languages = [
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'fi',
  'fr',
  'hr',
  'ht_HT',
  'hu',
  'id',
  'it',
  'ja',
  'kar_MM',
  'ko',
  'lt',
  'mh_MH',
  'nl',
  'nl_BE',
  'no',
  'pl',
  'pt',
  'ro',
  'ru',
  'rw_RW',
  'sk',
  'sl',
  'so_SO',
  'sv',
  'sw_KE',
  'th',
  'ti_ET',
  'tr',
  'uk',
  'zh',
  'vi',
] as const;

export type FakeApi360Status = 'active' | 'invited' | 'deleted';

export interface FakeApi360User {
  readonly _id: string;
  readonly mail?: string;
  readonly status: FakeApi360Status;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly job?: string;
  readonly lang: string;
  readonly organization?: string;
  readonly phone?: string;
  readonly custom?: string;
  readonly username?: string;
  readonly primaryGroupId?: string;
  readonly toBeDeactivatedAt?: string;
  readonly profileImageId?: string;
  readonly lastLoginDate?: string;
  readonly deletedAt: ReadonlyArray<string>;
  readonly reactivatedAt: ReadonlyArray<string>;
}

/** A user to seed: any field may be given; `_id` is generated when absent. */
export type FakeApi360Seed = Partial<Omit<FakeApi360User, 'deletedAt' | 'reactivatedAt'>> & {
  readonly managers?: ReadonlyArray<string>;
};

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A documented error: `{error: {code, message}}` with one of the codes the OpenAPI lists. */
export const apiError = (status: number, code: string): Answer => ({
  status,
  body: { error: { code, message: `A human-readable message to help with debugging (${code}).` } },
});

/**
 * A refusal the OpenAPI document gives no code for (a malformed body, an unknown route): the
 * documented status alone, never an invented code.
 */
export const bareStatus = (status: number): Answer => ({ status });

const text = z.string().min(1);
const objectId = z.string().regex(/^[a-fA-F0-9]{24}$/);
const lang = z.enum(fakeApi360Languages);
const dateTime = z.iso.datetime();
// The request bodies of POST /users ("Input User") and PATCH /users/{id} as documented: PATCH
// takes null for every field but lang (null clears it).
const createSchema = z.strictObject({
  mail: text.optional(),
  username: text.optional(),
  firstName: text.optional(),
  lastName: text.optional(),
  job: text.optional(),
  lang: lang.optional(),
  organization: text.optional(),
  phone: text.optional(),
  custom: text.optional(),
  primaryGroupId: objectId.optional(),
  toBeDeactivatedAt: dateTime.optional(),
  membership: z.strictObject({
    groupId: objectId,
    role: z.enum(['admin', 'analyst', 'editor', 'coach', 'contributor', 'learner', 'userAdmin']),
  }),
});
const patchSchema = z.strictObject({
  mail: text.nullable().optional(),
  username: text.nullable().optional(),
  firstName: text.nullable().optional(),
  lastName: text.nullable().optional(),
  job: text.nullable().optional(),
  lang: lang.optional(),
  organization: text.nullable().optional(),
  phone: text.nullable().optional(),
  custom: text.nullable().optional(),
  primaryGroupId: objectId.nullable().optional(),
  toBeDeactivatedAt: dateTime.nullable().optional(),
  profileImageId: objectId.nullable().optional(),
});

const mailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FakeApi360StoreOptions {
  readonly groupIds: ReadonlyArray<string>;
  /** Mails 360Learning refuses as `mailInvalid` (its own check is stricter than sync360's). */
  readonly invalidMails: ReadonlyArray<string>;
  readonly ownerId: string | null;
  /** Image media of the company: a `profileImageId` naming another is `400 mediaNotFound`. */
  readonly mediaIds: ReadonlyArray<string>;
}

export const createApi360Store = (options: FakeApi360StoreOptions) => {
  const users = new Map<string, FakeApi360User>();
  const managers = new Map<string, string[]>();
  const invitations: string[] = [];
  let counter = 0;
  const newId = (): string => {
    counter += 1;
    return `5e0c${counter.toString(16).padStart(20, '0')}`;
  };
  const now = (): string => new Date().toISOString();
  const sameMail = (mail: string) => (user: FakeApi360User) =>
    user.mail !== undefined && user.mail.toLowerCase() === mail.toLowerCase();
  const mailIssue = (mail: string | undefined, exceptId: string | null): Answer | null => {
    if (mail === undefined) return null;
    if (!mailPattern.test(mail) || options.invalidMails.includes(mail.toLowerCase()))
      return apiError(400, 'mailInvalid');
    const taken = [...users.values()].some(
      (user) => user._id !== exceptId && user.status !== 'deleted' && sameMail(mail)(user),
    );
    return taken ? apiError(400, 'mailAlreadyUsed') : null;
  };
  const futureDate = (value: string | null | undefined): boolean =>
    value === null || value === undefined || Date.parse(value) > Date.now();

  const seed = (input: FakeApi360Seed): string => {
    const { managers: managerIds, ...fields } = input;
    const user: FakeApi360User = {
      status: 'active',
      lang: 'en',
      ...fields,
      _id: fields._id ?? newId(),
      deletedAt: fields.status === 'deleted' ? [now()] : [],
      reactivatedAt: [],
    };
    users.set(user._id, user);
    managers.set(user._id, [...(managerIds ?? [])]);
    return user._id;
  };

  const create = (body: unknown, sendInvitationEmail: string | null): Answer => {
    const parsed = createSchema.safeParse(body);
    if (!parsed.success) return bareStatus(400);
    const input = parsed.data;
    if (input.mail === undefined && input.username === undefined)
      return apiError(400, 'mailAndUsernameUndefined');
    if (!futureDate(input.toBeDeactivatedAt)) return apiError(400, 'deactivationDateInvalid');
    if (!options.groupIds.includes(input.membership.groupId)) return apiError(404, 'groupNotFound');
    const issue = mailIssue(input.mail, null);
    if (issue !== null) return issue;
    const deleted = [...users.values()].find(
      (user) => user.status === 'deleted' && input.mail !== undefined && sameMail(input.mail)(user),
    );
    const invite = (user: FakeApi360User): void => {
      if (sendInvitationEmail !== 'false' && user.mail !== undefined) invitations.push(user.mail);
    };
    if (deleted !== undefined) {
      // The account comes back as it was deleted, with the invited status.
      const restored: FakeApi360User = {
        ...deleted,
        status: 'invited',
        reactivatedAt: [...deleted.reactivatedAt, now()],
      };
      users.set(restored._id, restored);
      invite(restored);
      return { status: 200, body: restored };
    }
    const fields = Object.fromEntries(
      Object.entries(input).filter(([key]) => key !== 'membership'),
    );
    const user: FakeApi360User = {
      ...fields,
      _id: newId(),
      status: 'invited',
      lang: input.lang ?? 'en',
      deletedAt: [],
      reactivatedAt: [],
    };
    users.set(user._id, user);
    managers.set(user._id, []);
    invite(user);
    return { status: 201, body: user };
  };

  const patch = (id: string, body: unknown): Answer => {
    const user = users.get(id);
    if (user === undefined) return apiError(404, 'userNotFound');
    const parsed = patchSchema.safeParse(body);
    if (!parsed.success) return bareStatus(400);
    const input = parsed.data;
    if (user.status === 'deleted') return apiError(400, 'invalidUpdateOnDeletedUser');
    if (input.toBeDeactivatedAt !== undefined && id === options.ownerId)
      return apiError(400, 'ownerDeactivationNotAllowed');
    if (!futureDate(input.toBeDeactivatedAt)) return apiError(400, 'deactivationDateInvalid');
    if (
      input.profileImageId !== undefined &&
      input.profileImageId !== null &&
      !options.mediaIds.includes(input.profileImageId)
    )
      return apiError(400, 'mediaNotFound');
    const issue = mailIssue(input.mail ?? undefined, id);
    if (issue !== null) return issue;
    // null clears a field: undefined values are left out of the JSON answers.
    const changes = Object.fromEntries(
      Object.entries(input).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, value ?? undefined]],
      ),
    );
    const updated: FakeApi360User = { ...user, ...changes };
    if (updated.mail === undefined && updated.username === undefined)
      return apiError(400, 'userShouldHaveAtLeastOneValidIdentifier');
    users.set(id, updated);
    return { status: 200, body: updated };
  };

  const remove = (id: string): Answer => {
    const user = users.get(id);
    if (user === undefined) return apiError(404, 'userNotFound');
    if (id === options.ownerId) return apiError(400, 'userIsCompanyOwner');
    users.set(id, { ...user, status: 'deleted', deletedAt: [...user.deletedAt, now()] });
    return { status: 204 };
  };

  const activate = (id: string): Answer => {
    const user = users.get(id);
    if (user === undefined) return apiError(404, 'userNotFound');
    if (user.status === 'deleted') return apiError(400, 'userDeleted');
    const updated: FakeApi360User = { ...user, status: 'active' };
    users.set(id, updated);
    return { status: 200, body: updated };
  };

  const changeManager = (id: string, managerId: string, add: boolean): Answer => {
    const user = users.get(id);
    if (user === undefined) return apiError(404, 'userNotFound');
    const manager = users.get(managerId);
    if (manager === undefined) return apiError(404, 'managerNotFound');
    if (user.status === 'deleted') return apiError(400, 'userDeleted');
    const list = managers.get(id) ?? [];
    if (add) {
      if (manager.status === 'deleted') return apiError(400, 'managerDeleted');
      if (!list.includes(managerId)) managers.set(id, [...list, managerId]);
      return { status: 204 };
    }
    if (!list.includes(managerId)) return apiError(400, 'managerNotAssignedToUser');
    managers.set(
      id,
      list.filter((other) => other !== managerId),
    );
    return { status: 204 };
  };

  return {
    seed,
    create,
    patch,
    remove,
    activate,
    changeManager,
    /** Every user in creation order (deleted ones included, as the list endpoint returns them). */
    list: (): FakeApi360User[] => [...users.values()],
    get: (id: string): FakeApi360User | undefined => users.get(id),
    managersOf: (id: string): string[] | undefined => managers.get(id),
    invitations: (): string[] => [...invitations],
  };
};
