import { LogLevel, WebClient } from '@slack/web-api';

/** Where the runner posts: the bot token, the channels and (in tests) a local Web API. */
export interface SlackNotifySettings {
  readonly token: string;
  /** The ops channel: outcomes, counts, problem codes and employee numbers, never a name. */
  readonly channel: string;
  /** The HR admins' private channel: the only one that gets names. */
  readonly hrChannel?: string | null;
  /** Set-status buttons on the HR reminder list (the bot has the Lucca write key). */
  readonly statusButtons?: boolean;
  /** `<channel>:<ts>` of the Slack message this run answers (`SYNC360_SLACK_THREAD`). */
  readonly thread?: string | null;
  /** The Slack member who started this run (`SYNC360_REQUESTED_BY`), or who approved it. */
  readonly requestedBy?: string | null;
  /** Base Web API URL; default Slack's. Tests point it at a local fake. */
  readonly apiUrl?: string;
  /** Retries per call after an error or a rate limit (waiting `Retry-After`); default 2. */
  readonly retries?: number;
  /** Per-call timeout in ms; default 10 000. */
  readonly timeoutMs?: number;
}

const withTrailingSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/**
 * `@slack/web-api`'s own retries: a rate-limited call waits for Slack's `Retry-After` and tries
 * again, other failures back off briefly; bounded, so a Slack outage never holds the nightly job.
 */
export const createNotifyClient = (
  settings: Pick<SlackNotifySettings, 'token' | 'apiUrl' | 'retries' | 'timeoutMs'>,
): WebClient =>
  new WebClient(settings.token, {
    logLevel: LogLevel.ERROR,
    retryConfig: {
      retries: settings.retries ?? 2,
      factor: 2,
      minTimeout: 500,
      maxTimeout: 2000,
      randomize: false,
    },
    rejectRateLimitedCalls: false,
    timeout: settings.timeoutMs ?? 10_000,
    ...(settings.apiUrl === undefined ? {} : { slackApiUrl: withTrailingSlash(settings.apiUrl) }),
  });
