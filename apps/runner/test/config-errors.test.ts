import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema } from '@sync360/core';
import { generateTestKeyPair } from '@sync360/testkit/sftp-keys';
import { startFakeSlack, type FakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { root, runCli, user, writeUsers } from './cli-harness.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await makeTempDir('sync360-config-');
});
afterEach(async () => dir.cleanup());

const readReport = async (name = 'report.json') =>
  reportSchema.parse(JSON.parse(await readFile(join(dir.path, name), 'utf8')));

/** Each line of the configuration error, by the variable it starts with. */
const problemLines = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line.startsWith('  - '));

describe('configuration errors: every bad variable at once, exit 2, before any network call', () => {
  it('names each mistake with its fix', async () => {
    const keys = generateTestKeyPair();
    const result = await runCli(['run', '--out', 'local'], {
      cwd: dir.path,
      env: {
        LUCCA_BASE_URL: 'https://acme.ilucca.net/api/v3',
        LUCCA_API_KEY: 'lucca-key-0123456789',
        API360_BASE_URL: 'http://app.360learning.com',
        SLACK_BOT_TOKEN: 'xoxb-config-token-1',
        SLACK_CHANNEL_ID: 'C0SYNC',
        SLACK_API_URL: 'http://slack.example.com/api/',
        GITHUB_API_URL: 'http://github.example.com',
        SYNC360_FILE_NAME: 'users-{day}-{date}.csv',
        SYNC360_HEADER: 'id,email,first,last,title,lang,email,status',
        SYNC360_ACTIVE_LABELS: 'Aktiv, Inactif',
        SFTP_HOST: 'sftp.example.com',
        SFTP_USERNAME: 'acme',
        SFTP_PRIVATE_KEY: keys.public,
        SFTP_HOST_KEY_SHA256: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
        API360_CLIENT_ID: 'client-id',
        LUCCA_MAX_EMPLOYEES: 'lots',
      },
    });
    expect(result.code).toBe(2);
    const lines = problemLines(result.stderr);
    const line = (start: string): string =>
      lines.find((text) => text.startsWith(`  - ${start}`)) ?? '';
    expect(line('LUCCA_BASE_URL')).toContain(
      'set it to https://acme.ilucca.net (remove "/api/v3")',
    );
    expect(line('API360_BASE_URL')).toMatch(/http:\/\/.*unencrypted; use https:\/\//);
    expect(line('SLACK_API_URL')).toMatch(/http:\/\/.*unencrypted/);
    expect(line('GITHUB_API_URL')).toMatch(/http:\/\/.*unencrypted/);
    expect(line('SYNC360_FILE_NAME')).toContain('{day}');
    expect(line('SYNC360_FILE_NAME')).not.toContain('{date}:');
    expect(line('SYNC360_HEADER')).toContain('email more than once');
    expect(line('SYNC360_ACTIVE_LABELS')).toContain('inactif cannot mean both Active and Inactive');
    expect(line('SFTP_PRIVATE_KEY:')).toContain('this is a public key');
    expect(line('SFTP_HOST / API360_CLIENT_ID')).toContain('two destinations');
    expect(line('API360_CLIENT_SECRET')).toContain(
      'API360_CLIENT_ID and API360_CLIENT_SECRET go together',
    );
    expect(line('LUCCA_MAX_EMPLOYEES')).toContain('whole number');
    expect(result.stderr + result.stdout).not.toContain('lucca-key-0123456789');
    expect(result.stderr + result.stdout).not.toContain('xoxb-config-token-1');
    expect(existsSync(join(dir.path, 'local'))).toBe(false);
  });

  it.each([
    [
      'SFTP_PGP_PUBLIC_KEY without SFTP',
      { SFTP_PGP_PUBLIC_KEY: '-----BEGIN PGP PUBLIC KEY BLOCK-----' },
      'SFTP_PGP_PUBLIC_KEY',
    ],
    [
      'one of the two API360 credentials',
      { API360_CLIENT_SECRET: 'api-secret-value' },
      'API360_CLIENT_ID',
    ],
    [
      'the write key of the bot',
      { LUCCA_WRITE_API_KEY: 'write-key-value-42' },
      'LUCCA_WRITE_API_KEY',
    ],
  ])('%s is exit 2, with --out too', async (_, env, variable) => {
    const result = await runCli(['run', '--out', 'local', '--report', 'report.json'], {
      cwd: dir.path,
      env,
    });
    expect(result.code).toBe(2);
    expect(problemLines(result.stderr).some((line) => line.includes(variable))).toBe(true);
    expect((await readReport()).failure?.code).toBe('config-invalid');
  });

  it('SYNC360_LEGAL_ENTITIES matching nobody is exit 2 listing the entities that exist', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [
      user(1, { legalEntity: { id: 7 } }),
      user(2, { legalEntity: { id: 12 } }),
    ]);
    const result = await runCli(['run', '--input', input, '--report', 'report.json'], {
      cwd: dir.path,
      env: { SYNC360_LEGAL_ENTITIES: '3,4' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Error [legal-entities-unknown]');
    expect(result.stderr).toContain('their legal entities are: 7, 12');
    expect(existsSync(join(dir.path, 'out'))).toBe(false);
    expect((await readReport()).outcome).toBe('failed');
  });

  it('SYNC360_STATE_DIR on a file or a read-only place is exit 2 naming it', async () => {
    await writeFile(join(dir.path, 'state-file'), 'not a folder');
    const onFile = await runCli(['run'], {
      cwd: dir.path,
      env: { SYNC360_STATE_DIR: 'state-file' },
    });
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain('Error [folder-is-a-file]: SYNC360_STATE_DIR is state-file');
    // Root may write anywhere on a normal disk; /sys refuses new folders even to root.
    let readOnly = '/sys/sync360-state';
    if (process.getuid?.() !== 0) {
      await mkdir(join(dir.path, 'locked'), { mode: 0o500 });
      readOnly = join(dir.path, 'locked/state');
    }
    const denied = await runCli(['run'], { cwd: dir.path, env: { SYNC360_STATE_DIR: readOnly } });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(
      new RegExp(`Error \\[folder-(read-only|is-a-file)\\]: SYNC360_STATE_DIR is ${readOnly}`),
    );
    expect(existsSync(join(dir.path, 'out'))).toBe(false);
  });

  it('SYNC360_DEFAULT_LANGUAGE is read in any case', async () => {
    const input = await writeUsers(join(dir.path, 'users.json'), [user(1, { culture: null })]);
    const result = await runCli(['build', '--input', input, '--out', 'users.csv'], {
      cwd: dir.path,
      env: { SYNC360_DEFAULT_LANGUAGE: 'EN' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(join(dir.path, 'users.csv'), 'utf8')).toContain(',Comptable,en,,Active');
  });
});

describe('command line', () => {
  it.each([
    [
      ['run', '--nope'],
      /^sync360: Unknown flag --nope for `sync360 run`: it takes --dry-run, .*--approve SHA256, .*--out DIR, .*--help\.$/,
    ],
    [
      ['frobnicate'],
      /^sync360: Unknown command "frobnicate": the commands are run, build, reminders, watchdog, doctor, history, rules, help\.$/,
    ],
    [
      ['reminders', '--force'],
      /^sync360: Unknown flag --force for `sync360 reminders`: it takes --input FILE, .*--notify/,
    ],
    [
      ['run', '--approve', 'abc123'],
      /^sync360: --approve needs the sha256 .* at least its first 12/,
    ],
    [['run', '--approve', 'z'.repeat(64)], /^sync360: --approve needs the sha256/],
  ])('%j is one short line naming what is valid, exit 2', async (args, line) => {
    const result = await runCli(args, { cwd: dir.path });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(line);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--version, --help saying what wins, and errors as JSON with --json', async () => {
    const version = await runCli(['--version'], { cwd: dir.path });
    expect(version.code).toBe(0);
    const { version: packageVersion } = z
      .object({ version: z.string() })
      .parse(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')));
    expect(packageVersion).not.toBe('0.0.0');
    expect(version.stdout).toBe(`sync360 ${packageVersion}\n`);
    const help = await runCli(['--help'], { cwd: dir.path });
    expect(help.stdout).toMatch(
      /--input FILE \[--definitions FILE\] when given \(it wins\s+over the API\)/,
    );
    const json = await runCli(['run', '--json', '--input', 'missing.json'], { cwd: dir.path });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'input-unreadable',
        message: expect.stringContaining('--input missing.json'),
        hint: expect.stringContaining('--input'),
      },
    });
    const usage = await runCli(['doctor', '--force', '--json'], { cwd: dir.path });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: 'usage' } });
  });
});

describe('a configuration or usage error of run is as loud as an outage', () => {
  let slack: FakeSlack;
  const token = 'xoxb-loud-config-token';
  beforeAll(async () => {
    slack = await startFakeSlack({ token });
  });
  afterAll(async () => slack.close());

  it('writes --report (failed, no source) and alerts Slack, never echoing a secret pasted elsewhere', async () => {
    const slackEnv = {
      SLACK_BOT_TOKEN: token,
      SLACK_CHANNEL_ID: 'C0SYNC',
      SLACK_API_URL: slack.url,
    };
    const apiKey = 'lucca-api-key-pasted-twice';
    const before = slack.callsTo('chat.postMessage').length;
    await mkdir(join(dir.path, 'reports'));
    const result = await runCli(['run', '--report', 'reports/report.json'], {
      cwd: dir.path,
      env: {
        ...slackEnv,
        LUCCA_BASE_URL: 'https://acme.ilucca.net',
        LUCCA_API_KEY: apiKey,
        // The key pasted into the wrong variable: its error must not echo it.
        SFTP_HOST_KEY_SHA256: apiKey,
        SFTP_HOST: 'sftp.example.com',
        SFTP_USERNAME: 'acme',
        SFTP_PASSWORD: 'sftp-password-123',
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SFTP_HOST_KEY_SHA256');
    const report = await readReport('reports/report.json');
    expect(report).toMatchObject({
      outcome: 'failed',
      source: null,
      file: null,
      destination: null,
    });
    expect(report.failure?.code).toBe('config-invalid');
    expect(report.failure?.message).toContain('SFTP_HOST_KEY_SHA256');
    const posts = slack.callsTo('chat.postMessage').slice(before);
    expect(posts.length).toBeGreaterThan(0);
    // Slack is read by HR people: the alert says what to do, never a variable's name (SPEC §10).
    expect(JSON.stringify(posts)).toContain("sync360's settings");
    expect(JSON.stringify(posts)).not.toContain('SFTP_HOST_KEY_SHA256');
    const everything =
      result.stdout + result.stderr + JSON.stringify(report) + JSON.stringify(posts);
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain('sftp-password-123');

    const usage = await runCli(['run', '--report', 'usage.json', '--frobnicate'], {
      cwd: dir.path,
      env: slackEnv,
    });
    expect(usage.code).toBe(2);
    expect((await readReport('usage.json')).failure?.code).toBe('usage');
    const usagePosts = JSON.stringify(
      slack.callsTo('chat.postMessage').slice(before + posts.length),
    );
    expect(usagePosts).toContain("sync360's settings");
    expect(usagePosts).not.toContain('--frobnicate');
  });
});
