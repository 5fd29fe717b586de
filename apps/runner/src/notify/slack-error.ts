import { redactSecrets } from '@sync360/core';
import { z } from 'zod';

const slackErrorShape = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  statusCode: z.number().optional(),
  data: z.object({ error: z.string().optional() }).optional(),
});

const hints: Readonly<Record<string, string>> = {
  invalid_auth: 'check SLACK_BOT_TOKEN',
  not_authed: 'check SLACK_BOT_TOKEN',
  account_inactive: 'the Slack app was uninstalled: reinstall it and update SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  channel_not_found: 'check SLACK_CHANNEL_ID (and that the channel exists)',
  not_in_channel: 'invite the sync360 app to the channel (/invite @sync360)',
  missing_scope: 'add the chat:write scope to the app and reinstall it',
  ratelimited: 'Slack rate-limited the post; it will work on the next run',
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
