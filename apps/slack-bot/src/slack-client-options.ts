import type { WebClientOptions } from '@slack/web-api';
import type { BotConfig } from './config/bot-config.js';

const withTrailingSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** Web API options shared by Bolt's client and the start-up check: base URL and retries. */
export const slackClientOptions = (config: BotConfig, retries: number): WebClientOptions => ({
  retryConfig: { retries },
  ...(config.slack.apiUrl === null ? {} : { slackApiUrl: withTrailingSlash(config.slack.apiUrl) }),
});
