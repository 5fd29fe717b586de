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

export const required = (name: string, fix: string) =>
  optionalText.pipe(z.string({ message: `${name} is not set: ${fix}` }));

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

export const optionalUrl = (name: string, example: string) =>
  optionalText.pipe(z.url({ message: `${name} must be a URL such as ${example}` }).optional());

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
