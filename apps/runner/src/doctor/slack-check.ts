import type { DoctorCheck } from '@sync360/core';
import { WebClient } from '@slack/web-api';
import type { SlackConfig } from '../config/runner-config.js';

/** `auth.test`: the token works and which workspace it belongs to. */
export const checkSlack = async (slack: SlackConfig): Promise<DoctorCheck[]> => {
  const client = new WebClient(slack.token, {
    retryConfig: { retries: 0 },
    ...(slack.apiUrl === undefined ? {} : { slackApiUrl: slack.apiUrl }),
  });
  try {
    const result = await client.auth.test();
    return [
      {
        system: 'slack',
        name: 'bot token',
        ok: true,
        detail: `connected to workspace ${result.team ?? '?'} as ${result.user ?? '?'}`,
        fix: null,
      },
    ];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        system: 'slack',
        name: 'bot token',
        ok: false,
        detail: `auth.test failed (${reason})`,
        fix: 'Check SLACK_BOT_TOKEN (xoxb-…, app installed in the workspace) and SLACK_API_URL.',
      },
    ];
  }
};
