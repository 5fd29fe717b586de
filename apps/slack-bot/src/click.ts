import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '@sync360/slack-messages';
import { z } from 'zod';

const looseBlock = z.looseObject({ type: z.string() });

/** The fields of a `block_actions` click the buttons use (Slack sends more; they are not read). */
const clickPayload = z.object({
  user: z.object({ id: z.string().min(1) }),
  container: z
    .object({
      type: z.string(),
      is_ephemeral: z.boolean().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  /** Absent for an ephemeral message and in the App Home. */
  message: z
    .object({
      ts: z.string().min(1),
      thread_ts: z.string().optional(),
      blocks: z.array(looseBlock).default([]),
    })
    .optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});

export type LooseBlock = z.infer<typeof looseBlock>;

export type Click = z.infer<typeof clickPayload> & {
  /** The clicked button's value. */
  readonly value: string;
  /** The click came from a message only the clicker sees: answer through `response_url`. */
  readonly ephemeral: boolean;
  /** The click came from the App Home tab. */
  readonly home: boolean;
};

/** The click on `actionId`'s button, or null when Slack sent something we cannot use. */
export const clickOf = (body: unknown, actionId: string): Click | null => {
  const parsed = clickPayload.safeParse(body);
  if (!parsed.success) return null;
  const value = parsed.data.actions.find((action) => action.action_id === actionId)?.value;
  if (value === undefined) return null;
  return {
    ...parsed.data,
    value,
    ephemeral: parsed.data.container?.is_ephemeral === true,
    home: parsed.data.container?.type === 'view',
  };
};

/** Who clicked, even when the rest of the click is unusable (to answer them). */
export const clickerOf = (body: unknown): string | null => {
  const parsed = z.object({ user: z.object({ id: z.string().min(1) }) }).safeParse(body);
  return parsed.success ? parsed.data.user.id : null;
};

/**
 * An answer only the clicker sees; the message clicked stays as it is. Through the click's
 * `response_url`; a click in the App Home has none, so it goes as a direct message from the bot.
 */
export const privately = async (
  respond: RespondFn | undefined,
  client: WebClient,
  userId: string | null,
  message: SlackMessage,
): Promise<void> => {
  if (typeof respond === 'function') {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
    return;
  }
  if (userId === null) return;
  await client.chat.postMessage({
    channel: userId,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
  });
};

/** `10:42` in the bot's time zone. */
export const clockTime = (date: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
