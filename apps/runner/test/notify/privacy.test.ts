import type { Reminder, Report } from '@sync360/core';
import { makeReport } from '@sync360/testkit/report-fixtures';
import { startFakeSlack } from '@sync360/testkit/slack-api';
import { checkSlackPayloads, countPrivacyCheck } from '@sync360/testkit/slack-privacy';
import { describe, expect, it } from 'vitest';
import { notifyRemindersToSlack, notifyRunToSlack } from '../../src/notify/slack-notify.js';

const emailPattern = /[^\s<>@"'`,;:()[\]|]+@[^\s<>@"'`,;:()[\]|]+\.[a-z]{2,}/i;
const people = ['Zélie Martin-Dupont', 'Octave Lenoir', 'Reine Bastide'];

const leaky = (outcome: Report['outcome']): Report =>
  makeReport({
    outcome,
    destination: null,
    guard: {
      tripped: outcome === 'blocked',
      reasons: outcome === 'blocked' ? ['too-few-rows'] : [],
    },
    changeList: [
      { uniqueId: 'E1', luccaId: '1', kind: 'created', fields: [] },
      { uniqueId: 'E2', luccaId: '2', kind: 'deactivated', fields: ['status'] },
      { uniqueId: 'E3', luccaId: '3', kind: 'reactivated', fields: ['status'] },
    ],
    problems: [
      {
        employeeNumber: 'E1',
        luccaId: '1',
        code: 'duplicate-email',
        severity: 'error',
        field: 'email',
        message: `Email zelie.martin@acme.fr is shared by 2 employees (${people.join(', ')})`,
      },
    ],
    reminders: people.map((name, i): Reminder => ({
      luccaId: String(i),
      employeeNumber: `E${String(i)}`,
      name,
      kind: 'offboarding',
      dueSince: '2026-03-01',
      daysOverdue: 2,
      action: 'Set the 360 status to Inactive.',
    })),
    warnings: ['Lucca answered 500 for octave.lenoir@acme.fr'],
    failure:
      outcome === 'failed'
        ? {
            code: 'x',
            message: 'Professional email "reine@acme.fr" is not valid',
            hint: 'ask hr@acme.fr',
          }
        : null,
  });

describe('privacy of everything the runner posts', () => {
  it('no email in any payload; names only in the private HR channel', async () => {
    const slack = await startFakeSlack({ channels: { G0HR: { private: true } } });
    try {
      const settings = { token: 'xoxb-t', channel: 'C0OPS', hrChannel: 'G0HR', apiUrl: slack.url };
      const names = new Map([
        ['E1', `${people[0] ?? ''} zelie.martin@acme.fr`],
        ['E2', people[1] ?? ''],
        ['E3', people[2] ?? ''],
      ]);
      for (const outcome of ['delivered', 'dry-run', 'blocked', 'failed'] as const) {
        const thread = `C0OPS:${slack.seedMessage('C0OPS')}`;
        for (const context of [
          { thread: null, approved: false },
          { thread, approved: false },
          { thread, approved: true },
        ]) {
          await notifyRunToSlack({ ...settings, thread: context.thread }, leaky(outcome), {
            runUrl: null,
            names,
            approved: context.approved,
          });
        }
      }
      await notifyRemindersToSlack(settings, leaky('delivered').reminders);
      await notifyRemindersToSlack({ ...settings, hrChannel: null }, leaky('delivered').reminders);

      expect(slack.calls.length).toBeGreaterThan(20);
      let namedInHr = 0;
      for (const call of slack.calls) {
        const payload = JSON.stringify(call.body);
        expect(payload).not.toMatch(emailPattern);
        const named = people.some((name) => payload.includes(name));
        if (named) {
          expect(call.body.channel).toBe('G0HR');
          namedInHr += 1;
        }
      }
      expect(namedInHr).toBeGreaterThan(0);
      const verdict = checkSlackPayloads(slack.payloads(), {
        opsChannels: ['C0OPS'],
        names: people,
      });
      expect(verdict.problems).toEqual([]);
      expect(verdict.ops).toBeGreaterThan(10);
      process.stdout.write(`${countPrivacyCheck(verdict)}\n`);
    } finally {
      await slack.close();
    }
  });
});
