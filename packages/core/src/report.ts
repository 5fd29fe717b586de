import { z } from 'zod';

const count = z.number().int().nonnegative();

/** The JSON run report (`--report FILE`), written by the runner and read by the Slack builders. */
export const reportSchema = z.object({
  version: z.literal(1),
  outcome: z.enum(['delivered', 'dry-run', 'blocked', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  today: z.string(),
  forced: z.boolean(),
  /** The version of sync360 that wrote the report (absent in reports of older versions). */
  sync360Version: z.string().optional(),
  /**
   * Null when the run stopped (configuration or usage error) before a source was chosen. `demo`
   * is true, and present, only when the bundled sample, not a tenant, was read.
   */
  source: z
    .object({
      kind: z.enum(['lucca-api', 'file', 'demo']),
      demo: z.literal(true).optional(),
      employees: count,
    })
    .nullable(),
  file: z
    .object({
      name: z.string(),
      rows: count,
      bytes: count,
      sha256: z.string(),
      /** With PGP: the upload is `<name>.pgp`; name/bytes/sha256 stay the plain CSV's. */
      encrypted: z.boolean().optional(),
      uploadedName: z.string().nullable().optional(),
      uploadedBytes: count.nullable().optional(),
    })
    .nullable(),
  /** `360-api`: delivered through 360Learning's API v2, path = API360_BASE_URL. */
  destination: z
    .object({ kind: z.enum(['sftp', '360-api', 'local']), path: z.string() })
    .nullable(),
  counts: z.object({
    active: count,
    inactive: count,
    notExported: count,
    errors: count,
    warnings: count,
  }),
  changes: z
    .object({
      created: count,
      updated: count,
      deactivated: count,
      reactivated: count,
      dropped: count,
      unchanged: count,
    })
    .nullable(),
  /** Every changed id in uniqueId order, with or without a previous file. */
  changeList: z.array(
    z.object({
      uniqueId: z.string(),
      luccaId: z.string().nullable(),
      kind: z.enum(['created', 'updated', 'deactivated', 'reactivated', 'dropped']),
      /** Canonical column names that changed, status included; empty for created and dropped. */
      fields: z.array(z.string()),
    }),
  ),
  guard: z.object({ tripped: z.boolean(), reasons: z.array(z.string()) }),
  /** The approved sha256 when it released a tripped guard, else null. */
  approvedSha256: z.string().nullable(),
  /**
   * What an approval names (the Approve button's value, `--approve`): the file's sha256, or with a
   * rules file the sha256 of the CSV's bytes followed by the rules file's bytes (§7c).
   */
  approvalSha256: z.string().nullable().optional(),
  /** The rules file (§7c), null without one. */
  rules: z
    .object({ file: z.string(), sha256: z.string(), groups: count, customFields: count })
    .nullable()
    .optional(),
  problems: z.array(
    z.object({
      employeeNumber: z.string().nullable(),
      luccaId: z.string().nullable(),
      code: z.string(),
      severity: z.enum(['error', 'warning']),
      field: z.string().nullable(),
      message: z.string(),
    }),
  ),
  reminders: z.array(
    z.object({
      employeeNumber: z.string().nullable(),
      luccaId: z.string().nullable(),
      name: z.string(),
      kind: z.enum(['onboarding', 'offboarding', 'fix-data']),
      dueSince: z.string(),
      daysOverdue: z.number().int(),
      action: z.string(),
    }),
  ),
  /** Human-readable notes (Slack or summary failures, no former employees). */
  warnings: z.array(z.string()),
  /** Null unless the destination is 360Learning's API: what was (or would be) done there. */
  operations: z
    .object({
      create: count,
      restore: count,
      update: count,
      delete: count,
      managers: count,
      rejected: count,
      /** Group rules (§7c); absent in reports written before them. */
      addRole: count.optional(),
      removeRole: count.optional(),
      setCustomFields: count.optional(),
      items: z.array(
        z.object({
          uniqueId: z.string(),
          operation: z.enum([
            'create',
            'restore',
            'update',
            'delete',
            'activate',
            'add-manager',
            'remove-manager',
            'add-role',
            'remove-role',
            'set-custom-fields',
          ]),
          fields: z.array(z.string()),
          status: z.enum(['planned', 'done', 'rejected']),
          error: z.string().nullable(),
          groupId: z.string().optional(),
          role: z.string().optional(),
          alsoLeaves: z.array(z.string()).optional(),
          customFieldIds: z.array(z.string()).optional(),
        }),
      ),
    })
    .nullable()
    .optional(),
  /** `sync360 history` runs only (§7d): the completions read and what was recorded in Lucca. */
  history: z
    .object({
      window: z.object({ from: z.string(), until: z.string() }),
      read: count,
      matched: count,
      withoutMail: count,
      planned: count,
      recorded: count,
      skippedExisting: count,
      created: count,
      warnings: z.array(
        z.object({
          code: z.string(),
          message: z.string(),
          userId: z.string().nullable(),
          title: z.string().nullable(),
        }),
      ),
      planSha256: z.string().nullable(),
      items: z.array(
        z.object({
          luccaId: z.string(),
          employeeNumber: z.string(),
          title: z.string(),
          sessionEndsOn: z.string(),
          create: z.boolean(),
        }),
      ),
    })
    .nullable()
    .optional(),
  /** Set when outcome is `failed`: what stopped the run. */
  failure: z
    .object({
      code: z.string(),
      message: z.string(),
      hint: z.string(),
      /** The stage that stopped the run (the coded error's kind), for Slack's words. */
      kind: z.enum(['config', 'source', 'guard', 'delivery', 'strict', 'internal']).optional(),
      /** The HTTP status an outside system answered, when that is what stopped the run. */
      status: z.number().int().nullable().optional(),
    })
    .nullable(),
});

export type Report = z.infer<typeof reportSchema>;
export type RunOutcome = Report['outcome'];
export type ChangeCounts = NonNullable<Report['changes']>;
