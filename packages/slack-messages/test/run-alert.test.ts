import { describe, expect, it } from 'vitest';
import { makeReport } from './fixtures.js';
import { blockText, expectWithinLimits, expectWordsForHr } from './limits.js';
import { needsAlert, runAlertMessage, runSummaryMessage } from '../src/index.js';

const runUrl = 'https://github.com/acme/hr/actions/runs/7';

describe('runAlertMessage', () => {
  it('is one loud message for a blocked run: counts, reasons, what to do, no flag or variable', () => {
    const report = makeReport({
      outcome: 'blocked',
      destination: null,
      guard: { tripped: true, reasons: ['too-many-deactivations', 'too-few-rows', 'no-rows'] },
      changes: {
        created: 0,
        updated: 0,
        deactivated: 80,
        reactivated: 0,
        dropped: 0,
        unchanged: 10,
      },
    });
    expect(needsAlert(report)).toBe(true);
    const message = runAlertMessage(report, { runUrl });
    expectWithinLimits(message);
    expectWordsForHr(message);
    const text = blockText(message);
    expect(text).toContain(':rotating_light: sync360 BLOCKED');
    expect(text).toContain('230 Active, 10 Inactive');
    expect(text).toContain('(80 deactivations)');
    expect(text).toContain('approve this file');
    expect(text).toContain('`too-few-rows`');
    expect(text).toContain('View the run on GitHub');
    expect(message.text).toContain('BLOCKED');
    expect(message.text).toContain('too-many-deactivations, too-few-rows');
  });

  it('gives the stage, our code and the HTTP status of a failure, never its outside text', () => {
    const message = runAlertMessage(
      makeReport({
        outcome: 'failed',
        file: null,
        failure: {
          code: 'lucca-http-error',
          kind: 'source',
          status: 400,
          message:
            'Lucca refused the request: HTTP 400 "{\\"Message\\":\\"Invalid filter near mail=camille.blanc@exemple.fr for user Camille Blanc\\"}"',
          hint: 'check LUCCA_BASE_URL',
        },
      }),
      { runUrl },
    );
    expectWordsForHr(message);
    const text = blockText(message);
    expect(text).toContain('FAILED');
    expect(text).toContain('reading Lucca (`lucca-http-error`, HTTP 400). Nothing was delivered.');
    expect(text).toContain("An admin must change sync360's settings");
    expect(text).toContain(`<${runUrl}|the run log>`);
    expect(text).not.toContain('Camille');
    expect(text).not.toContain('Invalid filter');
    expect(message.text).toContain('reading Lucca (lucca-http-error)');
  });

  it('says "not reached" for what a run that stopped before reading Lucca cannot know', () => {
    const report = makeReport({
      outcome: 'failed',
      file: null,
      changes: null,
      reminders: [],
      source: { kind: 'lucca-api', employees: 0 },
      failure: { code: 'lucca-server-error', kind: 'source', status: 500, message: 'x', hint: 'y' },
    });
    const text = blockText(runAlertMessage(report));
    expect(text).toContain('employees: _not reached_');
    expect(text).toContain('*Changes:* _not reached_');
    expect(text).toContain('*Reminders:* _not reached_');
    expect(text).toContain('stopped the run:* reading Lucca');
    expect(text).toContain('Nothing was delivered.');
    expect(text).not.toContain('0 employees');
    expect(text).not.toContain('no baseline');
    expect(text).not.toContain('every 360 status is set');
    const settings = blockText(
      runAlertMessage({
        ...report,
        source: null,
        failure: {
          code: 'config-invalid',
          kind: 'config',
          message: 'SFTP_HOST bad',
          hint: 'set SFTP_HOST',
        },
      }),
    );
    expect(settings).toContain('checking sync360’s settings (`config-invalid`)');
    expect(settings).toContain("An admin must change sync360's settings");
  });

  it('tells the truth about tonight in a preview: blocked until approved, or delivered without', () => {
    const tripped = makeReport({
      outcome: 'dry-run',
      guard: { tripped: true, reasons: ['no-rows'] },
    });
    expect(needsAlert(tripped)).toBe(false);
    expect(blockText(runSummaryMessage(tripped))).toContain(
      'tonight’s run will be blocked until someone approves',
    );
    const passing = makeReport({ outcome: 'dry-run' });
    expect(blockText(runSummaryMessage(passing))).toContain(
      'tonight’s run will deliver these changes without approval',
    );
  });
});
