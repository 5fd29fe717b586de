import type { ContextBlock, DividerBlock, HeaderBlock, SectionBlock } from '@slack/types';
import { clipMrkdwn, clipPlain } from './escape.js';
import { slackLimits } from './message.js';

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
