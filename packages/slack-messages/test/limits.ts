import type { Button, KnownBlock } from '@slack/types';
import { expect } from 'vitest';
import { slackTexts, slackWordProblems } from '@sync360/testkit/slack-privacy';
import type { SlackMessage } from '../src/index.js';

// Slack's documented Block Kit limits, written here on purpose rather than imported from the
// builders: a builder constant that drifts must make these tests fail.
const SLACK_MAX_BLOCKS = 50;
const SLACK_MAX_SECTION_TEXT = 3000;
const SLACK_MAX_HEADER_TEXT = 150;
const SLACK_MAX_FIELD_TEXT = 2000;
const SLACK_MAX_FIELDS = 10;
const SLACK_MAX_MESSAGE_CHARS = 12_000;
const SLACK_MAX_BUTTON_TEXT = 75;
const SLACK_MAX_BUTTON_VALUE = 2000;
const SLACK_MAX_CONFIRM_TITLE = 100;
const SLACK_MAX_CONFIRM_TEXT = 300;
const SLACK_MAX_CONFIRM_BUTTON = 30;

interface TextObject {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
}

/** A button's label and confirm dialog texts. */
const buttonTexts = (e: Button): TextObject[] => [
  e.text,
  ...(e.confirm === undefined
    ? []
    : [e.confirm.title, e.confirm.text, e.confirm.confirm, e.confirm.deny].flatMap((t) =>
        t === undefined ? [] : [t],
      )),
];

/** Every text object of a block, with its type (buttons and their confirm dialogs included). */
const textObjectsOf = (block: KnownBlock): TextObject[] => {
  if (block.type === 'header') return [block.text];
  if (block.type === 'section')
    return [
      ...(block.text ? [block.text] : []),
      ...(block.fields ?? []),
      ...(block.accessory?.type === 'button' ? buttonTexts(block.accessory) : []),
    ];
  if (block.type === 'context')
    return block.elements.flatMap((e) =>
      e.type === 'mrkdwn' || e.type === 'plain_text' ? [e] : [],
    );
  if (block.type === 'actions')
    return block.elements.flatMap((e) => (e.type === 'button' ? buttonTexts(e) : []));
  return [];
};

const textsOf = (block: KnownBlock): string[] => textObjectsOf(block).map((t) => t.text);

export const blockText = (message: SlackMessage): string =>
  message.blocks.flatMap(textsOf).join('\n');

/** Only the mrkdwn texts (where Slack parses mentions and formatting), fallback included. */
export const mrkdwnTexts = (message: SlackMessage): string[] => [
  message.text,
  ...message.blocks.flatMap(textObjectsOf).flatMap((t) => (t.type === 'mrkdwn' ? [t.text] : [])),
];

export const expectWithinLimits = (message: SlackMessage): void => {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
  let total = message.text.length;
  for (const block of message.blocks) {
    for (const text of textsOf(block)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
      total += text.length;
    }
    if (block.type === 'header')
      expect(block.text.text.length).toBeLessThanOrEqual(SLACK_MAX_HEADER_TEXT);
    if (block.type === 'section') {
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_MAX_FIELDS);
      for (const field of block.fields ?? [])
        expect(field.text.length).toBeLessThanOrEqual(SLACK_MAX_FIELD_TEXT);
    }
    const buttons =
      block.type === 'actions'
        ? block.elements.flatMap((e) => (e.type === 'button' ? [e] : []))
        : block.type === 'section' && block.accessory?.type === 'button'
          ? [block.accessory]
          : [];
    if (block.type === 'actions') {
      const ids = block.elements.flatMap((e) =>
        'action_id' in e && e.action_id ? [e.action_id] : [],
      );
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const element of buttons) {
      expect(element.text.text.length).toBeLessThanOrEqual(SLACK_MAX_BUTTON_TEXT);
      expect((element.value ?? '').length).toBeLessThanOrEqual(SLACK_MAX_BUTTON_VALUE);
      const confirm = element.confirm;
      if (confirm === undefined) continue;
      expect(confirm.title?.text.length ?? 0).toBeLessThanOrEqual(SLACK_MAX_CONFIRM_TITLE);
      expect(confirm.text.text.length).toBeLessThanOrEqual(SLACK_MAX_CONFIRM_TEXT);
      expect(confirm.confirm?.text.length ?? 0).toBeLessThanOrEqual(SLACK_MAX_CONFIRM_BUTTON);
      expect(confirm.deny?.text.length ?? 0).toBeLessThanOrEqual(SLACK_MAX_CONFIRM_BUTTON);
    }
  }
  expect(total).toBeLessThanOrEqual(SLACK_MAX_MESSAGE_CHARS);
};

/** Anything that looks like an email address. */
export const emailPattern = /[^\s<>@"'`,;:()[\]|]+@[^\s<>@"'`,;:()[\]|]+\.[a-z]{2,}/i;

/** SPEC §10 "Words for HR people": no variable, flag, outside answer or email in any text. */
export const expectWordsForHr = (message: SlackMessage): void => {
  expect(slackTexts(message).flatMap(slackWordProblems)).toEqual([]);
};
