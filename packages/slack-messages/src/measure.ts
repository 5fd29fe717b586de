import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from './message.js';

const blockChars = (block: KnownBlock): number => {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (
        (block.text?.text.length ?? 0) +
        (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0)
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

/** Characters Slack counts for a message: its fallback text plus every text in its blocks. */
export const messageChars = (message: SlackMessage): number =>
  message.text.length + message.blocks.reduce((sum, block) => sum + blockChars(block), 0);

/** The longest text object of the message's blocks (section text, field or context element). */
export const longestTextObject = (blocks: ReadonlyArray<KnownBlock>): number =>
  Math.max(0, ...blocks.map(blockChars));
