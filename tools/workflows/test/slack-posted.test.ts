import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slackPosted } from '../src/slack-posted.js';
import { REPO_ROOT } from './workflow-files.js';

const report = (warnings: unknown): string =>
  JSON.stringify({ version: 1, outcome: 'failed', warnings });

describe('slackPosted', () => {
  it('is true for a report without a Slack warning, when Slack was configured', () => {
    expect(slackPosted(report([]), true)).toBe(true);
    expect(slackPosted(report(['no former employee came back']), true)).toBe(true);
  });

  it('is false when the CLI says its post failed', () => {
    expect(slackPosted(report(['Slack: could not reach Slack (timeout)']), true)).toBe(false);
  });

  it('is false without Slack configured, without a report, or with an unreadable one', () => {
    expect(slackPosted(report([]), false)).toBe(false);
    expect(slackPosted(null, true)).toBe(false);
    expect(slackPosted('{"version":1,', true)).toBe(false);
    expect(slackPosted(JSON.stringify({ version: 1 }), true)).toBe(false);
    expect(slackPosted(report([42]), true)).toBe(false);
  });
});

describe('slack-posted-cli', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sync360-posted-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = join(REPO_ROOT, 'tools', 'workflows', 'src', 'slack-posted-cli.ts');

  const run = (reportText: string | null, env: Record<string, string>, name: string): string => {
    const path = join(dir, `${name}.json`);
    if (reportText !== null) writeFileSync(path, reportText);
    const output = join(dir, `${name}.out`);
    writeFileSync(output, '');
    const result = spawnSync(process.execPath, ['--import', 'tsx', cli, path], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', GITHUB_OUTPUT: output, ...env },
    });
    expect(result.status, result.stderr).toBe(0);
    return readFileSync(output, 'utf8');
  };
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CHANNEL_ID: 'C0OPS' };

  it('writes slack_posted=true after a report the CLI posted', () => {
    expect(run(report([]), slack, 'posted')).toBe('slack_posted=true\n');
  });

  it('writes slack_posted=false, and still succeeds, when there is no report', () => {
    expect(run(null, slack, 'missing')).toBe('slack_posted=false\n');
  });

  it('writes slack_posted=false when Slack was not configured for the run', () => {
    expect(run(report([]), { SLACK_BOT_TOKEN: '', SLACK_CHANNEL_ID: 'C0OPS' }, 'off')).toBe(
      'slack_posted=false\n',
    );
  });
});
