import type { WebClient } from '@slack/web-api';
import { watchdogAlertMessage } from '@sync360/slack-messages';
import type { GithubPort } from '../github/github-port.js';

/** SPEC §11: alert when no delivering nightly run succeeded within this many hours. */
export const watchdogMaxAgeHours = 26;

/** One watchdog check: ask GitHub, and post the alert to the channel when unhealthy. */
export const checkNightly = async (
  github: GithubPort,
  client: WebClient,
  channelId: string,
  now: Date,
  log: (line: string) => void,
): Promise<void> => {
  const verdict = await github.watchdog(now, watchdogMaxAgeHours);
  if (verdict.healthy) {
    log(`watchdog: ok, ${verdict.reason}`);
    return;
  }
  log(`watchdog: ALERT, ${verdict.reason}`);
  const message = watchdogAlertMessage(verdict, watchdogMaxAgeHours);
  await client.chat.postMessage({
    channel: channelId,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
  });
};
