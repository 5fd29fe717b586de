import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
  type LuccaFault,
} from '@sync360/testkit/lucca-server';
import type { FakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../cli-harness.js';
import { opsChannel, token, useFakeSlack } from './notify-helpers.js';

// SPEC §10 "Words for HR people", the runner's side: the real CLI against the Lucca and Slack
// fakes, read as an HR admin reads the ops and HR channels.

const today = '2026-11-25';
const hrChannel = 'G0HR';
const runUrl = 'https://github.com/acme/sync360/actions/runs/99';
/** 30 employees, 2 of them left and Inactive: a first delivery the default guard lets through. */
const users = makeLuccaUsers(30, { today });
const names = users.map((user) => `${user.firstName ?? ''} ${user.lastName ?? ''}`);

const textOf = (body: Readonly<Record<string, unknown>> | undefined): string =>
  `${String(body?.text)}\n${JSON.stringify(body?.blocks ?? [])}`;

describe('Slack words for HR people (runner, real CLI)', () => {
  const { start } = useFakeSlack(names);
  let lucca: FakeLucca | null = null;
  let dir: { path: string; cleanup: () => Promise<void> } | null = null;
  afterEach(async () => {
    await lucca?.close();
    await dir?.cleanup();
    lucca = null;
    dir = null;
  });

  const setUp = async (faults: LuccaFault[] = []) => {
    const { slack } = await start({ channels: { [hrChannel]: { private: true } } });
    lucca = await startFakeLucca({ today, users, faults });
    dir = await makeTempDir('sync360-words-');
    const folder = dir.path;
    const env: Record<string, string> = {
      LUCCA_BASE_URL: lucca.url,
      LUCCA_API_KEY: lucca.apiKey,
      LUCCA_RETRY_DELAY_MS: '1',
      SLACK_BOT_TOKEN: token,
      SLACK_CHANNEL_ID: opsChannel,
      SLACK_HR_CHANNEL_ID: hrChannel,
      SLACK_API_URL: slack.url,
      SYNC360_OUTPUT_DIR: join(folder, 'out'),
      SYNC360_STATE_DIR: join(folder, 'state'),
      SYNC360_TODAY: today,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/sync360',
      GITHUB_RUN_ID: '99',
    };
    const run = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
      runCli(['run', ...args], { cwd: folder, env: { ...env, ...extra } });
    return { slack, run, folder };
  };

  const opsPosts = (slack: FakeSlack) =>
    slack.callsTo('chat.postMessage').filter((call) => call.body.channel === opsChannel);
  const hrText = (slack: FakeSlack): string =>
    slack
      .callsTo('chat.postMessage')
      .filter((call) => call.body.channel === hrChannel)
      .map((call) => textOf(call.body))
      .join('\n');

  it('a run stopped before reading Lucca says "not reached", names the stage and that nothing was delivered', async () => {
    const { slack, run } = await setUp(['400']);
    const result = await run([]);
    expect(result.code, result.stderr).toBe(4);
    const posts = opsPosts(slack);
    expect(posts).toHaveLength(1);
    const text = textOf(posts[0]?.body);
    expect(text).toContain('employees: _not reached_');
    expect(text).toContain('*Changes:* _not reached_');
    expect(text).toContain('*Reminders:* _not reached_');
    expect(text).toContain('reading Lucca (`lucca-http-error`, HTTP 400). Nothing was delivered.');
    expect(text).not.toContain('0 employees');
    expect(text).not.toContain('no baseline');
    expect(text).not.toContain('every 360 status is set');
    expect(text).not.toContain('Camille Blanc');
  }, 60_000);

  it('a bad setting: the alert says an admin must change the settings, with the run link', async () => {
    const { slack, run } = await setUp();
    const result = await run([], { SYNC360_CSV_DELIMITER: 'x' });
    expect(result.code, result.stderr).toBe(2);
    const text = textOf(opsPosts(slack)[0]?.body);
    expect(text).toContain("An admin must change sync360's settings");
    expect(text).toContain(`<${runUrl}|the run log>`);
    expect(text).toContain('checking sync360’s settings');
  }, 60_000);

  it('a preview whose guard passes says tonight delivers without approval; its parent keeps "requested by"', async () => {
    const { slack, run } = await setUp();
    const parent = slack.seedMessage(opsChannel);
    const result = await run(['--dry-run'], {
      SYNC360_SLACK_THREAD: `${opsChannel}:${parent}`,
      SYNC360_REQUESTED_BY: 'U0CAMILLE',
    });
    expect(result.code, result.stderr).toBe(0);
    const [summary] = opsPosts(slack);
    expect(summary?.body.thread_ts).toBe(parent);
    expect(textOf(summary?.body)).toContain(
      'tonight’s run will deliver these changes without approval',
    );
    expect(hrText(slack)).toContain('Tonight’s run will deliver these changes without approval');
    expect(hrText(slack)).not.toContain('Nothing is delivered until');
    const [update] = slack.callsTo('chat.update');
    expect(update?.body.ts).toBe(parent);
    expect(textOf(update?.body)).toContain('requested by <@U0CAMILLE>');
  }, 60_000);

  it('a preview whose guard trips says tonight’s run will be blocked until someone approves', async () => {
    const { slack, run } = await setUp();
    const result = await run(['--dry-run'], { SYNC360_MAX_DEACTIVATIONS: '1' });
    expect(result.code, result.stderr).toBe(3);
    expect(textOf(opsPosts(slack)[0]?.body)).toContain(
      'tonight’s run will be blocked until someone approves',
    );
    expect(hrText(slack)).toContain('Tonight’s run will be blocked until someone approves it');
  }, 60_000);

  it('a blocked run posts one alert and its named list; once approved, the alert line shows "delivered · approved by"', async () => {
    const { slack, run, folder } = await setUp();
    const blocked = await run(['--report', join(folder, 'blocked.json')], {
      SYNC360_MAX_DEACTIVATIONS: '1',
    });
    expect(blocked.code, blocked.stderr).toBe(3);
    const alerts = opsPosts(slack);
    expect(alerts).toHaveLength(1);
    expect(textOf(alerts[0]?.body)).toContain('sync360_approve');
    expect(hrText(slack)).toContain('Would be deactivated');
    expect(hrText(slack)).toContain('Nothing is delivered until someone approves it');
    const report: unknown = JSON.parse(await readFile(join(folder, 'blocked.json'), 'utf8'));
    const sha = String(Reflect.get(Object(Reflect.get(Object(report), 'file')), 'sha256'));
    // The alert's ts: the bot passes it as the thread when someone presses Approve.
    const ts = alerts[0]?.ts ?? '';
    const approved = await run(['--approve', sha], {
      SYNC360_MAX_DEACTIVATIONS: '1',
      SYNC360_SLACK_THREAD: `${opsChannel}:${ts}`,
      SYNC360_REQUESTED_BY: 'U0BOSS',
    });
    expect(approved.code, approved.stderr).toBe(0);
    const replies = opsPosts(slack).filter((call) => call.body.thread_ts === ts);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]?.body)).toContain('approved by <@U0BOSS>');
    const [update] = slack.callsTo('chat.update');
    expect(update?.body.ts).toBe(ts);
    expect(textOf(update?.body)).toContain('delivered · approved by <@U0BOSS>');
  }, 90_000);
});
