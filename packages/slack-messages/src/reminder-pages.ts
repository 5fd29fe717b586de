import type { KnownBlock } from '@slack/types';
import { compareReminders, type Reminder, type ReminderKind } from '@sync360/core';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { plural } from './format.js';
import { slackLimits, type SlackMessage } from './message.js';
import { packSections, type PackedSection } from './pack-sections.js';
import {
  continuedHeading,
  groupHeading,
  kindTitle,
  reminderKinds,
  reminderLine,
} from './reminder-lines.js';

export interface ReminderPagesOptions {
  /** Page title; default `Pending 360 tasks`. */
  readonly title?: string;
  /** Extra context line on each page (e.g. "Only you can see this"). */
  readonly note?: string;
  readonly maxBlocks?: number;
  readonly maxTextChars?: number;
  readonly maxMessageChars?: number;
  /** Reminders per section block, for readability; default 15. */
  readonly linesPerSection?: number;
}

/** Room kept on every page for its header, footer and fallback text. */
const reservedChars = 900;

const kindSummary = (reminders: ReadonlyArray<Reminder>): string =>
  reminderKinds
    .map((kind) => ({ kind, count: reminders.filter((item) => item.kind === kind).length }))
    .filter((item) => item.count > 0)
    .map((item) => `${item.count} ${kindTitle(item.kind).toLowerCase()}`)
    .join(', ');

const emptyPage = (title: string): SlackMessage => ({
  text: `${title}: none. Every 360 status is set.`,
  blocks: [
    headerBlock(title),
    sectionBlock(':tada: Nothing to do: every employee who needs a 360 status has one.'),
  ],
});

const pageMessage = (
  sections: ReadonlyArray<PackedSection>,
  index: number,
  pageCount: number,
  all: ReadonlyArray<Reminder>,
  options: ReminderPagesOptions,
): SlackMessage => {
  const title = options.title ?? 'Pending 360 tasks';
  const pageLabel = pageCount > 1 ? ` (page ${index + 1} of ${pageCount})` : '';
  const onPage = sections.reduce((sum, section) => sum + section.count, 0);
  const footer = `${plural(all.length, 'task')} in all (${kindSummary(all)}), most overdue first.`;
  const blocks: KnownBlock[] = [
    headerBlock(`${title}${pageLabel}`),
    ...sections.map((section) => sectionBlock(section.text)),
    contextBlock(options.note === undefined ? footer : `${footer} ${options.note}`),
  ];
  return {
    text: `${title}${pageLabel}: ${plural(onPage, 'task')} on this page, ${plural(all.length, 'task')} in all.`,
    blocks,
  };
};

/**
 * Reminders as Slack messages: grouped by kind (onboarding, offboarding, fix-data), most overdue
 * first, split into pages that stay within Block Kit limits. Every reminder appears exactly once.
 */
export const reminderPages = (
  reminders: ReadonlyArray<Reminder>,
  options: ReminderPagesOptions = {},
): SlackMessage[] => {
  const title = options.title ?? 'Pending 360 tasks';
  if (reminders.length === 0) return [emptyPage(title)];
  const maxText = options.maxTextChars ?? slackLimits.maxTextChars;
  const maxMessage = options.maxMessageChars ?? slackLimits.maxMessageChars;
  const groups = reminderKinds
    .map((kind: ReminderKind) => {
      const items = reminders.filter((item) => item.kind === kind).sort(compareReminders);
      return {
        heading: groupHeading(kind, items.length),
        continued: continuedHeading(kind),
        lines: items.map((item) => reminderLine(item, Math.min(maxText, maxMessage) - 200)),
      };
    })
    .filter((group) => group.lines.length > 0);
  const pages = packSections(groups, {
    maxBlocks: (options.maxBlocks ?? slackLimits.maxBlocks) - 2,
    maxTextChars: maxText,
    maxPageChars: Math.max(maxText, maxMessage - reservedChars),
    linesPerSection: options.linesPerSection ?? 15,
  });
  return pages.map((sections, index) =>
    pageMessage(sections, index, pages.length, reminders, options),
  );
};
