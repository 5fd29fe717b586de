import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

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

describe('manifest.yaml', () => {
  it('declares /sync360, the Home tab, interactivity, the scopes and the event the bot uses', async () => {
    const text = await readFile(new URL('../manifest.yaml', import.meta.url), 'utf8');
    const manifest = manifestSchema.parse(parse(text));
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/sync360', url: 'https://YOUR-HOST/slack/events' }),
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:read',
      'chat:write',
      'commands',
      'groups:read',
      'im:write',
    ]);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://YOUR-HOST/slack/events',
    });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.settings.event_subscriptions.request_url).toBe(
      'https://YOUR-HOST/slack/events',
    );
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(text).toContain('SLACK_APP_TOKEN');
  });
});
