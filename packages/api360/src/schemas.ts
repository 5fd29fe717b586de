import { z } from 'zod';

/** The `lang` values 360Learning's users endpoints accept (the enum of its OpenAPI document). */
export const api360Languages = [
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

export type Api360Language = (typeof api360Languages)[number];

const languageSet: ReadonlySet<string> = new Set(api360Languages);

export const isApi360Language = (value: string): value is Api360Language => languageSet.has(value);

export const api360Statuses = ['active', 'invited', 'deleted'] as const;
export type Api360Status = (typeof api360Statuses)[number];

/** A 360Learning user as sync360 sees it: only the fields it reads or writes. */
export interface Api360User {
  readonly id: string;
  readonly mail: string | null;
  readonly status: Api360Status;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly job: string | null;
  /** Kept as text: a language 360Learning adds later must not fail the run. */
  readonly lang: string | null;
}

/** A listed user whose `_id`, `mail` or `status` cannot be read: never written to. */
export interface UnreadableUser {
  /** Its mail when that one could be read (to find the row it belongs to). */
  readonly mail: string | null;
  /** The fields that could not be read, for the warning (never their values). */
  readonly fields: ReadonlyArray<'_id' | 'mail' | 'status'>;
}

export const objectIdPattern = /^[a-fA-F0-9]{24}$/;

// Only the fields sync360 uses are read; any other field, unknown ones included, is ignored and
// never validated. A field used but unreadable is null here: the caller decides what that means.
const readable = <T extends z.ZodType>(schema: T) => schema.nullable().catch(null);
const text = readable(z.string());
const mailSchema = z.union([z.string(), z.null(), z.undefined()]);
const userItemSchema = z.object({
  _id: readable(z.string().min(1)),
  mail: z.unknown().optional(),
  status: readable(z.enum(api360Statuses)),
  firstName: text,
  lastName: text,
  job: text,
  lang: text,
});

export type ReadUser =
  | { readonly readable: true; readonly user: Api360User }
  | { readonly readable: false; readonly unreadable: UnreadableUser };

const notAnObject: ReadUser = {
  readable: false,
  unreadable: { mail: null, fields: ['_id', 'mail', 'status'] },
};

/** One item of a users list, read as SPEC §7b says. */
export const readUser = (item: unknown): ReadUser => {
  const parsed = userItemSchema.safeParse(item);
  if (!parsed.success) return notAnObject;
  const { _id: id, status, firstName, lastName, job, lang } = parsed.data;
  // Absent, null or empty: a user without a mail (it logs in by username), not an unreadable one.
  const mailRead = mailSchema.safeParse(parsed.data.mail);
  const mail = mailRead.success ? mailRead.data || null : undefined;
  if (id === null || mail === undefined || status === null) {
    const fields: Array<'_id' | 'mail' | 'status'> = [];
    if (id === null) fields.push('_id');
    if (mail === undefined) fields.push('mail');
    if (status === null) fields.push('status');
    return { readable: false, unreadable: { mail: mail ?? null, fields } };
  }
  return { readable: true, user: { id, mail, status, firstName, lastName, job, lang } };
};

/** Only a body that is not a list fails the read; its items are read one by one. */
export const listSchema = z.array(z.unknown());

/** Manager ids: an item that is not an id cannot name an account, so it is left out. */
export const managerIdsPageSchema = listSchema.transform((items) =>
  items.filter((item): item is string => typeof item === 'string' && item !== ''),
);

/** The id of a created or restored user (the rest of the answer is not used). */
export const createdUserSchema = z.object({ _id: readable(z.string().min(1)) });

const defaultLifetimeSeconds = 3600;

/**
 * 360Learning documents `expires_in` as a number but its guide shows the string `"3600"`: a
 * positive number or a string of digits is read, anything else counts as an hour.
 */
const lifetimeSchema = z
  .union([z.number().positive().finite(), z.string().regex(/^\d+$/).transform(Number)])
  .refine((seconds) => seconds > 0)
  .catch(defaultLifetimeSeconds);

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: lifetimeSchema,
});

/**
 * 360Learning's two error shapes: `{error: "invalid_token"}` (OAuth and rate limit) and
 * `{error: {code, message}}` (everything else). Only the code is kept: the message may quote data.
 */
const errorBodySchema = z.object({
  error: z.union([z.string(), z.object({ code: z.string() })]),
});

export const errorCodeOf = (body: unknown): string | null => {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  return typeof parsed.data.error === 'string' ? parsed.data.error : parsed.data.error.code;
};
