import { describe, expect, it } from 'vitest';
import { makeReport } from './fixtures.js';
import { blockText, expectWithinLimits } from './limits.js';
import { needsAlert, runAlertMessage } from '../src/index.js';

describe('runAlertMessage', () => {
  it('is loud about a blocked run and says what to do', () => {
    const report = makeReport({
      outcome: 'blocked',
      destination: null,
      guard: { tripped: true, reasons: ['too-many-deactivations', 'too-few-rows'] },
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
    const message = runAlertMessage(report, {
      runUrl: 'https://github.com/acme/hr/actions/runs/7',
    });
    expectWithinLimits(message);
    const text = blockText(message);
    expect(text).toContain(':rotating_light: sync360 BLOCKED');
    expect(text).toContain('(80 deactivations)');
    expect(text).toContain('`--force`');
    expect(text).toContain('`too-few-rows`');
    expect(text).toContain('Open the run on GitHub');
    expect(message.text).toContain('BLOCKED');
    expect(message.text).toContain('too-many-deactivations, too-few-rows');
  });

  it('gives the failure reason and hint of a failed report', () => {
    const message = runAlertMessage(
      makeReport({
        outcome: 'failed',
        failure: {
          code: 'lucca-auth',
          message: 'Lucca said 401 <unauthorized>',
          hint: 'Renew LUCCA_API_KEY',
        },
      }),
    );
    const text = blockText(message);
    expect(text).toContain('FAILED');
    expect(text).toContain('`lucca-auth`');
    expect(text).toContain('Lucca said 401 &lt;unauthorized&gt;');
    expect(text).toContain('Renew LUCCA_API_KEY');
    expect(message.text).toContain('Lucca said 401 &lt;unauthorized&gt;');
  });

  it('accepts a bare failure when there is no report', () => {
    const message = runAlertMessage({ code: 'internal', message: 'Crashed', hint: 'Open the log' });
    expectWithinLimits(message);
    expect(blockText(message)).toContain('Crashed');
    expect(blockText(message)).toContain('Open the log');
  });

  it('warns that a preview would be blocked tonight', () => {
    const report = makeReport({
      outcome: 'dry-run',
      guard: { tripped: true, reasons: ['no-rows'] },
    });
    expect(needsAlert(report)).toBe(false);
    expect(blockText(runAlertMessage(report))).toContain('would be BLOCKED');
  });
});
