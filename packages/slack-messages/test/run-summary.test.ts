import { describe, expect, it } from 'vitest';
import { makeReminder, makeReport } from './fixtures.js';
import { blockText, expectWithinLimits, expectWordsForHr } from './limits.js';
import { runSummaryMessage } from '../src/index.js';

const problem = (index: number, severity: 'error' | 'warning') => ({
  employeeNumber: `E${index}`,
  luccaId: null,
  code: severity === 'error' ? 'invalid-email' : 'unknown-language',
  severity,
  field: 'email',
  message: `Problem ${index}: fix <it> & go`,
});

describe('runSummaryMessage', () => {
  it('shows outcome, counts, changes, reminders and the run link', () => {
    const report = makeReport({
      reminders: [
        makeReminder(0, { kind: 'onboarding' }),
        makeReminder(1, { kind: 'offboarding' }),
        makeReminder(2, { kind: 'offboarding' }),
      ],
    });
    const message = runSummaryMessage(report, {
      runUrl: 'https://github.com/acme/hr/actions/runs/42?a=1&b=2',
    });
    expectWithinLimits(message);
    const text = blockText(message);
    expect(text).toContain('Delivered');
    expect(text).toContain('*Lucca*\n250 employees');
    expect(text).toContain('230 Active, 10 Inactive');
    expect(text).toContain('2 errors, 3 warnings');
    expect(text).toContain('`users.csv`: 240 rows');
    expect(text).toContain(
      '3 created, 2 updated, 1 deactivated, 0 reactivated, 0 dropped, 234 unchanged',
    );
    expect(text).toContain('3 tasks for an HR admin (1 onboarding, 2 offboarding)');
    expect(text).toContain(
      '<https://github.com/acme/hr/actions/runs/42?a=1&amp;b=2|View the run on GitHub>',
    );
    expect(text).not.toContain('DEMO');
    expect(message.text).toContain(
      'Delivered, 240 rows, 3 created, 1 deactivated, 2 errors, 3 reminders',
    );
  });

  it('labels demo data and says no baseline', () => {
    const message = runSummaryMessage(
      makeReport({
        source: { kind: 'demo', employees: 12 },
        changes: null,
        outcome: 'dry-run',
        destination: null,
      }),
    );
    const text = blockText(message);
    expect(text).toContain('DEMO DATA');
    expect(message.text).toContain('[DEMO DATA]');
    expect(text).toContain('no baseline');
    expect(text).toContain('Preview (dry run)');
    expect(text).not.toContain('View the run');
  });

  it('lists top problems by code and employee number only, errors first, with "and N more"', () => {
    const problems = [
      ...Array.from({ length: 10 }, (_, i) => problem(i, 'warning')),
      ...Array.from({ length: 4 }, (_, i) => problem(100 + i, 'error')),
    ];
    const message = runSummaryMessage(makeReport({ problems }));
    expectWithinLimits(message);
    const text = blockText(message);
    expect(text).toContain('and 9 more problems');
    expect(text.indexOf('#E100')).toBeLessThan(text.indexOf('#E0'));
    expect(text).not.toContain('#E1:');
    expect(text).toContain('`invalid-email` #E100 (email)');
    // A problem's message may quote Lucca data (an email, a name): never in the ops channel.
    expect(text).not.toContain('fix');
  });

  it('stays within limits with huge problem messages and warnings', () => {
    const problems = Array.from({ length: 500 }, (_, i) => ({
      ...problem(i, 'error'),
      message: '<&>'.repeat(2000),
    }));
    const message = runSummaryMessage(
      makeReport({ problems, warnings: Array.from({ length: 20 }, () => 'w'.repeat(5000)) }),
    );
    expectWithinLimits(message);
    // The notes name settings and paths: a count for the ops channel, the text in the run log.
    expect(blockText(message)).toContain('20 notes for an admin in the run report');
    expect(blockText(message)).not.toContain('www');
  });

  it('explains a tripped guard and a failure', () => {
    const message = runSummaryMessage(
      makeReport({
        outcome: 'failed',
        guard: { tripped: true, reasons: ['too-many-deactivations'] },
        forced: true,
        approvedSha256: 'ab'.repeat(32),
        failure: {
          code: 'sftp-auth',
          kind: 'delivery',
          message: 'SFTP refused the key',
          hint: 'Check SFTP_PRIVATE_KEY',
        },
      }),
      { requestedBy: 'U0BOSS', approved: true },
    );
    expectWordsForHr(message);
    const text = blockText(message);
    expect(text).toContain('tripped, released for this exact file, approved by <@U0BOSS>');
    expect(text).toContain('`too-many-deactivations` (1 deactivations)');
    expect(text).toContain(
      '*What stopped the run:* delivering to 360Learning (`sftp-auth`). Nothing was delivered.',
    );
    expect(text).toContain("360Learning's file server refused sync360's login.");
    expect(text).not.toContain('SFTP refused the key');
  });

  describe('delivery through 360Learning API', () => {
    const operations = (status: 'planned' | 'done') => ({
      create: 3,
      restore: 1,
      update: 2,
      delete: 1,
      managers: 4,
      rejected: 1,
      items: [
        { uniqueId: 'E1', operation: 'create' as const, fields: ['mail'], status, error: null },
        {
          uniqueId: 'E2',
          operation: 'delete' as const,
          fields: [],
          status: 'planned' as const,
          error: null,
        },
      ],
    });

    it('a delivery gives created (restored), updated, removed, manager changes and the refusals', () => {
      const text = blockText(
        runSummaryMessage(
          makeReport({
            destination: { kind: '360-api', path: 'https://app.360learning.com' },
            operations: operations('done'),
          }),
        ),
      );
      expect(text).toContain(
        '*360Learning:* 4 created (1 restored), 2 updated, 1 removed, 4 manager changes.',
      );
      expect(text).toContain('1 operation refused by 360Learning');
      expect(text).toContain('360Learning API');
    });

    it('a preview says planned; a failed run says how many were done before it stopped', () => {
      const preview = blockText(
        runSummaryMessage(makeReport({ outcome: 'dry-run', operations: operations('planned') })),
      );
      expect(preview).toContain('*360Learning, planned:* 4 created (1 restored), 2 updated');
      const failed = blockText(
        runSummaryMessage(makeReport({ outcome: 'failed', operations: operations('done') })),
      );
      expect(failed).toContain('1 operation done before it stopped.');
    });

    it('a file delivery has no 360Learning line', () => {
      expect(blockText(runSummaryMessage(makeReport()))).not.toContain('*360Learning');
    });
  });
});
