import type { CommandName } from './args.js';

const general = `sync360 — Lucca -> 360Learning user file, delivered nightly

Usage: sync360 <command> [flags]

Commands:
  run         fetch -> build -> validate -> diff -> guard -> deliver -> report -> notify
  build       offline: --input Lucca users JSON in, --out 360 CSV out; prints the validation report
  reminders   employees whose 360 status an HR admin must set (--notify posts them to Slack)
  watchdog    alerts Slack when the nightly workflow had no successful run in 26 hours
  doctor      checks configuration and reaches every configured system

Source (run, build, reminders, doctor): the Lucca API when LUCCA_BASE_URL and LUCCA_API_KEY are
set, else --input FILE [--definitions FILE], else the bundled demo data.

Exit codes: 0 ok, 1 internal error, 2 usage/configuration, 3 blocked by the safety guard,
4 Lucca error, 5 delivery error, 6 --strict with data errors.
Run \`sync360 <command> --help\` for its flags.`;

const byCommand: Record<CommandName, string> = {
  run: `Usage: sync360 run [flags]
  --dry-run            everything but delivery and state update; prints the diff
  --force              override the safety guard (recorded in the report)
  --strict             data errors fail the run (exit 6), nothing delivered
  --report FILE        write the JSON report
  --input FILE         Lucca users JSON instead of the API (--definitions FILE for entry-id statuses)
  --out DIR            deliver into DIR instead of SFTP
  --redact             name employees by employee number only (default under GitHub Actions)
  --json               print the report as JSON instead of the human summary`,
  build: `Usage: sync360 build --input FILE --out FILE [--definitions FILE] [--report FILE] [--json]
  Offline build: reads Lucca users JSON, writes the 360 CSV, prints the validation report.
  Without --input the source is chosen as for run (API when configured, else the demo).`,
  reminders: `Usage: sync360 reminders [--notify] [--json] [--input FILE [--definitions FILE]] [--redact]
  Lists onboarding, offboarding and fix-data tasks, most overdue first.
  --notify posts them to SLACK_CHANNEL_ID.`,
  watchdog: `Usage: sync360 watchdog [--json]
  Reads the nightly workflow's recent runs (GITHUB_TOKEN, GITHUB_REPOSITORY) and alerts Slack when
  no successful run happened in the last 26 hours. Exit 0 healthy, 3 alerted.`,
  doctor: `Usage: sync360 doctor [--json] [--input FILE [--definitions FILE]]
  One line per check (ok / FAIL + the fix); exit 0 only when every configured check passes.`,
};

export const helpText = (command: CommandName | null): string =>
  command === null ? general : byCommand[command];
