import { z } from 'zod';

/** Empty strings count as unset: CI systems and hosts often export empty variables. */
export const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const commaList = optionalText.transform((value) =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
);

export const integerFrom = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number`)
      .transform(Number)
      .refine(
        (value) => value >= min && value <= max,
        max === Number.MAX_SAFE_INTEGER
          ? `${name} must be at least ${String(min)}`
          : `${name} must be between ${String(min)} and ${String(max)}`,
      )
      .optional(),
  );

/** `true` or `false` (any case); unset is `fallback`. */
export const booleanText = (name: string, fallback: boolean) =>
  optionalText.pipe(
    z
      .string()
      .transform((value) => value.toLowerCase())
      .pipe(z.enum(['true', 'false'], { message: `${name} must be true or false` }))
      .transform((value) => value === 'true')
      .optional()
      .transform((value) => value ?? fallback),
  );

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/**
 * An https URL, or http on a loopback host only (tests' local fakes): an API key or token sent
 * over plain http to another host would travel in clear.
 */
export const optionalUrl = (name: string, example: string) =>
  optionalText.pipe(
    z
      .string()
      .transform((value, context) => {
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          context.addIssue({ code: 'custom', message: `${name} must be a URL such as ${example}` });
          return z.NEVER;
        }
        if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))
          return value;
        context.addIssue({
          code: 'custom',
          message:
            url.protocol === 'http:'
              ? `${name} uses http:// for ${url.hostname}: keys would travel unencrypted; use https:// (e.g. ${example})`
              : `${name} must be an https:// URL such as ${example}`,
        });
        return z.NEVER;
      })
      .optional(),
  );

/** `LUCCA_BASE_URL`: the tenant's origin only; the client adds `/api/v3/...` itself. */
export const luccaBaseUrl = optionalUrl('LUCCA_BASE_URL', 'https://acme.ilucca.net').transform(
  (value, context) => {
    if (value === undefined) return undefined;
    const url = new URL(value);
    const extra = `${url.pathname === '/' ? '' : url.pathname}${url.search}${url.hash}`;
    if (extra === '' && url.username === '' && url.password === '') return url.origin;
    context.addIssue({
      code: 'custom',
      message: `LUCCA_BASE_URL must be the tenant's origin only: set it to ${url.origin}${extra === '' ? ' (no user name or password in it)' : ` (remove "${extra}")`}`,
    });
    return z.NEVER;
  },
);

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Today's calendar date (YYYY-MM-DD) in the given time zone: the apps' only clock read. */
export const todayIn = (timeZone: string, now: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
