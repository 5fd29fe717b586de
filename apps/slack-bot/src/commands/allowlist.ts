import type { SlackMessage } from '@sync360/slack-messages';
import { textMessage } from './reply.js';

export const isAllowed = (userId: string, allowed: ReadonlyArray<string>): boolean =>
  allowed.includes(userId);

/** Why the user may not run this subcommand, and exactly how to get allowed. */
export const notAllowedMessage = (
  subcommand: string,
  userId: string,
  allowed: ReadonlyArray<string>,
): SlackMessage => {
  const who =
    allowed.length === 0
      ? 'Nobody is allowed yet: `SLACK_ALLOWED_USER_IDS` is empty in the bot’s configuration.'
      : 'You are not in the bot’s `SLACK_ALLOWED_USER_IDS`.';
  return textMessage(
    `:lock: \`/sync360 ${subcommand}\` is limited to allowed users. ${who}\n` +
      `To be allowed, ask whoever runs the sync360 bot to add your Slack member ID \`${userId}\` to ` +
      '`SLACK_ALLOWED_USER_IDS` (a comma-separated list) and restart the bot. ' +
      '`/sync360 status` and `/sync360 help` are open to everyone.',
  );
};
