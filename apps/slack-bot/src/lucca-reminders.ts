import { todayIn } from '@sync360/config';
import { buildPlan, type Reminder } from '@sync360/core';
import { fetchLuccaRecords, type LuccaSettings, type RateLimiter } from '@sync360/lucca';
import type { BotConfig, LuccaBotSettings } from './config.js';

/**
 * How the bot reaches Lucca with `apiKey` (the read key, or the write key for Set-status). One
 * rate limiter for the bot's whole life keeps every call under Lucca's tenant limit.
 */
export const botLuccaSettings = (
  lucca: LuccaBotSettings,
  config: BotConfig,
  apiKey: string,
  limiter: RateLimiter,
): LuccaSettings => ({
  baseUrl: lucca.baseUrl,
  apiKey,
  statusField: lucca.statusField,
  extraActiveLabels: config.plan.extraActiveLabels,
  extraInactiveLabels: config.plan.extraInactiveLabels,
  maxRetries: 2,
  limiter,
});

/** Live reminders for `/sync360 pending`, the Home tab and clicks: Lucca -> core plan. */
export const luccaReminderLoader = (
  lucca: LuccaBotSettings,
  config: BotConfig,
  limiter: RateLimiter,
  now: () => Date = () => new Date(),
): (() => Promise<Reminder[]>) => {
  return async () => {
    const today = config.todayOverride ?? todayIn(config.timeZone, now());
    const { records } = await fetchLuccaRecords(
      botLuccaSettings(lucca, config, lucca.apiKey, limiter),
      today,
    );
    return [...buildPlan({ records, previousRows: null, today, options: config.plan }).reminders];
  };
};
