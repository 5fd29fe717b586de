import type { Button } from '@slack/types';
import type { Reminder, UserStatus } from '@sync360/core';
import { sectionBlock, type SlackMessage } from './blocks.js';
import { escapeMrkdwn, safePlain, userMention } from './text.js';

/** The action id of the Set-status buttons (contract: the bot listens for it). */
export const setStatusActionId = 'sync360_set_status';

/** The status a reminder's button sets: onboarding -> Active, offboarding -> Inactive. */
const wantedStatus = (reminder: Reminder): UserStatus | null =>
  reminder.kind === 'onboarding' ? 'Active' : reminder.kind === 'offboarding' ? 'Inactive' : null;

/** The button's value: `{"luccaId":"<id>","status":"Active"|"Inactive"}`. */
const setStatusValue = (luccaId: string, status: UserStatus): string =>
  JSON.stringify({ luccaId, status });

/**
 * "Set Active" on an onboarding line, "Set Inactive" on an offboarding line, with a dialog naming
 * the person and the status; null for other lines and for people without a Lucca id.
 */
export const setStatusButton = (reminder: Reminder): Button | null => {
  const status = wantedStatus(reminder);
  if (status === null || reminder.luccaId === null || reminder.luccaId.trim() === '') return null;
  const name = safePlain(reminder.name, 120) || `Lucca user ${safePlain(reminder.luccaId, 40)}`;
  const number =
    reminder.employeeNumber === null || reminder.employeeNumber.trim() === ''
      ? ''
      : ` (#${safePlain(reminder.employeeNumber, 40)})`;
  return {
    type: 'button',
    action_id: setStatusActionId,
    text: { type: 'plain_text', text: `Set ${status}` },
    ...(status === 'Active' ? { style: 'primary' } : {}),
    value: setStatusValue(reminder.luccaId, status),
    confirm: {
      title: { type: 'plain_text', text: `Set the 360 status to ${status}?` },
      text: {
        type: 'plain_text',
        text: `${name}${number} will be ${status} in Lucca. Tonight's sync then ${status === 'Active' ? 'gives them access to' : 'removes their access to'} 360Learning.`,
      },
      confirm: { type: 'plain_text', text: `Set ${status}` },
      deny: { type: 'plain_text', text: 'Cancel' },
    },
  };
};

/** What was done, for the line it replaces. */
export interface StatusSetNote {
  readonly status: UserStatus;
  readonly userId: string;
  /** `10:42`, already in the bot's time zone. */
  readonly time: string;
  /** `done`: written and confirmed; `already-done`: someone had done it, nothing written. */
  readonly outcome: 'done' | 'already-done';
}

const noteText = (note: StatusSetNote): string =>
  note.outcome === 'done'
    ? `:white_check_mark: set to ${note.status} by ${userMention(note.userId)} at ${escapeMrkdwn(note.time)}`
    : `:ballot_box_with_check: already done: Lucca already showed ${note.status} when ${userMention(note.userId)} clicked at ${escapeMrkdwn(note.time)}, nothing written`;

/** The fallback text of a message whose line a click changed. */
export const statusSetFallback = (note: StatusSetNote): string =>
  `${note.outcome === 'done' ? 'Set' : 'Already'} ${note.status} by ${userMention(note.userId)}`;

/** A reminder line's text with the outcome after it, as mrkdwn (the mention must render). */
export const statusSetLine = (lineText: string, note: StatusSetNote): string =>
  `${escapeMrkdwn(lineText)}\n${noteText(note)}`;

/** Who a line or an audit names: their name and employee number, as Lucca has them. */
export interface StatusPerson {
  /** Lucca's "First Last"; only where names may go. */
  readonly name: string | null;
  readonly employeeNumber: string | null;
  readonly luccaId: string;
}

/** `Camille Martin (#E00001)`: a name and employee number, never a Lucca id alone. */
const personText = (person: StatusPerson): string => {
  const name = safePlain(person.name ?? '', 200);
  const number =
    person.employeeNumber === null || person.employeeNumber.trim() === ''
      ? 'no employee number'
      : `#${safePlain(person.employeeNumber, 40)}`;
  return name === ''
    ? `a person with no name in Lucca (${number}, Lucca id ${safePlain(person.luccaId, 40)})`
    : `${name} (${number})`;
};

/** The answer to a click whose line cannot be shown again: the person and what was done. */
export const statusNoteMessage = (person: StatusPerson, note: StatusSetNote): SlackMessage => {
  const text = statusSetLine(personText(person), note);
  return { text, blocks: [sectionBlock(text)] };
};

/** What one click changed, for the audit line. */
export interface StatusAudit extends StatusPerson {
  readonly userId: string;
  readonly status: UserStatus;
  readonly previousLabel: string | null;
  readonly time: string;
}

/** One line: who set whose status to what, when, and what it was before. Carries a name. */
export const statusAuditText = (audit: StatusAudit): string => {
  const before =
    audit.previousLabel === null ? 'no status' : `"${safePlain(audit.previousLabel, 60)}"`;
  return `:pencil2: ${userMention(audit.userId)} set the 360 status of ${escapeMrkdwn(personText(audit))} to ${audit.status} in Lucca at ${escapeMrkdwn(audit.time)} (was ${escapeMrkdwn(before)}). Tonight's sync applies it.`;
};
