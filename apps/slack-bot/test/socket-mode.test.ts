import { LogLevel } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from '@sync360/testkit/slack-api';
import {
  startResponseCapture,
  type ResponseCapture,
} from '@sync360/testkit/slack-response-capture';
import { startFakeSocketMode, type FakeSocketMode } from '@sync360/testkit/slack-socket';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBotConfig } from '../src/config.js';
import { createBotApp, type BotApp } from '../src/create-bot-app.js';

const appToken = 'xapp-1-socket';

describe('Socket Mode', () => {
  const opened: Array<{ close: () => Promise<void> }> = [];
  afterEach(async () => {
    for (const item of opened.splice(0).reverse()) await item.close();
  });

  it('with SLACK_APP_TOKEN (no signing secret) the app connects over the socket and answers a slash command sent there', async () => {
    const socket: FakeSocketMode = await startFakeSocketMode();
    opened.push(socket);
    const slack: FakeSlack = await startFakeSlack({
      token: 'xoxb-socket',
      socketModeUrl: socket.url,
    });
    opened.push(slack);
    const responses: ResponseCapture = await startResponseCapture();
    opened.push(responses);
    const parsed = parseBotConfig({
      SLACK_BOT_TOKEN: 'xoxb-socket',
      SLACK_APP_TOKEN: appToken,
      SLACK_API_URL: slack.url,
      SLACK_ALLOWED_USER_IDS: 'U0ALLOWED',
      GITHUB_TOKEN: 'ghp_x',
      GITHUB_REPOSITORY: 'acme/sync360',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    const bot: BotApp = createBotApp(parsed.config, {
      loadReminders: null,
      slackRetries: 0,
      watchdogIntervalMs: null,
      logLevel: LogLevel.ERROR,
      log: () => undefined,
    });
    expect(bot.mode).toBe('socket');
    const started = await bot.start();
    opened.push({ close: () => bot.stop() });
    expect(started.mode).toBe('socket');
    // The socket URL came from apps.connections.open with the app-level token.
    expect(slack.callsTo('apps.connections.open').map((call) => call.authorized)).toEqual([true]);
    expect(socket.connections()).toBe(1);

    const responseUrl = responses.nextUrl();
    socket.send({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        team_id: 'T0ACME',
        channel_id: 'C0HR',
        user_id: 'U0ALLOWED',
        user_name: 'camille',
        command: '/sync360',
        text: 'help',
        api_app_id: 'A0SYNC360',
        response_url: responseUrl,
        trigger_id: '1.2.socket',
      },
    });
    await waitUntil(() => responses.postsTo(responseUrl).length === 1, 'the help over the socket');
    expect(JSON.stringify(responses.postsTo(responseUrl)[0]?.body)).toContain('/sync360 now');
  });
});
