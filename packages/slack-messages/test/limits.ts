import type { KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import { messageChars, slackLimits, type SlackMessage } from '../src/index.js';

const textsOf = (block: KnownBlock): string[] => {
  if (block.type === 'header') return [block.text.text];
  if (block.type === 'section')
    return [
      ...(block.text === undefined ? [] : [block.text.text]),
      ...(block.fields ?? []).map((f) => f.text),
    ];
  if (block.type === 'context')
    return block.elements.flatMap((e) =>
      e.type === 'mrkdwn' || e.type === 'plain_text' ? [e.text] : [],
    );
  return [];
};

/** Every text of the message, fallback first. */
export const allTexts = (message: SlackMessage): string[] => [
  message.text,
  ...message.blocks.flatMap(textsOf),
];

export const blockText = (message: SlackMessage): string =>
  message.blocks.flatMap(textsOf).join('\n');

export const expectWithinLimits = (message: SlackMessage): void => {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(slackLimits.maxBlocks);
  for (const block of message.blocks) {
    for (const text of textsOf(block)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(slackLimits.maxTextChars);
      if (block.type === 'header')
        expect(text.length).toBeLessThanOrEqual(slackLimits.maxHeaderChars);
    }
  }
  expect(messageChars(message)).toBeLessThanOrEqual(slackLimits.maxMessageChars);
};
