import { describe, expect, it } from 'vitest';
import { runSummaryMessage } from '../src/index.js';
import { makeReport } from './fixtures.js';
import { blockText } from './limits.js';

describe("the run summary's footer", () => {
  it('names the version of sync360 that wrote the report', () => {
    const text = blockText(runSummaryMessage(makeReport({ sync360Version: '1.4.2' }), {}));
    expect(text).toContain('sync360 1.4.2');
  });
  it('says nothing of a version when an older report has none', () => {
    expect(blockText(runSummaryMessage(makeReport(), {}))).not.toMatch(/sync360 \d/);
  });
});
