import { appendFileSync, readFileSync } from 'node:fs';
import { slackPosted } from './slack-posted.js';

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/**
 * `tsx tools/workflows/src/slack-posted-cli.ts <report.json>`: writes `slack_posted=true|false`
 * to $GITHUB_OUTPUT, so the nightly workflow's last-resort alert stays quiet when the CLI already
 * told Slack. Never fails: an unreadable report is `false` (better one alert too many than none).
 */
const configured =
  (process.env['SLACK_BOT_TOKEN'] ?? '') !== '' && (process.env['SLACK_CHANNEL_ID'] ?? '') !== '';
const posted = slackPosted(readOrNull(process.argv[2] ?? 'reports/report.json'), configured);
process.stdout.write(`slack_posted=${String(posted)}\n`);
const output = process.env['GITHUB_OUTPUT'] ?? '';
if (output !== '') appendFileSync(output, `slack_posted=${String(posted)}\n`);
