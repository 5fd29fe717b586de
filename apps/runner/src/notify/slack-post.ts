import type { WebClient } from '@slack/web-api';
import type { NamesRefusal, SlackMessage } from '@sync360/slack-messages';
import { z } from 'zod';
import { createNotifyClient, type SlackNotifySettings } from './slack-client.js';
import { describeSlackError, slackErrorCode } from './slack-error.js';

const postAnswer = z.object({ ok: z.literal(true), ts: z.string() });
const infoAnswer = z.object({
  ok: z.literal(true),
  channel: z.object({
    is_private: z.boolean().optional(),
    is_ext_shared: z.boolean().optional(),
    is_member: z.boolean().optional(),
  }),
});

export interface ChannelFacts {
  readonly isPrivate: boolean;
  readonly isExtShared: boolean;
  readonly isMember: boolean;
}

/** `conversations.info`: is the channel private, shared with another organisation, are we in? */
export const channelFacts = async (client: WebClient, channel: string): Promise<ChannelFacts> => {
  const parsed = infoAnswer.safeParse(await client.conversations.info({ channel }));
  if (!parsed.success) throw new Error('unexpected answer to conversations.info');
  const { is_private, is_ext_shared, is_member } = parsed.data.channel;
  return {
    isPrivate: is_private === true,
    isExtShared: is_ext_shared === true,
    isMember: is_member === true,
  };
};

/** Why names may not go to this channel, or null when it is private and not shared outside. */
export const namesRefusal = (facts: ChannelFacts): NamesRefusal | null => {
  if (!facts.isPrivate) return 'public';
  if (facts.isExtShared) return 'shared';
  return null;
};

/**
 * Posts and updates for one notification, in order. Never throws: each failure becomes a
 * warning, and once Slack is unreachable the remaining calls are skipped (an outage must not
 * hold the nightly job). A Slack error code (e.g. `not_in_channel`) stops only that call.
 */
export interface Poster {
  readonly client: WebClient;
  /** The message's `ts`, or null when it was not posted. */
  post(
    channel: string,
    message: SlackMessage,
    what: string,
    threadTs?: string,
  ): Promise<string | null>;
  update(channel: string, ts: string, message: SlackMessage, what: string): Promise<void>;
  warn(text: string): void;
  /** Every warning joined, or null when all went well. */
  warning(): string | null;
}

export const createPoster = (settings: SlackNotifySettings): Poster => {
  const client = createNotifyClient(settings);
  const warnings: string[] = [];
  let down = false;
  const attempt = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
    if (down) return null;
    try {
      return await call();
    } catch (error) {
      if (slackErrorCode(error) === null) down = true;
      warnings.push(`${what} not posted to Slack: ${describeSlackError(error, [settings.token])}.`);
      return null;
    }
  };
  return {
    client,
    post: async (channel, message, what, threadTs) => {
      const answer = await attempt(what, () =>
        client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        }),
      );
      if (answer === null) return null;
      const parsed = postAnswer.safeParse(answer);
      if (parsed.success) return parsed.data.ts;
      warnings.push(`${what}: unexpected answer to chat.postMessage.`);
      return null;
    },
    update: async (channel, ts, message, what) => {
      await attempt(what, () =>
        client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
      );
    },
    warn: (text) => warnings.push(text),
    warning: () => (warnings.length === 0 ? null : warnings.join(' ')),
  };
};

/**
 * Pages as one conversation: the first as a message, the others as replies in its thread.
 * True when at least the first page was posted.
 */
export const postThreadOfPages = async (
  poster: Poster,
  channel: string,
  pages: ReadonlyArray<SlackMessage>,
  what: string,
): Promise<boolean> => {
  const [first, ...rest] = pages;
  if (first === undefined) return false;
  const ts = await poster.post(channel, first, what);
  if (ts === null) return false;
  for (const [index, page] of rest.entries()) {
    const posted = await poster.post(channel, page, `${what} (page ${index + 2})`, ts);
    if (posted === null) break;
  }
  return true;
};
