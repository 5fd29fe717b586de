import type { KnownBlock, SectionBlock } from '@slack/types';
import { type Reminder, type ReminderKind, compareReminders } from '@sync360/core';
import {
  type BlockGroup,
  type SlackMessage,
  contextBlock,
  headerBlock,
  paginateGroups,
  plainSectionBlock,
  sectionBlock,
  slackLimits,
} from './blocks.js';
import { setStatusButton, statusSetLine, type StatusSetNote } from './set-status.js';
import { channelMention, escapeMrkdwn, plural, safePlain } from './text.js';

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

const reminderKinds: ReadonlyArray<ReminderKind> = ['onboarding', 'offboarding', 'fix-data'];

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

const lineText = (reminder: Reminder): string =>
  `• ${nameOf(reminder)} · ${idOf(reminder)} · ${dueOf(reminder)} · ${safePlain(reminder.action, 300)}`;

/** The block id of a line a click turned into what was done, so the bot finds its page. */
export const statusSetBlockId = (luccaId: string): string => `status-set-${luccaId}`;

/**
 * One reminder as its own plain-text section (names show exactly as typed): name, employee
 * number, how overdue, what to do; with `statusButton`, its Set-status button as the accessory;
 * with `done`, the line followed by who set the status (no button).
 */
const reminderBlock = (
  reminder: Reminder,
  statusButton: boolean,
  done: StatusSetNote | undefined,
): SectionBlock => {
  if (done !== undefined && reminder.luccaId !== null && reminder.kind !== 'fix-data')
    return {
      ...sectionBlock(statusSetLine(lineText(reminder), done)),
      block_id: statusSetBlockId(reminder.luccaId),
    };
  const block = plainSectionBlock(lineText(reminder));
  const button = statusButton ? setStatusButton(reminder) : null;
  return button === null ? block : { ...block, accessory: button };
};

const groupHeading = (kind: ReminderKind, count: number): SectionBlock => {
  const label = kindLabels[kind];
  return sectionBlock(`${label.emoji} *${label.title}* (${count}): ${label.todo}`);
};

const continuedHeading = (kind: ReminderKind): SectionBlock =>
  sectionBlock(`${kindLabels[kind].emoji} *${kindLabels[kind].title}* (continued)`);

export interface ReminderPagesOptions {
  /** Page title; default `Pending 360 tasks`. */
  readonly title?: string;
  /** Extra context line on each page (e.g. "Only you can see this"). */
  readonly note?: string;
  /** Blocks per page, header and footer included; default Slack's 50. */
  readonly maxBlocks?: number;
  /** Set-status buttons on onboarding and offboarding lines (the bot has the write key). */
  readonly statusButtons?: boolean;
  /** Lines a click just settled, by Lucca id: shown with who did what instead of a button. */
  readonly done?: ReadonlyMap<string, StatusSetNote>;
}

/** Room kept on every page for its header, footer and fallback text. */
const reservedChars = 800;

const emptyPage = (title: string): SlackMessage => ({
  text: `${title}: none. Every 360 status is set.`,
  blocks: [
    headerBlock(title),
    sectionBlock(':tada: Nothing to do: every employee who needs a 360 status has one.'),
  ],
});

const pageMessage = (
  items: ReadonlyArray<KnownBlock>,
  onPage: number,
  label: string,
  all: ReadonlyArray<Reminder>,
  options: ReminderPagesOptions,
): SlackMessage => {
  const title = options.title ?? 'Pending 360 tasks';
  const footer = `${plural(all.length, 'task')} in all (${countsByKind(all)}), most overdue first.`;
  const note = options.note === undefined ? '' : ` ${escapeMrkdwn(options.note)}`;
  return {
    text: `${title}${label}: ${plural(onPage, 'task')} on this page, ${plural(all.length, 'task')} in all.`,
    blocks: [headerBlock(`${title}${label}`), ...items, contextBlock(`${footer}${note}`)],
  };
};

/** Reminders grouped by kind (onboarding, offboarding, fix-data), most overdue first. */
export const reminderGroups = (
  reminders: ReadonlyArray<Reminder>,
  statusButtons: boolean,
  done: ReadonlyMap<string, StatusSetNote> = new Map(),
): BlockGroup[] =>
  reminderKinds
    .map((kind) => reminders.filter((item) => item.kind === kind).sort(compareReminders))
    .filter((items) => items.length > 0)
    .map((items) => {
      const kind = items[0]?.kind ?? 'onboarding';
      return {
        heading: groupHeading(kind, items.length),
        continued: continuedHeading(kind),
        items: items.map((item) =>
          reminderBlock(item, statusButtons, done.get(item.luccaId ?? '')),
        ),
      };
    });

/**
 * Reminders as Slack messages: grouped by kind (onboarding, offboarding, fix-data), most overdue
 * first, one section per reminder, split into pages within Block Kit limits. Every reminder
 * appears exactly once. These carry names: post them only where names may go.
 */
export const reminderPages = (
  reminders: ReadonlyArray<Reminder>,
  options: ReminderPagesOptions = {},
): SlackMessage[] => {
  if (reminders.length === 0) return [emptyPage(options.title ?? 'Pending 360 tasks')];
  const groups = reminderGroups(reminders, options.statusButtons === true, options.done);
  const lines = new Set<KnownBlock>(groups.flatMap((group) => group.items));
  const pages = paginateGroups(groups, {
    maxBlocks: (options.maxBlocks ?? slackLimits.maxBlocks) - 2,
    maxChars: slackLimits.maxMessageChars - reservedChars,
  });
  return pages.map((blocks, index) => {
    const label = pages.length > 1 ? ` (page ${index + 1} of ${pages.length})` : '';
    const onPage = blocks.filter((block) => lines.has(block)).length;
    return pageMessage(blocks, onPage, label, reminders, options);
  });
};

/** Why names did not go to the HR channel. */
export type NamesRefusal = 'public' | 'shared' | 'unchecked' | 'not-posted';

const refusals: Readonly<Record<NamesRefusal, string>> = {
  public: 'the HR channel is not private (anyone in the workspace can read it)',
  shared: 'the HR channel is shared with another organisation',
  unchecked: 'the HR channel could not be checked (see the run log)',
  'not-posted': 'the list could not be posted in the HR channel',
};

/** Why names were not posted, in words (Slack, the run log and `doctor` say it the same way). */
export const namesRefusalText = (refusal: NamesRefusal): string => refusals[refusal];

/** Where the named list went: the HR channel, or nowhere (and why, when the channel was refused). */
export type NamedListPlace =
  | { readonly hrChannel: string }
  | { readonly hrChannel: null; readonly refused: NamesRefusal | null };

/**
 * The weekday reminders in the ops channel: counts by kind only. The names are in the HR channel
 * (a thread of pages), or only with `/sync360 pending`, which allowed users see alone.
 */
export const reminderCountsMessage = (
  reminders: ReadonlyArray<Reminder>,
  place: NamedListPlace,
): SlackMessage => {
  if (reminders.length === 0) {
    return {
      text: 'sync360 reminders: none, every 360 status is set.',
      blocks: [sectionBlock(':tada: *sync360 reminders:* none, every 360 status is set.')],
    };
  }
  const counts = `${plural(reminders.length, 'reminder')} (${countsByKind(reminders)})`;
  const where =
    place.hrChannel !== null
      ? `the list by name is in ${channelMention(place.hrChannel)}.`
      : '`/sync360 pending` (allowed users only; only the one who asks sees the names).';
  const blocks: KnownBlock[] = [
    headerBlock('sync360 reminders for HR admins'),
    sectionBlock(`*${counts}*: ${where}`),
  ];
  if (place.hrChannel === null && place.refused !== null) {
    blocks.push(contextBlock(`:warning: Names were not posted: ${refusals[place.refused]}`));
  }
  const fallback = place.hrChannel === null ? ': /sync360 pending' : ', listed in the HR channel';
  return { text: `sync360: ${counts}${fallback}`, blocks };
};
