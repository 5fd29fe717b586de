import {
  commaList,
  integerFrom,
  optionalText,
  optionalUrl,
  planEnvShape,
  required,
} from '@sync360/config';
import { z } from 'zod';

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

/** Every variable the bot reads (SPEC §3), each message naming the variable and the fix. */
export const botEnvSchema = z.object({
  SLACK_BOT_TOKEN: required(
    'SLACK_BOT_TOKEN',
    'copy the Bot User OAuth Token (xoxb-…) from your Slack app, OAuth & Permissions page',
  ).refine(
    (value) => value.startsWith('xoxb-'),
    'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page of the Slack app)',
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xapp-'),
    'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write), or unset for HTTP mode',
  ),
  SLACK_ALLOWED_USER_IDS: commaList.superRefine((ids, context) => {
    const bad = ids.filter((id) => !slackUserId.test(id));
    if (bad.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `SLACK_ALLOWED_USER_IDS must be a comma list of Slack member IDs such as U012ABCDEF (profile > ⋮ > Copy member ID); not member IDs: ${bad.join(', ')}`,
      });
    }
  }),
  SLACK_CHANNEL_ID: optionalText.refine(
    (value) => value === undefined || /^[CGD][A-Z0-9]{2,}$/.test(value),
    'SLACK_CHANNEL_ID must be a channel ID such as C012ABCDEF (channel details > About, at the bottom)',
  ),
  SLACK_API_URL: optionalUrl('SLACK_API_URL', 'https://slack.com/api/ (or unset)'),
  GITHUB_TOKEN: required(
    'GITHUB_TOKEN',
    'create a fine-grained token with Actions: read and write on the repository',
  ),
  GITHUB_REPOSITORY: required(
    'GITHUB_REPOSITORY',
    'set it to owner/name of the repository with the workflow',
  ).refine(
    (value) => /^[\w.-]+\/[\w.-]+$/.test(value),
    'GITHUB_REPOSITORY must be owner/name, e.g. acme/sync360',
  ),
  GITHUB_API_URL: optionalUrl('GITHUB_API_URL', 'https://api.github.com (or unset)'),
  GITHUB_SERVER_URL: optionalUrl('GITHUB_SERVER_URL', 'https://github.com (or unset)'),
  SYNC360_WORKFLOW: optionalText.transform((value) => value ?? 'sync360-nightly.yml'),
  SYNC360_GIT_REF: optionalText.transform((value) => value ?? 'main'),
  PORT: integerFrom('PORT', 0, 65535),
  LUCCA_BASE_URL: optionalUrl('LUCCA_BASE_URL', 'https://acme.ilucca.net'),
  LUCCA_API_KEY: optionalText,
  ...planEnvShape,
});

export type BotEnv = z.infer<typeof botEnvSchema>;
