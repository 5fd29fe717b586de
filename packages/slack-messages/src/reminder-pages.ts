import type { KnownBlock } from '@slack/types';
import { compareReminders, type Reminder } from '@sync360/core';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { plural } from './format.js';
import { paginateGroups, type BlockGroup } from './measure.js';
import { slackLimits, type SlackMessage } from './message.js';
import {
  continuedHeading,
  countsByKind,
  groupHeading,
  reminderBlock,
  reminderKinds,
} from './reminder-lines.js';

export interface ReminderPagesOptions {
  /** Page title; default `Pending 360 tasks`. */
  readonly title?: string;
  /** Extra context line on each page (e.g. "Only you can see this"). */
  readonly note?: string;
  /** Blocks per page, header and footer included; default Slack's 50. */
  readonly maxBlocks?: number;
  /** Set-status buttons on onboarding and offboarding lines (the bot has the write key). */
  readonly statusButtons?: boolean;
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
): BlockGroup[] =>
  reminderKinds
    .map((kind) => reminders.filter((item) => item.kind === kind).sort(compareReminders))
    .filter((items) => items.length > 0)
    .map((items) => {
      const kind = items[0]?.kind ?? 'onboarding';
      return {
        heading: groupHeading(kind, items.length),
        continued: continuedHeading(kind),
        items: items.map((item) => reminderBlock(item, statusButtons)),
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
  const groups = reminderGroups(reminders, options.statusButtons === true);
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
