import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { BotConfig } from '../config/bot-config.js';
import type { BotDeps } from '../deps.js';
import { errorMessage } from './error-message.js';
import type { Reply } from './reply.js';
import { textMessage } from './reply.js';
import { parseCommandText, routeSubcommand } from './route.js';

const slashPayload = z.object({
  user_id: z.string().min(1),
  text: z.string().default(''),
  response_url: z.string().optional(),
});

const replyVia =
  (respond: RespondFn): Reply =>
  async (message, visibility = 'ephemeral') => {
    await respond({ response_type: visibility, text: message.text, blocks: message.blocks });
  };

/**
 * Registers `/sync360`: acknowledges at once (Slack wants an answer within 3 seconds), then does
 * the slow work and answers through `respond` (the command's `response_url`).
 */
export const registerSync360Command = (
  app: App,
  config: BotConfig,
  deps: BotDeps,
  log: (line: string) => void,
): void => {
  app.command('/sync360', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = replyVia(respond);
    const payload = slashPayload.safeParse(command);
    if (!payload.success) {
      log(
        `ignored a malformed /sync360 payload: ${payload.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
      await reply(
        textMessage(':x: Slack sent an incomplete command (no user id). Please try again.'),
      );
      return;
    }
    const { name, args } = parseCommandText(payload.data.text);
    const run = routeSubcommand(name);
    try {
      await run({ userId: payload.data.user_id, args, reply, config, deps, client, log });
    } catch (error) {
      log(`/sync360 ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      await reply(errorMessage(`run \`/sync360 ${name}\``, error, config.secrets)).catch(
        () => undefined,
      );
    }
  });
};
