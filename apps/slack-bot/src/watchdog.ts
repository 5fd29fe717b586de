import { messageOf } from '@sync360/core';
import type { App } from '@slack/bolt';
import { runWatchdog } from '@sync360/github';
import {
  failureFactsOf,
  watchdogAlertMessage,
  watchdogUnavailableMessage,
  type SlackMessage,
} from '@sync360/slack-messages';
import type { BotContext } from './bot-context.js';

export interface WatchdogTimer {
  stop(): void;
}

const dayMs = 24 * 3_600_000;

/**
 * One check: has a delivering nightly run succeeded recently? Alerts the ops channel when not,
 * and also when it cannot tell (GitHub refused the bot's token…): a silent watchdog is no
 * watchdog.
 */
const checkNightly = async (app: App, bot: BotContext, channel: string): Promise<void> => {
  let message: SlackMessage;
  try {
    const verdict = await runWatchdog(bot.config.github, bot.now());
    if (verdict.healthy) {
      bot.log(`watchdog: ok, ${verdict.reason}`);
      return;
    }
    bot.log(`watchdog: ALERT, ${verdict.reason}`);
    message = watchdogAlertMessage(verdict);
  } catch (error) {
    bot.log(`watchdog: cannot check: ${messageOf(error)}`);
    message = watchdogUnavailableMessage(failureFactsOf(error));
  }
  await app.client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
  });
};

/**
 * Checks after `watchdogFirstDelayMs`, then every `watchdogIntervalMs` (default a day). Never
 * overlaps two checks, never keeps the process alive on its own, never throws. Null when disabled
 * or with no channel to post to.
 */
export const startBotWatchdog = (app: App, bot: BotContext): WatchdogTimer | null => {
  const { deps } = bot;
  const intervalMs = deps.watchdogIntervalMs === undefined ? dayMs : deps.watchdogIntervalMs;
  if (intervalMs === null) return null;
  const channel = bot.config.slack.channelId;
  if (channel === null) {
    bot.log(
      'watchdog: off (set SLACK_CHANNEL_ID to get an alert when the nightly sync stops running)',
    );
    return null;
  }
  let running = false;
  let stopped = false;
  const tick = (): void => {
    if (running || stopped) return;
    running = true;
    checkNightly(app, bot, channel)
      .catch((error: unknown) => bot.log(`watchdog could not post: ${messageOf(error)}`))
      .finally(() => {
        running = false;
      });
  };
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    tick();
    if (!stopped) {
      interval = setInterval(tick, intervalMs);
      interval.unref();
    }
  }, deps.watchdogFirstDelayMs ?? 300_000);
  first.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(first);
      if (interval !== null) clearInterval(interval);
    },
  };
};
