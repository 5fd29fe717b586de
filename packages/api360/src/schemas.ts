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
  readonly lang: string;
}

export const objectIdPattern = /^[a-fA-F0-9]{24}$/;

export const userSchema = z
  .object({
    _id: z.string().regex(objectIdPattern),
    mail: z.string().optional(),
    status: z.enum(api360Statuses),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    job: z.string().optional(),
    lang: z.string(),
  })
  .transform((user): Api360User => ({
    id: user._id,
    mail: user.mail ?? null,
    status: user.status,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    job: user.job ?? null,
    lang: user.lang,
  }));

export const usersPageSchema = z.array(userSchema);
export const managerIdsPageSchema = z.array(z.string().regex(objectIdPattern));

export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
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
