import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeReminder, makeReport } from './fixtures.js';
import { emailPattern, expectWordsForHr } from './limits.js';
import {
  changeListPages,
  reminderCountsMessage,
  reminderPages,
  runAlertMessage,
  runSummaryMessage,
  threadOutcomeMessage,
  type SlackMessage,
} from '../src/index.js';

const payload = (message: SlackMessage): string => JSON.stringify(message);

const leaky = makeReport({
  outcome: 'failed',
  problems: [
    {
      employeeNumber: 'E1',
      luccaId: '11',
      code: 'duplicate-email',
      severity: 'error',
      field: 'email',
      message: 'Email jane.doe@acme.fr is shared by 2 employees (Jane Doe, John Roe)',
    },
  ],
  reminders: [makeReminder(1, { name: 'Jane Doe' }), makeReminder(2, { name: 'John Roe' })],
  warnings: ['Lucca answered for jane.doe@acme.fr: <html>'],
  failure: {
    code: 'data-errors',
    message: 'Professional email "john.roe@acme.fr" is not valid',
    hint: 'Write to it-support@acme.fr',
  },
});

describe('privacy of the ops channel messages', () => {
  it('never carry a name or an email, whatever the report holds', () => {
    const ops = [
      runSummaryMessage(leaky, { review: { entries: [{ uniqueId: 'E1', kind: 'created' }] } }),
      runAlertMessage(leaky),
      runAlertMessage({
        ...leaky,
        outcome: 'blocked',
        guard: { tripped: true, reasons: ['no-rows'] },
      }),
      threadOutcomeMessage(leaky),
      reminderCountsMessage(leaky.reminders, { hrChannel: null, refused: null }),
      reminderCountsMessage(leaky.reminders, { hrChannel: 'G0HR' }),
    ];
    for (const message of ops) {
      expectWordsForHr(message);
      const text = payload(message);
      expect(text).not.toMatch(emailPattern);
      expect(text).not.toContain('Jane');
      expect(text).not.toContain('Roe');
    }
  });

  it('hide any email-looking word in free text, for any text around it (seeded)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.stringMatching(/^[a-z0-9._-]{1,20}$/),
        fc.stringMatching(/^[a-z0-9-]{1,12}\.[a-z]{2,6}$/),
        fc.string(),
        (before, local, domain, after) => {
          const message = `${before} ${local}@${domain} ${after}`;
          const report = makeReport({
            outcome: 'failed',
            failure: { code: 'c', message, hint: message },
            warnings: [message],
          });
          const names = new Map([['E1', message]]);
          for (const built of [
            runSummaryMessage(report),
            runAlertMessage(report),
            ...reminderPages([makeReminder(1, { name: message, action: message })]),
            ...changeListPages(report, {
              entries: [{ uniqueId: 'E1', kind: 'created' }],
              names,
              approveIn: null,
            }),
          ]) {
            expect(payload(built)).not.toContain(`${local}@${domain}`);
          }
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });

  it('free text from elsewhere never names a variable: a 360Learning fix becomes "sync360’s settings"', () => {
    const refused = makeReminder(1, {
      kind: 'fix-data',
      action:
        '360Learning refused to create this user (HTTP 404 groupNotFound): API360_DEFAULT_GROUP_ID names no 360Learning group',
    });
    for (const page of reminderPages([refused])) {
      expectWordsForHr(page);
      expect(payload(page)).toContain("sync360's settings names no 360Learning group");
    }
  });
});
