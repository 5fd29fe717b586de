import type { Button, KnownBlock } from '@slack/types';

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
