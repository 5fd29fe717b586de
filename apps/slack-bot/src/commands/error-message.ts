import { isSync360Error, redactSecrets } from '@sync360/core';
import { escapeMrkdwn, type SlackMessage } from '@sync360/slack-messages';
import { textMessage } from './reply.js';

/** A clear, secret-free answer when a call failed: what happened and what to do. */
export const errorMessage = (
  action: string,
  error: unknown,
  secrets: ReadonlyArray<string>,
): SlackMessage => {
  const safe = (text: string): string => escapeMrkdwn(redactSecrets(text, secrets));
  if (isSync360Error(error)) {
    return textMessage(
      `:x: Could not ${action}: ${safe(error.message)}\n*What to do:* ${safe(error.hint)}`,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return textMessage(
    `:x: Could not ${action}: unexpected error (${safe(detail)}). The bot’s log has the details; try again in a minute.`,
  );
};
