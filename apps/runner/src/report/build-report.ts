import type { Plan, Report, RunOutcome, Sync360Error } from '@sync360/core';
import type { SourceKind } from '../source/load-source.js';

export interface ReportContext {
  readonly outcome: RunOutcome;
  readonly startedAt: Date;
  readonly today: string;
  readonly forced: boolean;
  readonly source: { readonly kind: SourceKind; readonly employees: number };
  readonly plan: Plan | null;
  readonly fileName: string | null;
  readonly destination: Report['destination'];
  readonly warnings: ReadonlyArray<string>;
  readonly failure: Sync360Error | null;
}

/** SPEC §8. `file` whenever a file was built; `destination` only after delivery. */
export const buildReport = (context: ReportContext): Report => {
  const { plan } = context;
  const guardReasons: string[] = plan === null ? [] : [...plan.guard.reasons];
  if (plan?.guard.noBaseline === true) guardReasons.push('no-baseline');
  return {
    version: 1,
    outcome: context.outcome,
    startedAt: context.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    today: context.today,
    forced: context.forced,
    source: context.source,
    file:
      plan === null || context.fileName === null
        ? null
        : {
            name: context.fileName,
            rows: plan.file.rows,
            bytes: plan.file.bytes.byteLength,
            sha256: plan.file.sha256,
          },
    destination: context.destination,
    counts:
      plan === null
        ? { active: 0, inactive: 0, notExported: context.source.employees, errors: 0, warnings: 0 }
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
        : plan.changeList.map((change) => ({ ...change, fields: [...change.fields] })),
    guard: { tripped: plan?.guard.tripped ?? false, reasons: guardReasons },
    approvedSha256: null,
    problems: plan === null ? [] : plan.problems.map((problem) => ({ ...problem })),
    reminders: plan === null ? [] : plan.reminders.map((reminder) => ({ ...reminder })),
    warnings: [...context.warnings],
    failure:
      context.failure === null
        ? null
        : {
            code: context.failure.code,
            message: context.failure.message,
            hint: context.failure.hint,
          },
  };
};
