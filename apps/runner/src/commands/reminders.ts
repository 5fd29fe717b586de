import { buildPlan, ConfigError } from '@sync360/core';
import type { CliFlags } from '../cli/args.js';
import { exitCodes } from '../cli/exit-codes.js';
import { todayIn } from '../clock.js';
import type { RunnerConfig } from '../config/runner-config.js';
import type { Io } from '../io.js';
import { who } from '../output/who.js';
import { loadSource } from '../source/load-source.js';
import { notifyRemindersToSlack } from '../notify/slack-notify.js';

/** SPEC §5 tasks for HR admins; `--notify` posts them to Slack (an outage is a warning). */
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
  const today = config.todayOverride ?? todayIn(config.timeZone);
  const source = await loadSource(config, flags, today, io.err);
  const { reminders } = buildPlan({
    records: source.records,
    previousRows: null,
    today,
    options: config.plan,
  });
  const redact = flags.redact || config.inGithubActions;
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
        ? `No reminders for ${today}: every status is set.`
        : `${reminders.length} reminders for ${today}, most overdue first:`,
    );
    for (const reminder of reminders) {
      io.out(
        `  ${reminder.kind.padEnd(11)} ${who(reminder.employeeNumber, reminder.luccaId, reminder.name, redact)} — since ${reminder.dueSince} (${reminder.daysOverdue} d): ${reminder.action}`,
      );
    }
  }
  if (flags.notify && config.slack !== null) {
    const warning = await notifyRemindersToSlack(config.slack, reminders);
    if (warning !== null) io.err(`Warning: Slack: ${warning}`);
    else io.err(`Posted ${reminders.length} reminders to Slack.`);
  }
  return exitCodes.ok;
};
