import { buildPlan, ConfigError } from '@sync360/core';
import { exitCodes, type CliFlags, type Io } from '../cli.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { notifyRemindersToSlack } from '../notify/slack-notify.js';
import { reminderLine } from '../report/console.js';
import { loadSource } from '../source.js';

/** Onboarding, offboarding and fix-data tasks for HR admins; `--notify` posts them to Slack. */
export const remindersCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  if (flags.notify && config.slack === null) {
    throw new ConfigError(
      'slack-missing',
      '--notify needs Slack: SLACK_BOT_TOKEN and SLACK_CHANNEL_ID are not set.',
      'Set both variables (see README, "Slack app"), or drop --notify.',
    );
  }
  const redact = flags.redact || config.inGithubActions;
  const source = await loadSource(config, flags, config.today, io.err, redact);
  const { reminders } = buildPlan({
    records: source.records,
    previousRows: null,
    today: config.today,
    options: config.plan,
  });
  if (flags.json) {
    io.out(
      JSON.stringify(
        redact ? reminders.map((reminder) => ({ ...reminder, name: '' })) : reminders,
        null,
        2,
      ),
    );
  } else {
    if (source.kind === 'demo') io.out('Source: DEMO DATA (bundled sample, not your Lucca)');
    io.out(
      reminders.length === 0
        ? `No reminders for ${config.today}: every status is set.`
        : `${String(reminders.length)} reminders for ${config.today}, most overdue first:`,
    );
    for (const reminder of reminders) io.out(reminderLine(reminder, redact));
  }
  if (flags.notify && config.slack !== null) {
    const warning = await notifyRemindersToSlack(config.slack, reminders);
    if (warning !== null) io.err(`Warning: Slack: ${warning}`);
    else io.err(`Posted ${String(reminders.length)} reminders to Slack.`);
  }
  return exitCodes.ok;
};
