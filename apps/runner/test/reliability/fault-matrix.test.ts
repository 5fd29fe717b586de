import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeGithub, type FakeGithub } from '@sync360/testkit/github-api';
import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { startSftpServer, type SftpTestServer } from '@sync360/testkit/sftp-server';
import { startFakeSlack, type FakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  digestOf,
  expectedFile,
  killStrays,
  labelUsers,
  readReport,
  runCli,
  sha256,
  stackLine,
  today,
  writeInput,
} from './helpers.js';

/** Shared local peers; each row scripts their faults, and gets its own folders. */
interface Peers {
  readonly lucca: FakeLucca;
  readonly sftp: SftpTestServer;
  readonly slack: FakeSlack;
  readonly github: FakeGithub;
}

interface Row {
  readonly name: string;
  /** `lucca`: the fake Lucca API; `input`: the same users as an --input file. */
  readonly source: 'lucca' | 'input';
  readonly delivery: 'local' | 'sftp';
  /** Sets the faults; returns the extra environment of the run. */
  readonly arrange: (peers: Peers) => Promise<Record<string, string>>;
  readonly exitCode: number;
  /** `failure.code` of the report, null for a success. */
  readonly failure: string | null;
  /** What the user reads on stderr (failures) or in the summary (warnings). */
  readonly told: RegExp;
  /** Connections the SFTP server saw: retried only when retrying can help. */
  readonly sftpConnections?: number;
}

const users = 30;
const password = 'fault-matrix-password-7c1e';
const slackToken = 'xoxb-fault-matrix-token';
const githubToken = 'ghs_fault_matrix_token';
const fast = {
  LUCCA_RETRIES: '1',
  LUCCA_RETRY_DELAY_MS: '20',
  SFTP_ATTEMPTS: '2',
  SFTP_RETRY_DELAY_MS: '20',
  SFTP_TIMEOUT_MS: '2000',
  SFTP_CONNECT_TIMEOUT_MS: '2000',
};
const otherFingerprint = 'SHA256:' + 'A'.repeat(43);

const luccaEnv = (peers: Peers): Record<string, string> => ({
  LUCCA_BASE_URL: peers.lucca.url,
  LUCCA_API_KEY: peers.lucca.apiKey,
});

const rows: ReadonlyArray<Row> = [
  {
    name: 'Lucca down (connection refused)',
    source: 'lucca',
    delivery: 'local',
    arrange: async (peers) => ({
      ...luccaEnv(peers),
      LUCCA_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
    }),
    exitCode: 4,
    failure: 'lucca-unreachable',
    told: /Lucca is unreachable: .*network error.*after 2 attempts/,
  },
  {
    name: 'Lucca slow (every request times out)',
    source: 'lucca',
    delivery: 'local',
    arrange: async (peers) => {
      peers.lucca.update({ latencyMs: 3_000 });
      return { ...luccaEnv(peers), LUCCA_TIMEOUT_MS: '150' };
    },
    exitCode: 4,
    failure: 'lucca-unreachable',
    told: /no answer within 0\.15 s after 2 attempts/,
  },
  {
    name: 'Lucca 429 storm',
    source: 'lucca',
    delivery: 'local',
    arrange: async (peers) => {
      peers.lucca.update({
        retryAfter: 0,
        faults: Array.from({ length: 20 }, () => '429' as const),
      });
      return { ...luccaEnv(peers), LUCCA_RETRIES: '3' };
    },
    exitCode: 4,
    failure: 'lucca-rate-limited',
    told: /kept refusing requests as too many \(HTTP 429\).*after 4 attempts/,
  },
  {
    name: 'Lucca truncated JSON',
    source: 'lucca',
    delivery: 'local',
    arrange: async (peers) => {
      peers.lucca.setFaults(['malformed']);
      return luccaEnv(peers);
    },
    exitCode: 4,
    failure: 'lucca-bad-response',
    told: /not JSON/,
  },
  {
    name: 'SFTP down (connection refused)',
    source: 'input',
    delivery: 'sftp',
    arrange: async () => ({ SFTP_PORT: String(await closedPort()) }),
    exitCode: 5,
    failure: 'sftp-network',
    told: /connection to the SFTP server .* failed .*ECONNREFUSED.*gave up after 2 attempts/,
  },
  {
    name: 'SFTP connection dropped mid-upload',
    source: 'input',
    delivery: 'sftp',
    arrange: async (peers) => {
      peers.sftp.faults = { dropMidUpload: { afterBytes: 512 } };
      return {};
    },
    exitCode: 5,
    failure: 'sftp-network',
    told: /dropped while uploading.*gave up after 2 attempts/,
    sftpConnections: 2,
  },
  {
    name: 'SFTP host key changed',
    source: 'input',
    delivery: 'sftp',
    arrange: async () => ({ SFTP_HOST_KEY_SHA256: otherFingerprint }),
    exitCode: 5,
    failure: 'sftp-host-key-mismatch',
    told: /matches no pinned key.*No credential was sent/,
    sftpConnections: 1,
  },
  {
    name: 'SFTP disk full (write error)',
    source: 'input',
    delivery: 'sftp',
    arrange: async (peers) => {
      peers.sftp.faults = { writeError: { message: 'No space left on device' } };
      return {};
    },
    exitCode: 5,
    failure: 'sftp-disk-full',
    told: /out of space .*No space left on device/,
    sftpConnections: 1,
  },
  {
    name: 'Slack down (HTTP 500): a warning, never a failed run',
    source: 'input',
    delivery: 'local',
    arrange: async (peers) => {
      peers.slack.failWith({ status: 500 });
      return {
        SLACK_BOT_TOKEN: slackToken,
        SLACK_CHANNEL_ID: 'C0SYNC',
        SLACK_API_URL: peers.slack.url,
      };
    },
    exitCode: 0,
    failure: null,
    told: /Warning: Slack: Run summary not posted to Slack: Slack answered HTTP 500/,
  },
];

describe('sync360 run fault matrix (SPEC §3 exit codes, §7 delivery)', () => {
  let peers: Peers;
  const temps: Array<{ cleanup: () => Promise<void> }> = [];

  beforeAll(async () => {
    peers = {
      lucca: await startFakeLucca({ users: makeLuccaUsers(users, { today }), today }),
      sftp: await startSftpServer({ password }),
      slack: await startFakeSlack({ token: slackToken }),
      github: await startFakeGithub({ token: githubToken }),
    };
  });
  afterEach(async () => {
    await killStrays();
    peers.lucca.update({ latencyMs: 0, retryAfter: 1, faults: [] });
    peers.sftp.faults = {};
    peers.slack.failWith(null);
    peers.github.failWith(null);
  });
  afterAll(async () => {
    await Promise.all([
      peers.lucca.close(),
      peers.sftp.close(),
      peers.slack.close(),
      peers.github.close(),
    ]);
    await Promise.all(temps.map((temp) => temp.cleanup()));
  });

  it.each(rows)('$name', async (row) => {
    const temp = await makeTempDir('sync360-faults-');
    temps.push(temp);
    const cwd = temp.path;
    // Yesterday's file (one title differs) is in the state, and already at the destination.
    const items = labelUsers(users);
    const yesterday = expectedFile(
      items.map((item, index) => (index === 3 ? { ...item, jobTitle: 'Intern' } : item)),
    );
    const tonight = expectedFile(items);
    await mkdir(join(cwd, '.sync360'));
    await writeFile(join(cwd, '.sync360/last-delivered.csv'), yesterday);
    const remoteDir = `inbox-${sha256(new TextEncoder().encode(row.name)).slice(0, 8)}`;
    const destinationDir =
      row.delivery === 'local' ? join(cwd, 'out') : join(peers.sftp.root, remoteDir);
    await mkdir(destinationDir);
    await writeFile(join(destinationDir, 'users.csv'), yesterday);

    const args = ['run', '--report', 'report.json'];
    if (row.source === 'input')
      args.push('--input', await writeInput(join(cwd, 'users.json'), items));
    const sftpEnv =
      row.delivery === 'local'
        ? {}
        : {
            SFTP_HOST: peers.sftp.host,
            SFTP_PORT: String(peers.sftp.port),
            SFTP_USERNAME: peers.sftp.username,
            SFTP_PASSWORD: password,
            SFTP_HOST_KEY_SHA256: peers.sftp.fingerprint,
            SFTP_REMOTE_DIR: remoteDir,
          };
    const env = { ...fast, ...sftpEnv, ...(await row.arrange(peers)) };
    const { connections, logins } = peers.sftp.stats;
    const result = await runCli(args, cwd, env);

    expect(result.code, result.stderr).toBe(row.exitCode);
    expect(result.stderr).not.toMatch(stackLine);
    const report = await readReport(join(cwd, 'report.json'));
    expect(report.failure?.code ?? null).toBe(row.failure);
    const success = row.exitCode === 0;
    expect(report.outcome).toBe(success ? 'delivered' : 'failed');
    expect(success ? result.stdout : result.stderr).toMatch(row.told);
    if (!success) expect(result.stderr).toMatch(/^What to do: .+/m);
    // Delivered: the whole new file or nothing; the state follows the destination.
    const expected = sha256(success ? tonight : yesterday);
    expect(await digestOf(join(destinationDir, 'users.csv'))).toBe(expected);
    expect(await digestOf(join(cwd, '.sync360/last-delivered.csv'))).toBe(expected);
    expect((await readdir(destinationDir)).filter((name) => !name.endsWith('.part'))).toEqual([
      'users.csv',
    ]);
    // A delivery also records which destination the state belongs to.
    expect((await readdir(join(cwd, '.sync360'))).sort()).toEqual(
      success ? ['last-delivered.csv', 'last-delivered.json'] : ['last-delivered.csv'],
    );
    if (row.sftpConnections !== undefined)
      expect(peers.sftp.stats.connections - connections).toBe(row.sftpConnections);
    if (row.failure === 'sftp-host-key-mismatch') expect(peers.sftp.stats.logins).toBe(logins);
    for (const secret of [password, slackToken, peers.lucca.apiKey]) {
      expect(
        result.stdout + result.stderr + (await readFile(join(cwd, 'report.json'), 'utf8')),
      ).not.toContain(secret);
    }
  });

  it('GitHub down: watchdog exits 1 and says GitHub could not be read; nothing else changes', async () => {
    const temp = await makeTempDir('sync360-faults-');
    temps.push(temp);
    peers.github.failWith(500);
    const postsBefore = peers.slack.callsTo('chat.postMessage').length;
    const result = await runCli(['watchdog'], temp.path, {
      GITHUB_TOKEN: githubToken,
      GITHUB_REPOSITORY: peers.github.repository,
      GITHUB_API_URL: peers.github.url,
      SLACK_BOT_TOKEN: slackToken,
      SLACK_CHANNEL_ID: 'C0SYNC',
      SLACK_API_URL: peers.slack.url,
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /Error \[github-api\]: GitHub's API failed while listing runs .*500/,
    );
    expect(result.stderr).not.toMatch(stackLine);
    expect(result.stdout + result.stderr).not.toContain(githubToken);
    expect(peers.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(await readdir(temp.path)).toEqual([]);
  });
});
