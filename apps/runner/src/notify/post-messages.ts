import type { SlackMessage } from '@sync360/slack-messages';
import { z } from 'zod';
import { createNotifyClient, type SlackNotifySettings } from './slack-client.js';
import { describeSlackError } from './slack-error.js';

const postResponse = z.object({ ok: z.literal(true), ts: z.string().optional() });

/**
 * Posts the messages in order to the channel. Never throws: returns null when every message was
 * posted, else a warning naming what failed (a Slack outage never fails a sync).
 */
export const postMessages = async (
  settings: SlackNotifySettings,
  messages: ReadonlyArray<SlackMessage>,
  what: string,
): Promise<string | null> => {
  const client = createNotifyClient(settings);
  let posted = 0;
  try {
    for (const message of messages) {
      const response = await client.chat.postMessage({
        channel: settings.channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!postResponse.safeParse(response).success) {
        return `${what} not fully posted to Slack: unexpected answer to chat.postMessage (${String(posted)} of ${String(messages.length)} messages posted).`;
      }
      posted += 1;
    }
    return null;
  } catch (error) {
    const progress =
      messages.length > 1
        ? ` (${String(posted)} of ${String(messages.length)} messages posted)`
        : '';
    return `${what} not posted to Slack: ${describeSlackError(error, [settings.token])}${progress}.`;
  }
};
