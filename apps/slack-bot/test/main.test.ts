import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeGithub, type FakeGithub } from '@sync360/testkit/github-api';
import { startFakeSlack, type FakeSlack } from '@sync360/testkit/slack-api';
import { startFakeSocketMode } from '@sync360/testkit/slack-socket';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { afterEach, describe, expect, it } from 'vitest';
import { botEnvSchema } from '../src/config.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Child {
  readonly output: () => string;
  readonly exited: Promise<number | null>;
  readonly stop: () => void;
}

const startMain = (env: Readonly<Record<string, string>>, args: string[] = []): Child => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/slack-bot/src/main.ts', ...args],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { output: () => output, exited, stop: () => child.kill('SIGTERM') };
};

describe('pnpm bot (main.ts)', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('prints the mode and the workspace name from auth.test', async () => {
    const slack: FakeSlack = await startFakeSlack({
      token: 'xoxb-main-test',
      teamName: 'Acme People',
    });
    const github: FakeGithub = await startFakeGithub();
    cleanups.push(
      () => slack.close(),
      () => github.close(),
    );
    const child = startMain({
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_API_URL: slack.url,
      GITHUB_TOKEN: 'ghp_x',
      GITHUB_REPOSITORY: github.repository,
      GITHUB_API_URL: github.url,
      PORT: '0',
    });
    cleanups.push(async () => {
      child.stop();
      await child.exited;
    });
    await waitUntil(() => child.output().includes('sync360 bot running'), 'the start line', 20_000);
    expect(child.output()).toMatch(
      /HTTP mode on port \d+ \(\/slack\/events\), workspace Acme People \(as sync360\)/,
    );
    expect(child.output()).not.toContain('xoxb-main-test');
  }, 30_000);

  const healthOf = async (child: Child): Promise<Response> => {
    await waitUntil(
      () => /Health check: GET \/healthz on port \d+/.test(child.output()),
      'the health line',
      20_000,
    );
    const port = /Health check: GET \/healthz on port (\d+)/.exec(child.output())?.[1] ?? '';
    return fetch(`http://127.0.0.1:${port}/healthz`);
  };

  it('serves GET /healthz on HEALTH_PORT in HTTP mode', async () => {
    const slack = await startFakeSlack({ token: 'xoxb-main-test' });
    cleanups.push(() => slack.close());
    const child = startMain({
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_API_URL: slack.url,
      GITHUB_TOKEN: 'ghp_x',
      GITHUB_REPOSITORY: 'acme/sync360',
      PORT: '0',
      HEALTH_PORT: '0',
    });
    cleanups.push(async () => {
      child.stop();
      await child.exited;
    });
    const health = await healthOf(child);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');
    expect(child.output()).toContain('HTTP mode');
  }, 30_000);

  it('serves GET /healthz on HEALTH_PORT in Socket Mode', async () => {
    const socket = await startFakeSocketMode();
    const slack = await startFakeSlack({ token: 'xoxb-main-test', socketModeUrl: socket.url });
    cleanups.push(
      () => slack.close(),
      () => socket.close(),
    );
    const child = startMain({
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_APP_TOKEN: 'xapp-1-main-test',
      SLACK_API_URL: slack.url,
      GITHUB_TOKEN: 'ghp_x',
      GITHUB_REPOSITORY: 'acme/sync360',
      HEALTH_PORT: '0',
    });
    cleanups.push(async () => {
      child.stop();
      await child.exited;
    });
    const health = await healthOf(child);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');
    expect(child.output()).toContain('Socket Mode (no public URL needed)');
    expect(socket.connections()).toBeGreaterThan(0);
    expect((await fetch(health.url.replace('/healthz', '/other'))).status).toBe(404);
  }, 30_000);

  it('--help prints every variable with its default and exits 0, without config errors', async () => {
    const child = startMain({}, ['--help']);
    expect(await child.exited).toBe(0);
    const output = child.output();
    for (const name of Object.keys(botEnvSchema.shape))
      expect(output).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(output).toContain('(default: e_360_status)');
    expect(output).not.toContain('default: required');
    expect(output).toMatch(/^ {2}SLACK_BOT_TOKEN .*\(secret, required\)$/m);
    expect(output).toMatch(/^ {2}GITHUB_TOKEN .*Actions: read and write/m);
    expect(output).not.toContain('configuration problems');
  }, 30_000);

  it('exits 2 and lists configuration problems', async () => {
    const child = startMain({ SLACK_BOT_TOKEN: 'nope' });
    expect(await child.exited).toBe(2);
    expect(child.output()).toContain('SLACK_BOT_TOKEN must be a bot token');
    expect(child.output()).toContain('GITHUB_TOKEN is not set');
  }, 30_000);

  it('exits 2 when Slack refuses the token', async () => {
    const slack = await startFakeSlack({ token: 'xoxb-right' });
    cleanups.push(() => slack.close());
    const child = startMain({
      SLACK_BOT_TOKEN: 'xoxb-wrong-token',
      SLACK_SIGNING_SECRET: 'signing',
      SLACK_API_URL: slack.url,
      GITHUB_TOKEN: 'ghp_x',
      GITHUB_REPOSITORY: 'acme/sync360',
    });
    expect(await child.exited).toBe(2);
    expect(child.output()).toContain('Slack refused the bot token');
    expect(child.output()).not.toContain('xoxb-wrong-token');
  }, 30_000);
});
