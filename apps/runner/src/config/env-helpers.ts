import { z } from 'zod';

/** Empty strings count as unset: CI systems often export empty variables for missing secrets. */
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

export const integerFrom = (name: string, min: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number (e.g. 7)`)
      .transform(Number)
      .refine((value) => value >= min, `${name} must be at least ${min}`)
      .optional(),
  );

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
