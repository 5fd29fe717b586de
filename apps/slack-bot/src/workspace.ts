import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

const authTestAnswer = z.object({
  ok: z.literal(true),
  team: z.string().optional(),
  user: z.string().optional(),
  url: z.string().optional(),
});

/** `auth.test`: the workspace the bot token belongs to, e.g. `Acme HR (as sync360)`. */
export const describeWorkspace = async (client: WebClient): Promise<string> => {
  const parsed = authTestAnswer.safeParse(await client.auth.test());
  if (!parsed.success) throw new Error('Slack answered auth.test with an unexpected shape.');
  const { team, user } = parsed.data;
  return `${team ?? 'unknown workspace'}${user === undefined ? '' : ` (as ${user})`}`;
};
