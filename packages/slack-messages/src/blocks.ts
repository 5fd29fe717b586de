import type {
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  SectionBlock,
} from '@slack/types';
import { clipMrkdwn, clipPlain } from './text.js';

/** A Slack message: Block Kit blocks plus the plain-text fallback shown in notifications. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

/** The Block Kit limits the builders stay within. */
export const slackLimits = Object.freeze({
  /** Blocks per message. */
  maxBlocks: 50,
  /** Characters per text object (section text). */
  maxTextChars: 3000,
  /** Characters of a whole message (fallback text plus every text in its blocks), with margin. */
  maxMessageChars: 11_000,
  /** Characters of a header block's plain text. */
  maxHeaderChars: 150,
  /** Characters of one section field. */
  maxFieldChars: 2000,
});

/** A header block; plain text, clipped to Slack's 150 characters. */
export const headerBlock = (text: string): HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clipPlain(text, slackLimits.maxHeaderChars), emoji: true },
});

/** A section of already-escaped mrkdwn, clipped to 3,000 characters. */
export const sectionBlock = (mrkdwn: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clipMrkdwn(mrkdwn, slackLimits.maxTextChars) },
});

/**
 * A section of plain text: Slack shows it exactly as typed (no bold, no mention, no link), so
 * names such as `*Anne*`, `Jean_Pierre` or `<!channel>` need no escaping. One line that may later
 * carry a button as its accessory.
 */
export const plainSectionBlock = (text: string): SectionBlock => ({
  type: 'section',
  text: { type: 'plain_text', text: clipPlain(text, slackLimits.maxTextChars), emoji: false },
});

/** A section of two-column fields (already-escaped mrkdwn), at most 10 of them. */
export const fieldsBlock = (fields: ReadonlyArray<string>): SectionBlock => ({
  type: 'section',
  fields: fields
    .slice(0, 10)
    .map((field) => ({ type: 'mrkdwn', text: clipMrkdwn(field, slackLimits.maxFieldChars) })),
});

/** A small grey line of already-escaped mrkdwn. */
export const contextBlock = (mrkdwn: string): ContextBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clipMrkdwn(mrkdwn, slackLimits.maxTextChars) }],
});

export const dividerBlock = (): DividerBlock => ({ type: 'divider' });

/** A button's label, value and confirm dialog. */
const buttonChars = (button: Button): number =>
  button.text.text.length +
  (button.value?.length ?? 0) +
  [button.confirm?.title, button.confirm?.text, button.confirm?.confirm, button.confirm?.deny]
    .map((text) => text?.text.length ?? 0)
    .reduce((a, b) => a + b, 0);

/** Characters of one block's texts (header, section text and fields, context elements). */
const blockChars = (block: KnownBlock): number => {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (
        (block.text?.text.length ?? 0) +
        (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0) +
        (block.accessory?.type === 'button' ? buttonChars(block.accessory) : 0)
      );
    case 'context':
      return block.elements.reduce(
        (sum, element) =>
          sum +
          (element.type === 'mrkdwn' || element.type === 'plain_text' ? element.text.length : 0),
        0,
      );
    default:
      return 0;
  }
};

const sum = (blocks: ReadonlyArray<KnownBlock>): number =>
  blocks.reduce((total, block) => total + blockChars(block), 0);

/** Blocks of one group, with the heading that opens it and the one that resumes it on a new page. */
export interface BlockGroup {
  readonly heading: KnownBlock;
  readonly continued: KnownBlock;
  readonly items: ReadonlyArray<KnownBlock>;
}

export interface PageLimits {
  readonly maxBlocks: number;
  readonly maxChars: number;
}

/**
 * Splits grouped blocks into pages of at most `maxBlocks` blocks and `maxChars` characters. An
 * item is never split or dropped; a group that goes on over a page break starts the new page
 * with its "continued" heading.
 */
export const paginateGroups = (
  groups: ReadonlyArray<BlockGroup>,
  limits: PageLimits,
): KnownBlock[][] => {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  const fits = (blocks: ReadonlyArray<KnownBlock>): boolean =>
    page.length + blocks.length <= limits.maxBlocks && sum(page) + sum(blocks) <= limits.maxChars;
  for (const group of groups) {
    group.items.forEach((item, index) => {
      const opening = index === 0 ? [group.heading, item] : [item];
      if (!fits(opening)) {
        if (page.length > 0) pages.push(page);
        page = index === 0 ? [] : [group.continued];
      }
      page.push(...opening);
    });
  }
  if (page.length > 0) pages.push(page);
  return pages;
};
