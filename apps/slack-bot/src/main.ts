import { WebClient } from '@slack/web-api';
import { messageOf, redactSecrets } from '@sync360/core';
import { z } from 'zod';
import { botHelpText } from './bot-help.js';
import { parseBotConfig, type BotConfig } from './config.js';
import { createBotApp, eventsPath, slackClientOptions } from './create-bot-app.js';
import { luccaReminderLoader } from './lucca-reminders.js';
import { luccaRateLimiter } from '@sync360/lucca';

const authTestAnswer = z.object({
  ok: z.literal(true),
  team: z.string().optional(),
  user: z.string().optional(),
});

/**
 * `auth.test`: the workspace the bot token belongs to, e.g. `Acme HR (as sync360)`. Run before
 * Bolt starts, so a bad token is a clear start-up error rather than a crash.
 */
const describeWorkspace = async (config: BotConfig): Promise<string> => {
  const client = new WebClient(config.slack.botToken, slackClientOptions(config, 1));
  const parsed = authTestAnswer.safeParse(await client.auth.test());
  if (!parsed.success) throw new Error('Slack answered auth.test with an unexpected shape.');
  const { team, user } = parsed.data;
  return `${team ?? 'unknown workspace'}${user === undefined ? '' : ` (as ${user})`}`;
};

/** `pnpm bot`: parse the environment once, start Bolt, say how it listens and where. */
const main = async (): Promise<number> => {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(botHelpText());
    return 0;
  }
  const result = parseBotConfig(process.env);
  if (!result.ok) {
    process.stderr.write(
      `sync360 bot: configuration problems (fix them and start again):\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}\n`,
    );
    return 2;
  }
  const { config } = result;
  let workspace: string;
  try {
    workspace = await describeWorkspace(config);
  } catch (error) {
    const reason = redactSecrets(messageOf(error), config.secrets);
    process.stderr.write(
      `sync360 bot: Slack refused the bot token (${reason}). Check SLACK_BOT_TOKEN (xoxb-…, app installed in the workspace) and SLACK_API_URL.\n`,
    );
    return 2;
  }
  const luccaLimiter = luccaRateLimiter();
  const bot = createBotApp(config, {
    loadReminders:
      config.lucca === null ? null : luccaReminderLoader(config.lucca, config, luccaLimiter),
    luccaLimiter,
  });
  const started = await bot.start();
  const how =
    started.mode === 'http'
      ? `HTTP mode on port ${String(started.port)} (${eventsPath})`
      : 'Socket Mode (no public URL needed)';
  process.stdout.write(`sync360 bot running: ${how}, workspace ${workspace}\n`);
  if (started.healthPort !== null) {
    process.stdout.write(`Health check: GET /healthz on port ${String(started.healthPort)}\n`);
  }
  if (config.lucca !== null && config.lucca.writeApiKey === null) {
    process.stdout.write(
      'LUCCA_WRITE_API_KEY is not set: no Set-status buttons (pending and the Home tab say how to enable them).\n',
    );
  }
  if (config.lucca === null) {
    process.stdout.write(
      'Lucca is not configured (LUCCA_BASE_URL, LUCCA_API_KEY): /sync360 pending will say so.\n',
    );
  }
  const shutdown = (): void => {
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return 0;
};

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sync360 bot: ${messageOf(error)}\n`);
    process.exitCode = 1;
  },
);
