import { todayIn } from '@sync360/config';
import { buildPlan, type Reminder } from '@sync360/core';
import { fetchLuccaRecords, luccaRateLimiter } from '@sync360/lucca';
import type { BotConfig, LuccaBotSettings } from './config.js';

/**
 * Live reminders for `/sync360 pending` and the Home tab: Lucca -> core plan (no previous file
 * needed). One rate limiter for the bot's whole life keeps it under Lucca's tenant limit.
 */
export const luccaReminderLoader = (
  lucca: LuccaBotSettings,
  config: BotConfig,
  now: () => Date = () => new Date(),
): (() => Promise<Reminder[]>) => {
  const limiter = luccaRateLimiter();
  return async () => {
    const today = config.todayOverride ?? todayIn(config.timeZone, now());
    const { records } = await fetchLuccaRecords(
      {
        baseUrl: lucca.baseUrl,
        apiKey: lucca.apiKey,
        statusField: lucca.statusField,
        extraActiveLabels: config.plan.extraActiveLabels,
        extraInactiveLabels: config.plan.extraInactiveLabels,
        maxRetries: 2,
        limiter,
      },
      today,
    );
    return [...buildPlan({ records, previousRows: null, today, options: config.plan }).reminders];
  };
};
