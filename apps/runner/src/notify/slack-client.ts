import { LogLevel, WebClient } from '@slack/web-api';

/** Where the runner posts: the bot token, the channel and (in tests) a local Web API. */
export interface SlackNotifySettings {
  readonly token: string;
  readonly channel: string;
  /** Base Web API URL; default Slack's. Tests point it at a local fake. */
  readonly apiUrl?: string;
  /** Retries per call; default 0 (a Slack outage must not hold the nightly job). */
  readonly retries?: number;
  /** Per-call timeout in ms; default 10 000. */
  readonly timeoutMs?: number;
}

const withTrailingSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

export const createNotifyClient = (settings: SlackNotifySettings): WebClient =>
  new WebClient(settings.token, {
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: settings.retries ?? 0 },
    rejectRateLimitedCalls: (settings.retries ?? 0) === 0,
    timeout: settings.timeoutMs ?? 10_000,
    ...(settings.apiUrl === undefined ? {} : { slackApiUrl: withTrailingSlash(settings.apiUrl) }),
  });
