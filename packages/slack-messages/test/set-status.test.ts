import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { makeReminder, makeReminders } from './fixtures.js';
import { blockText, emailPattern, expectWithinLimits } from './limits.js';
import {
  homeView,
  reminderPages,
  statusButtonsOffText,
  statusNoteMessage,
  statusSetBlockId,
  statusAuditText,
  statusSetLine,
  type StatusSetNote,
} from '../src/index.js';

const buttonsOf = (blocks: ReadonlyArray<KnownBlock>) =>
  blocks.flatMap((block) =>
    block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory] : [],
  );

describe('Set-status buttons', () => {
  it('one per onboarding (Active) and offboarding (Inactive) line, none on fix-data, within limits', () => {
    const reminders = makeReminders(500);
    const pages = reminderPages(reminders, { statusButtons: true });
    pages.forEach(expectWithinLimits);
    const buttons = pages.flatMap((page) => buttonsOf(page.blocks));
    const expected = reminders.filter((r) => r.kind !== 'fix-data');
    expect(buttons).toHaveLength(expected.length);
    const values: unknown[] = buttons.map((button): unknown => JSON.parse(button.value ?? ''));
    for (const reminder of expected) {
      expect(values).toContainEqual({
        luccaId: reminder.luccaId,
        status: reminder.kind === 'onboarding' ? 'Active' : 'Inactive',
      });
    }
    expect(new Set(buttons.map((button) => button.action_id))).toEqual(
      new Set(['sync360_set_status']),
    );
    expect(buttonsOf(reminderPages(reminders).flatMap((page) => page.blocks))).toHaveLength(0);
  });

  it('the confirm dialog names the person and the status, never an email', () => {
    const buttonOf = (reminder: ReturnType<typeof makeReminder>) =>
      buttonsOf(reminderPages([reminder], { statusButtons: true })[0]?.blocks ?? [])[0] ?? null;
    const button = buttonOf(
      makeReminder(2, {
        kind: 'offboarding',
        name: 'Jane Doe jane.doe@acme.fr',
        employeeNumber: 'E7',
      }),
    );
    expect(button?.confirm?.title?.text).toBe('Set the 360 status to Inactive?');
    expect(button?.confirm?.text.text).toContain('Jane Doe [email hidden] (#E7) will be Inactive');
    expect(JSON.stringify(button)).not.toMatch(emailPattern);
    expect(buttonOf(makeReminder(3, { kind: 'onboarding', luccaId: null }))).toBeNull();
    expect(buttonOf(makeReminder(4, { kind: 'fix-data' }))).toBeNull();
  });

  it('the done line and the audit line escape names and say who, what and when', () => {
    const note: StatusSetNote = {
      status: 'Active',
      userId: 'U0CAM',
      time: '10:42',
      outcome: 'done',
    };
    const line = statusSetLine('• <!channel> · #E1', note);
    expect(line).toContain('&lt;!channel&gt;');
    expect(line).toContain('set to Active by <@U0CAM> at 10:42');
    const audit = statusAuditText({
      userId: 'U0CAM',
      status: 'Inactive',
      luccaId: '1001',
      name: 'Anne <b>',
      employeeNumber: 'E1',
      previousLabel: 'Actif',
      time: '10:42',
    });
    expect(audit).toContain('<@U0CAM> set the 360 status of Anne &lt;b&gt; (#E1) to Inactive');
    expect(audit).toContain('was "Actif"');
    // Without an employee number the line says so: never a Lucca id alone.
    const cold = statusAuditText({
      userId: 'U0CAM',
      status: 'Active',
      luccaId: '425',
      name: 'Léa Petit',
      employeeNumber: null,
      previousLabel: null,
      time: '10:42',
    });
    expect(cold).toContain('Léa Petit (no employee number)');
    expect(cold).not.toContain('Lucca id');
  });

  it('a rebuilt ephemeral list shows the clicked line as done, without its button; a stale click says already done', () => {
    const reminders = makeReminders(6);
    const clicked = reminders.find((item) => item.kind === 'onboarding');
    const note: StatusSetNote = {
      status: 'Active',
      userId: 'U0CAM',
      time: '10:42',
      outcome: 'done',
    };
    const pages = reminderPages(reminders, {
      statusButtons: true,
      done: new Map([[clicked?.luccaId ?? '', note]]),
    });
    const text = JSON.stringify(pages);
    expect(text).toContain(statusSetBlockId(clicked?.luccaId ?? ''));
    expect(text).toContain('set to Active by <@U0CAM> at 10:42');
    expect(text).not.toContain(
      JSON.stringify({ luccaId: clicked?.luccaId, status: 'Active' }).replace(/"/g, '\\"'),
    );
    const stale = statusNoteMessage(
      { luccaId: '1', name: 'Anne', employeeNumber: 'E1' },
      { ...note, outcome: 'already-done' },
    );
    expect(stale.text).toContain('Anne (#E1)');
    expect(stale.text).toContain('already done');
  });
});

describe('App Home', () => {
  it('allowed users: the most overdue tasks with buttons, within 100 blocks, and how many more', () => {
    const view = homeView({
      runs: [],
      reminders: makeReminders(400),
      access: { allowed: true, buttonsOff: null },
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.length).toBeGreaterThan(50);
    const text = blockText({ text: 'x', blocks: view.blocks });
    expect(text).toMatch(/Showing the \d+ most overdue tasks of 400/);
    expect(buttonsOf(view.blocks).length).toBeGreaterThan(30);
  });

  it('says how to enable the buttons when they are off', () => {
    const view = homeView({
      runs: [],
      reminders: makeReminders(4),
      access: { allowed: true, buttonsOff: statusButtonsOffText },
    });
    expect(buttonsOf(view.blocks)).toHaveLength(0);
    expect(blockText({ text: 'x', blocks: view.blocks })).toContain(
      "an admin must change sync360's settings",
    );
  });

  it('others: a count and whom to ask, no name, no button', () => {
    const view = homeView({
      runs: [],
      reminders: makeReminders(4),
      access: { allowed: false, userId: 'U0NEW', allowedUserIds: ['U0CAM'] },
    });
    const text = blockText({ text: 'x', blocks: view.blocks });
    expect(text).toContain('4 employees waiting');
    expect(text).toContain('<@U0CAM>');
    expect(text).toContain('`U0NEW`');
    expect(text).toContain("an admin must change sync360's settings");
    expect(text).not.toMatch(/SLACK_/);
    expect(text).not.toContain('Person');
    expect(buttonsOf(view.blocks)).toHaveLength(0);
  });
});
