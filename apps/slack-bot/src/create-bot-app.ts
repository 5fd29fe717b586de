import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { redactSecrets } from '@sync360/core';
import { registerSync360Command } from './commands/sync360.js';
import type { BotConfig } from './config/bot-config.js';
import type { BotDeps } from './deps.js';
import { slackClientOptions } from './slack-client-options.js';
import { registerAppHome } from './views/app-home.js';
import { startBotWatchdog } from './watchdog/bot-watchdog.js';
import type { WatchdogTimer } from './watchdog/watchdog-timer.js';

/** Bolt's default path for slash commands, events and interactivity (SPEC §10). */
export const eventsPath = '/slack/events';

export type BotStarted =
  { readonly mode: 'http'; readonly port: number } | { readonly mode: 'socket' };

export interface BotApp {
  readonly app: App;
  readonly mode: 'http' | 'socket';
  start(): Promise<BotStarted>;
  stop(): Promise<void>;
}

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
 * The Bolt app with every listener registered: `/sync360`, the Home tab and the daily watchdog.
 * HTTP mode listens on `config.port` (0 = any free port) at `/slack/events` and verifies
 * signatures (5-minute window); Socket Mode when `SLACK_APP_TOKEN` is set.
 */
export const createBotApp = (config: BotConfig, deps: BotDeps): BotApp => {
  const write = deps.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  const log = (line: string): void => write(redactSecrets(line, config.secrets));
  const app = createApp(config, deps, deps.logLevel ?? LogLevel.INFO);
  const mode = config.slack.appToken === null ? 'http' : 'socket';
  registerSync360Command(app, config, deps, log);
  registerAppHome(app, config, deps, log);
  app.error(async (error) => {
    log(`Bolt error: ${error.message}`);
  });
  let watchdog: WatchdogTimer | null = null;
  return {
    app,
    mode,
    start: async () => {
      const server = await app.start(config.port);
      watchdog = startBotWatchdog(app, config, deps, log);
      if (mode === 'socket') return { mode };
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : config.port;
      return { mode, port };
    },
    stop: async () => {
      watchdog?.stop();
      watchdog = null;
      await app.stop();
    },
  };
};
