import type { WebClient } from '@slack/web-api';
import { watchdogAlertMessage } from '@sync360/slack-messages';
import { runWatchdog, type GithubSettings } from '@sync360/github';

/** One watchdog check: ask GitHub, and post the alert to the channel when unhealthy. */
export const checkNightly = async (
  github: GithubSettings,
  client: WebClient,
  channelId: string,
  now: Date,
  log: (line: string) => void,
): Promise<void> => {
  const verdict = await runWatchdog(github, now);
  if (verdict.healthy) {
    log(`watchdog: ok, ${verdict.reason}`);
    return;
  }
  log(`watchdog: ALERT, ${verdict.reason}`);
  const message = watchdogAlertMessage(verdict);
  await client.chat.postMessage({
    channel: channelId,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
  });
};
