import { ConfigError } from '@sync360/core';
import { runWatchdog } from '@sync360/github';
import { exitCodes, type CliFlags, type Io } from '../cli.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { notifyWatchdogToSlack } from '../notify/slack-notify.js';

/** Alerts when the nightly workflow had no successful run in the last 26 hours (exit 3). */
export const watchdogCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  if (config.github === null) {
    throw new ConfigError(
      'github-missing',
      'watchdog needs GITHUB_TOKEN and GITHUB_REPOSITORY to read the nightly runs.',
      'Set both (in GitHub Actions: GITHUB_TOKEN: ${{ github.token }} with permissions actions: read).',
    );
  }
  // Judged on the runs whose `deliver` job succeeded: a guard-skipped firing also ends green.
  const verdict = await runWatchdog({ ...config.github }, new Date());
  if (flags.json) io.out(JSON.stringify(verdict, null, 2));
  else io.out(`${verdict.healthy ? 'ok' : 'ALERT'}: ${verdict.reason}`);
  if (verdict.healthy) return exitCodes.ok;
  if (config.slack !== null) {
    const warning = await notifyWatchdogToSlack(config.slack, verdict);
    if (warning !== null) io.err(`Warning: Slack: ${warning}`);
  } else {
    io.err(
      'Warning: Slack is not configured (SLACK_BOT_TOKEN, SLACK_CHANNEL_ID): the alert is only in this output.',
    );
  }
  return exitCodes.guard;
};
