import type { SectionBlock } from '@slack/types';
import type { Reminder, ReminderKind } from '@sync360/core';
import { plainSectionBlock, sectionBlock } from './blocks.js';
import { safePlain } from './escape.js';
import { plural } from './format.js';
import { setStatusButton } from './set-status.js';

interface KindLabel {
  readonly emoji: string;
  readonly title: string;
  readonly todo: string;
}

const kindLabels: Readonly<Record<ReminderKind, KindLabel>> = {
  onboarding: {
    emoji: ':wave:',
    title: 'Onboarding',
    todo: 'set the 360 status to Active in Lucca',
  },
  offboarding: {
    emoji: ':door:',
    title: 'Offboarding',
    todo: 'contract ended: set the 360 status to Inactive in Lucca',
  },
  'fix-data': {
    emoji: ':wrench:',
    title: 'Fix data',
    todo: 'fix the data in Lucca so the employee can be exported',
  },
};

export const reminderKinds: ReadonlyArray<ReminderKind> = ['onboarding', 'offboarding', 'fix-data'];

/** `3 onboarding, 2 offboarding`: the non-zero counts by kind, in kind order. */
export const countsByKind = (reminders: ReadonlyArray<Pick<Reminder, 'kind'>>): string =>
  reminderKinds
    .map((kind) => ({ kind, count: reminders.filter((item) => item.kind === kind).length }))
    .filter((item) => item.count > 0)
    .map((item) => `${item.count} ${kindLabels[item.kind].title.toLowerCase()}`)
    .join(', ');

/** Longest name shown; longer names are clipped (the employee number still identifies them). */
const maxNameChars = 200;

const nameOf = (reminder: Reminder): string => {
  const name = safePlain(reminder.name, maxNameChars);
  return name === '' ? '(no name)' : name;
};

const idOf = (reminder: Reminder): string =>
  reminder.employeeNumber !== null && reminder.employeeNumber.trim() !== ''
    ? `#${safePlain(reminder.employeeNumber, 60)}`
    : reminder.luccaId !== null
      ? `no employee number, Lucca id ${safePlain(reminder.luccaId, 60)}`
      : 'no employee number';

const dueOf = (reminder: Reminder): string => {
  const since = safePlain(reminder.dueSince, 20);
  if (reminder.daysOverdue > 0)
    return `since ${since} (${plural(reminder.daysOverdue, 'day')} overdue)`;
  if (reminder.daysOverdue === 0) return `due today (${since})`;
  return `due ${since} (in ${plural(-reminder.daysOverdue, 'day')})`;
};

/**
 * One reminder as its own plain-text section (names show exactly as typed): name, employee
 * number, how overdue, what to do; with `statusButton`, its Set-status button as the accessory.
 */
export const reminderBlock = (reminder: Reminder, statusButton = false): SectionBlock => {
  const block = plainSectionBlock(
    `• ${nameOf(reminder)} · ${idOf(reminder)} · ${dueOf(reminder)} · ${safePlain(reminder.action, 300)}`,
  );
  const button = statusButton ? setStatusButton(reminder) : null;
  return button === null ? block : { ...block, accessory: button };
};

export const groupHeading = (kind: ReminderKind, count: number): SectionBlock => {
  const label = kindLabels[kind];
  return sectionBlock(`${label.emoji} *${label.title}* (${count}): ${label.todo}`);
};

export const continuedHeading = (kind: ReminderKind): SectionBlock =>
  sectionBlock(`${kindLabels[kind].emoji} *${kindLabels[kind].title}* (continued)`);
