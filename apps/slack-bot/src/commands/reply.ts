import type { SlackMessage } from '@sync360/slack-messages';

export type ReplyVisibility = 'ephemeral' | 'in_channel';

/** Answers the user who ran the command (through Slack's `response_url`). */
export type Reply = (message: SlackMessage, visibility?: ReplyVisibility) => Promise<void>;

/** A one-section message with the same text as fallback. */
export const textMessage = (mrkdwn: string): SlackMessage => {
  const text = mrkdwn.length <= 3000 ? mrkdwn : `${mrkdwn.slice(0, 2999)}…`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
};
