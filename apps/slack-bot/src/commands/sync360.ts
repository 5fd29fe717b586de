import { messageOf } from '@sync360/core';
import type { App, RespondFn } from '@slack/bolt';
import {
  failureReply,
  helpMessage,
  incompleteCommandMessage,
  notAllowedMessage,
  type HelpReason,
} from '@sync360/slack-messages';
import { z } from 'zod';
import type { BotContext, Reply, Subcommand } from '../bot-context.js';
import { onceWithin, repeatWindowMs } from '../once-within.js';
import { pendingCommand } from './pending.js';
import { nowCommand, previewCommand } from './run-workflow.js';
import { statusCommand } from './status.js';

const subcommands: Readonly<Record<string, Subcommand>> = {
  now: nowCommand,
  preview: previewCommand,
  status: statusCommand,
  pending: pendingCommand,
};

const slashPayload = z.object({
  user_id: z.string().min(1),
  text: z.string().default(''),
  trigger_id: z.string().default(''),
});

const replyVia =
  (respond: RespondFn): Reply =>
  async (message, visibility = 'ephemeral') => {
    await respond({ response_type: visibility, text: message.text, blocks: message.blocks });
  };

/** The command's words: a known subcommand alone, or why help is the answer. */
const route = (
  text: string,
):
  | { readonly subcommand: Subcommand; readonly name: string }
  | { readonly help: HelpReason | undefined } => {
  const [first, ...extra] = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const name = (first ?? 'help').toLowerCase();
  const subcommand = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (name === 'help' && extra.length === 0) return { help: undefined };
  if (subcommand === undefined) return { help: { unknown: first ?? '' } };
  if (extra.length > 0) return { help: { command: name, extraWords: extra.join(' ') } };
  return { subcommand, name };
};

/**
 * `/sync360`: acknowledged at once (Slack wants an answer within 3 seconds) with what is
 * happening, then the slow work answers through `respond` (the command's `response_url`).
 * Subcommands take no words after them; a repeated request (same `trigger_id`) is answered once.
 */
export const registerSync360Command = (app: App, bot: BotContext): void => {
  const seen = onceWithin(repeatWindowMs, bot.now);
  app.command('/sync360', async ({ command, ack, respond, client }) => {
    const payload = slashPayload.safeParse(command);
    const reply = replyVia(respond);
    if (!payload.success) {
      await ack();
      bot.log('ignored a malformed /sync360 payload (no user id)');
      await reply(incompleteCommandMessage);
      return;
    }
    const { user_id: userId, text, trigger_id: triggerId } = payload.data;
    if (triggerId !== '' && !seen.first(triggerId)) {
      await ack();
      bot.log(`repeated /sync360 request ${triggerId}: already answered`);
      return;
    }
    const routed = route(text);
    if ('help' in routed) {
      await ack();
      await reply(helpMessage(routed.help));
      return;
    }
    const { subcommand, name } = routed;
    const allowed = bot.config.slack.allowedUserIds;
    if (subcommand.allowedOnly && !allowed.includes(userId)) {
      await ack();
      await reply(notAllowedMessage(`\`/sync360 ${name}\``, userId, allowed));
      return;
    }
    await ack({ response_type: 'ephemeral', text: subcommand.ack });
    try {
      await subcommand.run({ userId, reply, client, bot });
    } catch (error) {
      bot.log(`/sync360 ${name} failed: ${messageOf(error)}`);
      await reply(failureReply(`run \`/sync360 ${name}\``, error)).catch(() => undefined);
    }
  });
};
