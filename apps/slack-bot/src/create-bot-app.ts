import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { redactSecrets } from '@sync360/core';
import { luccaRateLimiter } from '@sync360/lucca';
import { registerApprove } from './actions/approve.js';
import { registerApproveHistory } from './actions/approve-history.js';
import type { BotContext, BotDeps } from './bot-context.js';
import { registerSetStatus } from './actions/set-status.js';
import { registerSync360Command } from './commands/sync360.js';
import type { BotConfig } from './config.js';
import { startHealthServer, type HealthServer } from './health.js';
import { reminderCache, remindersTtlMs } from './reminder-cache.js';
import { registerAppHome } from './views/app-home.js';
import { startBotWatchdog, type WatchdogTimer } from './watchdog.js';

/** Bolt's default path for slash commands, events and interactivity. */
export const eventsPath = '/slack/events';

export type BotStarted = (
  { readonly mode: 'http'; readonly port: number } | { readonly mode: 'socket' }
) & {
  /** Where `GET /healthz` answers, when `HEALTH_PORT` is set. */
  readonly healthPort: number | null;
};

export interface BotApp {
  readonly app: App;
  readonly mode: 'http' | 'socket';
  start(): Promise<BotStarted>;
  stop(): Promise<void>;
}

const withTrailingSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** Web API options shared by Bolt's client and the start-up check: base URL and retries. */
export const slackClientOptions = (config: BotConfig, retries: number): WebClientOptions => ({
  retryConfig: { retries },
  ...(config.slack.apiUrl === null ? {} : { slackApiUrl: withTrailingSlash(config.slack.apiUrl) }),
});

const createApp = (config: BotConfig, deps: BotDeps, logLevel: LogLevel): App => {
  const clientOptions = slackClientOptions(config, deps.slackRetries ?? 2);
  const { botToken, appToken, signingSecret } = config.slack;
  if (appToken !== null) {
    return new App({ token: botToken, appToken, socketMode: true, clientOptions, logLevel });
  }
  if (signingSecret === null) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode.');
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: eventsPath,
    signatureVerification: true,
    processBeforeResponse: false,
    logLevel,
  });
  return new App({ token: botToken, receiver, clientOptions, logLevel });
};

/**
 * The Bolt app with every listener registered: `/sync360`, the approve and Set-status buttons,
 * the Home tab and the daily watchdog; `GET /healthz` on `HEALTH_PORT` when set. HTTP mode listens on `config.port` (0 = any free port) at `/slack/events`
 * and verifies signatures (5-minute window); Socket Mode when `SLACK_APP_TOKEN` is set.
 */
export const createBotApp = (config: BotConfig, deps: BotDeps): BotApp => {
  const write = deps.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const now = deps.now ?? (() => new Date());
  const context: BotContext = {
    config,
    deps,
    now,
    log: (line) => write(redactSecrets(line, config.secrets)),
    reminders:
      deps.loadReminders === null
        ? null
        : reminderCache(deps.loadReminders, deps.remindersTtlMs ?? remindersTtlMs, now),
    luccaLimiter: deps.luccaLimiter ?? luccaRateLimiter(),
  };
  const app = createApp(config, deps, deps.logLevel ?? LogLevel.INFO);
  const mode = config.slack.appToken === null ? 'http' : 'socket';
  registerSync360Command(app, context);
  registerApprove(app, context);
  registerApproveHistory(app, context);
  registerSetStatus(app, context);
  registerAppHome(app, context);
  app.error(async (error) => {
    context.log(`Bolt error: ${error.message}`);
  });
  let watchdog: WatchdogTimer | null = null;
  let health: HealthServer | null = null;
  return {
    app,
    mode,
    start: async () => {
      const server = await app.start(config.port);
      watchdog = startBotWatchdog(app, context);
      health = config.healthPort === null ? null : await startHealthServer(config.healthPort);
      const healthPort = health?.port ?? null;
      if (mode === 'socket') return { mode, healthPort };
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : config.port;
      return { mode, port, healthPort };
    },
    stop: async () => {
      watchdog?.stop();
      watchdog = null;
      await health?.close();
      health = null;
      await app.stop();
    },
  };
};
