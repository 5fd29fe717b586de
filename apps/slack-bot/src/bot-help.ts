import { botShape, variablesHelp } from '@sync360/config';

/** `pnpm bot --help`: what the bot is, how it listens, and every variable it reads. */
export const botHelpText = (): string =>
  [
    'sync360 bot: the Slack app of sync360 (/sync360, Approve and Set-status buttons, App Home, watchdog).',
    'Usage: pnpm bot            (configured by environment variables only)',
    '       pnpm bot --help     (this text)',
    'Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on PORT at /slack/events.',
    '',
    'Environment variables:',
    variablesHelp(botShape),
    '',
  ].join('\n');
