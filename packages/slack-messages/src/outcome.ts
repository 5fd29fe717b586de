import type { Report, RunOutcome } from '@sync360/core';

interface OutcomeLabel {
  readonly emoji: string;
  readonly title: string;
}

const labels: Readonly<Record<RunOutcome, OutcomeLabel>> = {
  delivered: { emoji: ':white_check_mark:', title: 'Delivered' },
  'dry-run': { emoji: ':mag:', title: 'Preview (dry run), nothing delivered' },
  blocked: { emoji: ':no_entry:', title: 'Blocked by the safety guard, nothing delivered' },
  failed: { emoji: ':x:', title: 'Failed, nothing delivered' },
};

export const outcomeLabel = (outcome: RunOutcome): OutcomeLabel => labels[outcome];

const sourceNames: Readonly<Record<NonNullable<Report['source']>['kind'], string>> = {
  'lucca-api': 'Lucca API',
  file: 'Input file',
  demo: 'DEMO DATA',
};

export const sourceName = (kind: NonNullable<Report['source']>['kind']): string =>
  sourceNames[kind];

/** Only blocked and failed runs deserve a loud alert. */
export const needsAlert = (report: Pick<Report, 'outcome'>): boolean =>
  report.outcome === 'blocked' || report.outcome === 'failed';

export const demoNotice =
  ':test_tube: *DEMO DATA*: bundled sample employees, not your Lucca tenant. Configure `LUCCA_BASE_URL` and `LUCCA_API_KEY` for real data.';
