import { z } from 'zod';

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/**
 * Raw HR facts about one person, as read from Lucca (API, file or demo). Text is kept as the
 * source gave it; the mapping rules normalise it.
 */
export const employeeRecordSchema = z.object({
  luccaId: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  /** LCID (number or numeric string) or a culture name such as `fr-FR`. */
  culture: z.union([z.number(), z.string()]).nullable(),
  managerLuccaId: z.string().nullable(),
  legalEntityId: z.string().nullable(),
  contractStart: calendarDate.nullable(),
  contractEnd: calendarDate.nullable(),
  /** The 360 status label as resolved from the custom field, or null when unset. */
  statusLabel: z.string().nullable(),
  /**
   * Lucca fields this file uses (`jobTitle`, `extendedData.<field>`...) whose value had an
   * unexpected type for this user; the matching field above is null. Rule 10: error
   * `invalid-lucca-value` on this employee only.
   */
  invalidFields: z.array(z.string()).optional(),
});

export type EmployeeRecord = z.infer<typeof employeeRecordSchema>;
