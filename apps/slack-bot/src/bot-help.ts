interface BotVariable {
  readonly name: string;
  readonly defaultValue: string;
  readonly meaning: string;
}

/** Every variable the bot reads (the configuration schema's keys), for `pnpm bot --help`. */
const botVariables: ReadonlyArray<BotVariable> = [
  { name: 'SLACK_BOT_TOKEN', defaultValue: 'required', meaning: 'Bot User OAuth Token (xoxb-…)' },
  {
    name: 'SLACK_SIGNING_SECRET',
    defaultValue: '—',
    meaning: 'HTTP mode: verifies Slack requests',
  },
  {
    name: 'SLACK_APP_TOKEN',
    defaultValue: '—',
    meaning: 'app-level token (xapp-…): Socket Mode, no public URL',
  },
  {
    name: 'SLACK_ALLOWED_USER_IDS',
    defaultValue: 'nobody',
    meaning: 'member IDs allowed to use now, preview, pending and the Set-status buttons',
  },
  {
    name: 'SLACK_APPROVER_USER_IDS',
    defaultValue: '= allowed',
    meaning: 'member IDs allowed to press Approve',
  },
  {
    name: 'SLACK_CHANNEL_ID',
    defaultValue: '—',
    meaning: 'ops channel: request threads and watchdog alerts (never names)',
  },
  {
    name: 'SLACK_HR_CHANNEL_ID',
    defaultValue: '—',
    meaning: 'private HR channel: Set-status audit lines (else they go to the clicker)',
  },
  { name: 'SLACK_API_URL', defaultValue: "Slack's", meaning: 'Slack Web API base URL (tests)' },
  {
    name: 'GITHUB_TOKEN',
    defaultValue: 'required',
    meaning: 'fine-grained token, Actions read and write',
  },
  {
    name: 'GITHUB_REPOSITORY',
    defaultValue: 'required',
    meaning: 'owner/name of the repository with the workflow',
  },
  {
    name: 'GITHUB_API_URL',
    defaultValue: "GitHub's",
    meaning: 'GitHub REST API base URL (tests, GitHub Enterprise)',
  },
  {
    name: 'GITHUB_SERVER_URL',
    defaultValue: 'https://github.com',
    meaning: 'web address for links',
  },
  {
    name: 'SYNC360_WORKFLOW',
    defaultValue: 'sync360-nightly.yml',
    meaning: 'workflow file the bot dispatches',
  },
  { name: 'SYNC360_GIT_REF', defaultValue: 'main', meaning: 'ref the bot dispatches on' },
  { name: 'PORT', defaultValue: '3000', meaning: 'HTTP mode: port of /slack/events' },
  {
    name: 'HEALTH_PORT',
    defaultValue: '—',
    meaning: 'serve GET /healthz (200 ok) on this port, both modes',
  },
  {
    name: 'LUCCA_BASE_URL',
    defaultValue: '—',
    meaning: 'tenant origin, e.g. https://acme.ilucca.net (for pending)',
  },
  {
    name: 'LUCCA_API_KEY',
    defaultValue: '—',
    meaning: 'read-only Lucca key (for pending and the Home tab)',
  },
  {
    name: 'LUCCA_WRITE_API_KEY',
    defaultValue: '—',
    meaning:
      'second Lucca key with the edit right on the status field: enables the Set-status buttons',
  },
  {
    name: 'LUCCA_STATUS_FIELD',
    defaultValue: 'e_360_status',
    meaning: 'the Active/Inactive list field',
  },
  {
    name: 'SYNC360_LEGAL_ENTITIES',
    defaultValue: 'all',
    meaning: 'comma list of legal-entity ids',
  },
  {
    name: 'SYNC360_UNIQUE_ID',
    defaultValue: 'employeeNumber',
    meaning: 'or entity-employeeNumber',
  },
  { name: 'SYNC360_ACTIVE_LABELS', defaultValue: '—', meaning: 'extra labels meaning Active' },
  { name: 'SYNC360_INACTIVE_LABELS', defaultValue: '—', meaning: 'extra labels meaning Inactive' },
  { name: 'SYNC360_DEFAULT_LANGUAGE', defaultValue: 'fr', meaning: 'language when unknown' },
  {
    name: 'SYNC360_TIMEZONE',
    defaultValue: 'Europe/Paris',
    meaning: '"today" for reminders, times in messages',
  },
  { name: 'SYNC360_TODAY', defaultValue: '—', meaning: 'YYYY-MM-DD, overrides today (tests)' },
  {
    name: 'SYNC360_ONBOARDING_LEAD_DAYS',
    defaultValue: '7',
    meaning: 'remind this many days before a start',
  },
];

/** `pnpm bot --help`: what the bot is, how it listens, and every variable. */
export const botHelpText = (): string => {
  const width = Math.max(...botVariables.map((variable) => variable.name.length));
  const lines = botVariables.map(
    (variable) =>
      `  ${variable.name.padEnd(width)}  ${variable.meaning} (default: ${variable.defaultValue})`,
  );
  return [
    'sync360 bot: the Slack app of sync360 (/sync360, Approve and Set-status buttons, App Home, watchdog).',
    'Usage: pnpm bot            (configured by environment variables only)',
    '       pnpm bot --help     (this text)',
    'Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on PORT at /slack/events.',
    '',
    'Environment variables:',
    ...lines,
    '',
  ].join('\n');
};
