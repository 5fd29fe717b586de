import type { OperationsReport } from '@sync360/api360';
import {
  httpStatusOf,
  isSync360Error,
  messageOf,
  Sync360Error,
  type Plan,
  type Report,
  type RunOutcome,
} from '@sync360/core';
import { packageVersion } from '../cli.js';
import type { SourceKind } from '../source.js';

interface ReportContext {
  readonly outcome: RunOutcome;
  readonly startedAt: Date;
  readonly today: string;
  readonly forced: boolean;
  readonly approvedSha256: string | null;
  /** An approval named another file (guard reason `approval-mismatch`). */
  readonly approvalMismatch: boolean;
  /** Null when the run stopped before choosing one. */
  readonly source: { readonly kind: SourceKind; readonly employees: number } | null;
  readonly plan: Plan | null;
  readonly fileName: string | null;
  readonly destination: Report['destination'];
  /** The upload's name and size (with PGP, the encrypted `<name>.pgp`); null sizes before it. */
  readonly upload?: {
    readonly name: string;
    readonly bytes: number;
    readonly encrypted: boolean;
    readonly done: boolean;
  };
  /** Null unless the destination is 360Learning's API. */
  readonly operations?: OperationsReport | null;
  readonly warnings: ReadonlyArray<string>;
  readonly failure: Sync360Error | null;
  /** The report's `rules` (§7c): null without a rules file. */
  readonly rules?: Report['rules'];
  /** What an approval names; defaults to the file's sha256. */
  readonly approvalSha256?: string | null;
}

/** `file` and `changeList` whenever a file was built; `destination` only after delivery. */
export const buildReport = (context: ReportContext): Report => {
  const { plan } = context;
  const guardReasons: string[] = plan === null ? [] : [...plan.guard.reasons];
  if (context.approvalMismatch) guardReasons.push('approval-mismatch');
  if (plan?.guard.noBaseline === true) guardReasons.push('no-baseline');
  return {
    version: 1,
    outcome: context.outcome,
    startedAt: context.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    today: context.today,
    forced: context.forced,
    sync360Version: packageVersion(),
    // `demo: true` says in so many words that the bundled sample, not a tenant, was read.
    source: context.source?.kind === 'demo' ? { ...context.source, demo: true } : context.source,
    file:
      plan === null || context.fileName === null
        ? null
        : {
            name: context.fileName,
            rows: plan.file.rows,
            bytes: plan.file.bytes.byteLength,
            sha256: plan.file.sha256,
            encrypted: context.upload?.encrypted ?? false,
            uploadedName: context.upload?.done === true ? context.upload.name : null,
            uploadedBytes: context.upload?.done === true ? context.upload.bytes : null,
          },
    destination: context.destination,
    counts:
      plan === null
        ? {
            active: 0,
            inactive: 0,
            notExported: context.source?.employees ?? 0,
            errors: 0,
            warnings: 0,
          }
        : {
            active: plan.counts.active,
            inactive: plan.counts.inactive,
            notExported: plan.counts.notExported,
            errors: plan.counts.errors,
            warnings: plan.counts.warnings,
          },
    changes: plan?.changes ?? null,
    changeList:
      plan === null
        ? []
        : // The plan's entries as they are: a copy of each (100,000 on a first delivery) costs more
          // than the rest of the report, and nothing changes them.
          [...plan.changeList],
    guard: {
      tripped: (plan?.guard.tripped ?? false) || context.approvalMismatch,
      reasons: guardReasons,
    },
    approvedSha256: context.approvedSha256,
    approvalSha256: context.approvalSha256 ?? plan?.file.sha256 ?? null,
    rules: context.rules ?? null,
    problems: plan === null ? [] : [...plan.problems],
    reminders: plan === null ? [] : [...plan.reminders],
    operations:
      context.operations == null
        ? null
        : {
            ...context.operations,
            items: context.operations.items.map(({ alsoLeaves, customFieldIds, ...item }) => ({
              ...item,
              fields: [...item.fields],
              ...(alsoLeaves === undefined ? {} : { alsoLeaves: [...alsoLeaves] }),
              ...(customFieldIds === undefined ? {} : { customFieldIds: [...customFieldIds] }),
            })),
          },
    warnings: [...context.warnings],
    failure:
      context.failure === null
        ? null
        : {
            code: context.failure.code,
            message: context.failure.message,
            hint: context.failure.hint,
            kind: context.failure.kind,
            status: httpStatusOf(context.failure),
          },
  };
};

/** The failure a report names: a coded error as it is, anything else as `internal`. */
export const failureOf = (error: unknown): Sync360Error =>
  isSync360Error(error)
    ? error
    : new Sync360Error(
        'internal',
        'internal',
        `Unexpected error: ${messageOf(error)}.`,
        'Rerun; if it persists, open an issue with the report (never paste secrets).',
      );

/** The report of a command stopped by its command line or environment, before it began. */
export const earlyFailureReport = (failure: Sync360Error, today: string): Report =>
  buildReport({
    outcome: 'failed',
    startedAt: new Date(),
    today,
    forced: false,
    approvedSha256: null,
    approvalMismatch: false,
    source: null,
    plan: null,
    fileName: null,
    destination: null,
    warnings: [],
    failure,
  });
