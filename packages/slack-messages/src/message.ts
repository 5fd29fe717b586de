import type { KnownBlock } from '@slack/types';

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
