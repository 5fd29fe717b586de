import type { Report } from '@sync360/core';
import { makeReport } from '@sync360/testkit/report-fixtures';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '@sync360/testkit/slack-api';
import { checkSlackPayloads, countPrivacyCheck } from '@sync360/testkit/slack-privacy';
import { afterAll, afterEach } from 'vitest';
import type { SlackNotifySettings } from '../../src/notify/slack-client.js';

export const report = (overrides: Partial<Report> = {}): Report =>
  makeReport({
    source: { kind: 'lucca-api', employees: 3 },
    file: { name: 'users.csv', rows: 3, bytes: 200, sha256: 'ab'.repeat(32) },
    destination: { kind: 'sftp', path: 'users.csv' },
    counts: { active: 3, inactive: 0, notExported: 0, errors: 0, warnings: 0 },
    changes: null,
    ...overrides,
  });

export const blockedReport = (): Report =>
  report({
    outcome: 'blocked',
    destination: null,
    guard: { tripped: true, reasons: ['too-many-deactivations'] },
    changes: { created: 1, updated: 0, deactivated: 60, reactivated: 0, dropped: 0, unchanged: 2 },
    changeList: [
      { uniqueId: 'N0', luccaId: '100', kind: 'created', fields: [] },
      ...Array.from({ length: 60 }, (_, i) => ({
        uniqueId: `L${String(i)}`,
        luccaId: String(200 + i),
        kind: 'deactivated' as const,
        fields: ['status'],
      })),
    ],
  });

export const token = 'xoxb-test-secret-token';
export const plain = { runUrl: null, names: new Map<string, string>(), approved: false };

interface StartedSlack {
  slack: FakeSlack;
  settings: SlackNotifySettings;
}

/** The ops channel of these tests: it may be public, so no name may reach it. */
export const opsChannel = 'C0SYNC';

let privacyLine = '';
afterAll(() => {
  if (privacyLine !== '') process.stdout.write(`${privacyLine}\n`);
});

/**
 * One fake Slack at a time for the tests of a describe block, closed after each test;
 * `stop` closes it early, to test an unreachable Slack. Closing checks every payload it received
 * (SPEC §10: no email, no `names` in the ops channel, no variable, flag or outside answer).
 */
export const useFakeSlack = (
  names: ReadonlyArray<string> = [],
): {
  start: (options?: FakeSlackOptions) => Promise<StartedSlack>;
  stop: () => Promise<void>;
} => {
  let slack: FakeSlack | null = null;
  const stop = async (): Promise<void> => {
    const closing = slack;
    slack = null;
    if (closing === null) return;
    await closing.close();
    const verdict = checkSlackPayloads(closing.payloads(), { opsChannels: [opsChannel], names });
    privacyLine = countPrivacyCheck(verdict);
    if (verdict.problems.length > 0) throw new Error(verdict.problems.join('\n'));
  };
  const start = async (options: FakeSlackOptions = {}): Promise<StartedSlack> => {
    await stop();
    slack = await startFakeSlack({ token, ...options });
    return { slack, settings: { token, channel: opsChannel, apiUrl: slack.url } };
  };
  afterEach(stop);
  return { start, stop };
};
