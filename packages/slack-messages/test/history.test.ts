import type { Report } from '@sync360/core';
import { makeReport } from '@sync360/testkit/report-fixtures';
import { describe, expect, it } from 'vitest';
import { historyCountsMessage, historyReviewPages } from '../src/index.js';
import { blockText, emailPattern, expectWithinLimits } from './limits.js';

const sha = '0a'.repeat(32);

const heldReport = (count: number, outcome: Report['outcome'] = 'blocked'): Report =>
  makeReport({
    outcome,
    file: null,
    destination: null,
    history: {
      window: { from: '2026-10-25T23:00:00.000Z', until: '2026-11-24T23:00:00.000Z' },
      read: count,
      matched: count,
      withoutMail: 0,
      planned: count,
      recorded: outcome === 'delivered' ? count : 0,
      skippedExisting: 3,
      created: 0,
      warnings: [],
      planSha256: sha,
      items: Array.from({ length: count }, (_, index) => ({
        luccaId: String(index + 1),
        employeeNumber: `E${String(index + 1)}`,
        title: `Formation sécurité niveau ${String(index % 7)} — ${'x'.repeat(index % 3 === 0 ? 240 : index % 40)}`,
        sessionEndsOn: '2026-11-10',
        create: index % 5 === 0,
      })),
    },
  });

const names = (count: number): Map<string, string> =>
  new Map(
    Array.from({ length: count }, (_, index) => [String(index + 1), `Ana Lopez-${String(index)}`]),
  );

describe('learning history in Slack', () => {
  it('says "N trainings recorded in Lucca" in the ops channel, with no name or title', () => {
    const message = historyCountsMessage(heldReport(12, 'delivered'), {
      runUrl: 'https://github.com/acme/sync360/actions/runs/1',
      reviewInHrChannel: false,
    });
    const text = blockText(message);
    expect(text).toContain('12 trainings recorded in Lucca');
    expect(text).toContain('3 already in Lucca');
    expect(text).not.toMatch(/Ana|Formation|E1\b/);
    expectWithinLimits(message);
  });

  it('a held plan: counts in the ops channel, pointing at the HR channel only when the list went there', () => {
    const there = blockText(
      historyCountsMessage(heldReport(4), { runUrl: null, reviewInHrChannel: true }),
    );
    expect(there).toContain('4 trainings to record in Lucca wait for a review');
    expect(there).toContain('HR channel');
    const nowhere = blockText(
      historyCountsMessage(heldReport(4), { runUrl: null, reviewInHrChannel: false }),
    );
    expect(nowhere).not.toContain('HR channel');
    expect(nowhere).not.toMatch(/SYNC360_|--approve|LUCCA_/);
  });

  it('pages a long held list within Block Kit limits, one Approve carrying the plan sha', () => {
    const pages = historyReviewPages(heldReport(1200), names(1200));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expectWithinLimits(page);
      expect(blockText(page)).not.toMatch(emailPattern);
    }
    const buttons = pages.flatMap((page) =>
      page.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])),
    );
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toMatchObject({ action_id: 'sync360_approve_history', value: sha });
    const all = pages.map(blockText).join('\n');
    expect(all).toContain('Ana Lopez-0 (E1)');
    expect(all).toContain('Ana Lopez-1199 (E1200)');
  });

  it('a failed run names the stage and the code, and what was written before it stopped', () => {
    const held = heldReport(4).history;
    if (held === null || held === undefined) throw new Error('no history in the fixture');
    const failed = (recorded: number): Report => ({
      ...heldReport(4, 'failed'),
      failure: { code: 'lucca-server-error', message: 'Lucca said: {"secret":"x"}', hint: 'h' },
      history: { ...held, recorded },
    });
    const none = blockText(
      historyCountsMessage(failed(0), { runUrl: null, reviewInHrChannel: false }),
    );
    expect(none).toContain('Lucca could not be read or written');
    expect(none).toContain('lucca-server-error');
    expect(none).toContain('Nothing was written to Lucca');
    expect(none).not.toContain('secret');
    const some = blockText(
      historyCountsMessage(failed(2), { runUrl: null, reviewInHrChannel: false }),
    );
    expect(some).toContain('2 trainings recorded in Lucca before it stopped');
    expect(some).not.toContain('white_check_mark');
  });

  it('an approval of a list that is no longer saved says so, and that nothing was written', () => {
    const report = makeReport({
      outcome: 'blocked',
      file: null,
      destination: null,
      history: null,
      failure: { code: 'history-approval-mismatch', message: 'm', hint: 'h' },
    });
    const text = blockText(
      historyCountsMessage(report, { runUrl: null, reviewInHrChannel: false }),
    );
    expect(text).toContain('nothing was written to Lucca');
    expect(text).not.toMatch(/--approve|SYNC360_/);
  });

  it('posts no list for a run that is not held', () => {
    expect(historyReviewPages(heldReport(3, 'delivered'), names(3))).toEqual([]);
    expect(historyReviewPages(heldReport(3, 'dry-run'), names(3))).toEqual([]);
  });
});
