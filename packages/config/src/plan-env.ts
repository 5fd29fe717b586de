import { defaultPlanOptions, isCalendarDate, type PlanOptions } from '@sync360/core';
import { z } from 'zod';
import { commaList, integerFrom, isTimeZone, optionalText } from './env-fields.js';

/** The SPEC §3 variables that shape the plan, shared by the runner and the bot. */
export const planEnvShape = {
  LUCCA_STATUS_FIELD: optionalText.transform((value) => value ?? 'e_360_status'),
  SYNC360_LEGAL_ENTITIES: commaList,
  SYNC360_UNIQUE_ID: optionalText.pipe(
    z
      .enum(['employeeNumber', 'entity-employeeNumber'], {
        message: 'SYNC360_UNIQUE_ID must be employeeNumber or entity-employeeNumber',
      })
      .optional(),
  ),
  SYNC360_ACTIVE_LABELS: commaList,
  SYNC360_INACTIVE_LABELS: commaList,
  SYNC360_DEFAULT_LANGUAGE: optionalText.pipe(
    z
      .string()
      .regex(
        /^[a-z]{2}$/,
        'SYNC360_DEFAULT_LANGUAGE must be a two-letter ISO 639-1 code such as fr',
      )
      .optional(),
  ),
  SYNC360_TIMEZONE: optionalText.pipe(
    z
      .string()
      .refine(isTimeZone, 'SYNC360_TIMEZONE must be an IANA time zone such as Europe/Paris')
      .optional(),
  ),
  SYNC360_TODAY: optionalText.pipe(
    z
      .string()
      .refine(isCalendarDate, 'SYNC360_TODAY must be a real date written YYYY-MM-DD')
      .optional(),
  ),
  SYNC360_ONBOARDING_LEAD_DAYS: integerFrom('SYNC360_ONBOARDING_LEAD_DAYS', 0, 365),
};

export type PlanEnv = z.infer<z.ZodObject<typeof planEnvShape>>;

/** Plan options from the shared variables; file-format settings stay at their defaults. */
export const planOptionsFromEnv = (env: PlanEnv): PlanOptions => ({
  ...defaultPlanOptions,
  legalEntities: env.SYNC360_LEGAL_ENTITIES.length > 0 ? env.SYNC360_LEGAL_ENTITIES : null,
  uniqueId: env.SYNC360_UNIQUE_ID ?? defaultPlanOptions.uniqueId,
  extraActiveLabels: env.SYNC360_ACTIVE_LABELS,
  extraInactiveLabels: env.SYNC360_INACTIVE_LABELS,
  defaultLanguage: env.SYNC360_DEFAULT_LANGUAGE ?? defaultPlanOptions.defaultLanguage,
  onboardingLeadDays: env.SYNC360_ONBOARDING_LEAD_DAYS ?? defaultPlanOptions.onboardingLeadDays,
});
