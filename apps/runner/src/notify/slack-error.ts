import { redactSecrets } from '@sync360/core';
import { z } from 'zod';

const slackErrorShape = z.object({
  message: z.string().optional(),
  statusCode: z.number().optional(),
  data: z.object({ error: z.string().optional() }).optional(),
});

const hints: Readonly<Record<string, string>> = {
  invalid_auth: 'check SLACK_BOT_TOKEN',
  not_authed: 'check SLACK_BOT_TOKEN',
  account_inactive: 'the Slack app was uninstalled: reinstall it and update SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  channel_not_found:
    'check SLACK_CHANNEL_ID and SLACK_HR_CHANNEL_ID (a private channel must have the app invited: /invite @sync360)',
  not_in_channel: 'invite the sync360 app to the channel (/invite @sync360)',
  missing_scope:
    'the app lacks a scope (chat:write, channels:read, groups:read): update it from the manifest and reinstall it',
  thread_not_found: 'the message to reply to was deleted',
  message_not_found: 'the message to update was deleted',
  cant_update_message: 'only messages posted by the same Slack app can be updated',
  ratelimited: 'Slack rate-limited the post; it will work on the next run',
};

/** Slack's own error code (`not_in_channel`…), or null when Slack did not answer one. */
export const slackErrorCode = (error: unknown): string | null => {
  const parsed = slackErrorShape.safeParse(error);
  return parsed.success ? (parsed.data.data?.error ?? null) : null;
};

/** A one-line, secret-free description of a Web API failure, with the fix when known. */
export const describeSlackError = (error: unknown, secrets: ReadonlyArray<string>): string => {
  const parsed = slackErrorShape.safeParse(error);
  const shape = parsed.success ? parsed.data : {};
  const slackCode = shape.data?.error;
  let text: string;
  if (slackCode !== undefined) {
    const hint = hints[slackCode];
    text = `Slack answered "${slackCode}"${hint === undefined ? '' : `: ${hint}`}`;
  } else if (shape.statusCode !== undefined) {
    text = `Slack answered HTTP ${String(shape.statusCode)}`;
  } else {
    text = `could not reach Slack (${shape.message ?? String(error)})`;
  }
  return redactSecrets(text, secrets);
};
