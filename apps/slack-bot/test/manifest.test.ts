import { readFile } from 'node:fs/promises';
import { approveActionId, setStatusActionId } from '@sync360/slack-messages';
import {
  appHomeOpenedEvent,
  sendSlackEvent,
  sendSlashCommand,
} from '@sync360/testkit/slack-requests';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventsPath } from '../src/create-bot-app.js';
import { allowedUser, postText, signingSecret, startHarness, type Harness } from './harness.js';

const manifestSchema = z.object({
  features: z.object({
    app_home: z.object({ home_tab_enabled: z.boolean() }),
    slash_commands: z.array(
      z.object({ command: z.string(), url: z.string(), usage_hint: z.string() }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
    socket_mode_enabled: z.boolean(),
  }),
});

const readManifest = async () => {
  const text = await readFile(new URL('../manifest.yaml', import.meta.url), 'utf8');
  return { text, manifest: manifestSchema.parse(parse(text)) };
};

describe('manifest.yaml', () => {
  it('asks only for the scopes SPEC §10 lists, and documents Socket Mode', async () => {
    const { text, manifest } = await readManifest();
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:read',
      'chat:write',
      'commands',
      'groups:read',
      'im:write',
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(text).toContain('SLACK_APP_TOKEN');
  });
});

/**
 * What the manifest declares, sent to the real app over signed HTTP: every URL is the path the
 * receiver serves, every slash command and event is answered, and interactivity is on because
 * the buttons the messages carry (their action ids come from the message builders) are handled.
 */
describe('manifest.yaml against the running bot', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('points every URL at the path the receiver serves', async () => {
    const { manifest } = await readManifest();
    const urls = [
      ...manifest.features.slash_commands.map((command) => command.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(eventsPath);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('every slash command it declares is answered, with the usage its hint shows', async () => {
    const { manifest } = await readManifest();
    const h = (harness = await startHarness());
    expect(manifest.features.slash_commands.length).toBeGreaterThan(0);
    for (const declared of manifest.features.slash_commands) {
      const responseUrl = h.responses.nextUrl();
      const answer = await sendSlashCommand({
        url: h.eventsUrl,
        signingSecret,
        command: declared.command,
        text: 'help',
        userId: allowedUser,
        responseUrl,
      });
      expect(answer.status).toBe(200);
      await waitUntil(() => h.responses.postsTo(responseUrl).length === 1, 'the help');
      const help = postText(h.responses.postsTo(responseUrl)[0]?.body ?? {});
      for (const word of declared.usage_hint.split(' | '))
        expect(help).toContain(`${declared.command} ${word}`);
    }
  });

  it('every bot event it subscribes to is handled', async () => {
    const { manifest } = await readManifest();
    const h = (harness = await startHarness());
    const events: Record<string, (user: string) => Readonly<Record<string, unknown>>> = {
      app_home_opened: appHomeOpenedEvent,
    };
    for (const name of manifest.settings.event_subscriptions.bot_events) {
      const event = events[name];
      expect(event, `a test event for ${name}`).toBeDefined();
      if (event === undefined) continue;
      const before = h.slack.calls.length;
      const answer = await sendSlackEvent({
        url: h.eventsUrl,
        signingSecret,
        event: event(allowedUser),
      });
      expect(answer.status).toBe(200);
      await waitUntil(() => h.slack.calls.length > before, `the bot acting on ${name}`);
    }
  });

  it.each([approveActionId, setStatusActionId])(
    'interactivity: a click on %s, a button the messages carry, is answered',
    async (actionId) => {
      const h = (harness = await startHarness());
      const before = h.slack.callsTo('chat.postEphemeral').length;
      const click = await h.click({
        actionId,
        userId: 'U0STRANGER',
        value: actionId === approveActionId ? 'ab'.repeat(32) : '{"luccaId":"1","status":"Active"}',
        channelId: 'C0SYNC360',
        messageTs: h.slack.seedMessage('C0SYNC360'),
      });
      expect(click.status).toBe(200);
      // A stranger's click gets a refusal: only a listener registered for this id sends one.
      await waitUntil(
        () =>
          h.responses.postsTo(click.responseUrl).length > 0 ||
          h.slack.callsTo('chat.postEphemeral').length > before,
        `the answer to ${actionId}`,
      );
      expect(h.github.dispatches).toHaveLength(0);
    },
  );
});
