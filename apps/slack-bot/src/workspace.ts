import { WebClient } from '@slack/web-api';
import type { BotConfig } from './config/bot-config.js';
import { slackClientOptions } from './slack-client-options.js';
import { z } from 'zod';

const authTestAnswer = z.object({
  ok: z.literal(true),
  team: z.string().optional(),
  user: z.string().optional(),
  url: z.string().optional(),
});

/**
 * `auth.test`: the workspace the bot token belongs to, e.g. `Acme HR (as sync360)`. Run before
 * Bolt starts, so a bad token is a clear start-up error rather than a crash.
 */
export const describeWorkspace = async (config: BotConfig): Promise<string> => {
  const client = new WebClient(config.slack.botToken, slackClientOptions(config, 1));
  const parsed = authTestAnswer.safeParse(await client.auth.test());
  if (!parsed.success) throw new Error('Slack answered auth.test with an unexpected shape.');
  const { team, user } = parsed.data;
  return `${team ?? 'unknown workspace'}${user === undefined ? '' : ` (as ${user})`}`;
};
