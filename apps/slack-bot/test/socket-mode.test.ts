import { LogLevel } from '@slack/bolt';
import { startFakeSlack } from '@sync360/testkit/slack-api';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../src/config.js';
import { createBotApp } from '../src/create-bot-app.js';

describe('Socket Mode', () => {
  it('is chosen when SLACK_APP_TOKEN is set, with no signing secret needed', async () => {
    const slack = await startFakeSlack({ token: 'xoxb-socket' });
    try {
      const parsed = parseBotConfig({
        SLACK_BOT_TOKEN: 'xoxb-socket',
        SLACK_APP_TOKEN: 'xapp-1-socket',
        SLACK_API_URL: slack.url,
        GITHUB_TOKEN: 'ghp_x',
        GITHUB_REPOSITORY: 'acme/sync360',
      });
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const bot = createBotApp(parsed.config, {
        loadReminders: null,
        slackRetries: 0,
        logLevel: LogLevel.ERROR,
        log: () => undefined,
      });
      expect(bot.mode).toBe('socket');
      await waitUntil(() => slack.callsTo('auth.test').length === 1, "Bolt's token check");
    } finally {
      await slack.close();
    }
  });
});
