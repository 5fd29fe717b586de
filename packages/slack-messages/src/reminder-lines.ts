import type { Reminder, ReminderKind } from '@sync360/core';
import { clipMrkdwn, escapeMrkdwn, safeMrkdwn } from './escape.js';
import { plural } from './format.js';

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

export const kindTitle = (kind: ReminderKind): string => kindLabels[kind].title;

/** Longest name shown; longer names are clipped (the employee number still identifies them). */
const maxNameChars = 200;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const nameOf = (reminder: Reminder): string => {
  const name = oneLine(reminder.name);
  return name === '' ? '_(no name)_' : `*${safeMrkdwn(name, maxNameChars)}*`;
};

const idOf = (reminder: Reminder): string =>
  reminder.employeeNumber !== null && reminder.employeeNumber !== ''
    ? `#${safeMrkdwn(oneLine(reminder.employeeNumber), 60)}`
    : reminder.luccaId !== null
      ? `no employee number, Lucca id ${safeMrkdwn(oneLine(reminder.luccaId), 60)}`
      : 'no employee number';

const dueOf = (reminder: Reminder): string => {
  const since = escapeMrkdwn(reminder.dueSince);
  if (reminder.daysOverdue > 0)
    return `since ${since} (${plural(reminder.daysOverdue, 'day')} overdue)`;
  if (reminder.daysOverdue === 0) return `due today (${since})`;
  return `due ${since} (in ${plural(-reminder.daysOverdue, 'day')})`;
};

/** One bullet: name, employee number, how overdue, what to do; mrkdwn, at most `max` chars. */
export const reminderLine = (reminder: Reminder, max: number): string =>
  clipMrkdwn(
    `• ${nameOf(reminder)} · ${idOf(reminder)} · ${dueOf(reminder)} · ${safeMrkdwn(oneLine(reminder.action), 300)}`,
    max,
  );

export const groupHeading = (kind: ReminderKind, count: number): string => {
  const label = kindLabels[kind];
  return `${label.emoji} *${label.title}* (${count}): ${label.todo}`;
};

export const continuedHeading = (kind: ReminderKind): string =>
  `${kindLabels[kind].emoji} *${kindLabels[kind].title}* (continued)`;
