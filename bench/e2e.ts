import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { makeLuccaUsers, startFakeLucca } from '@sync360/testkit/lucca-server';
import { findSshd, startSshd } from '@sync360/testkit/sshd';
import { runnerBundle } from '../apps/runner/bundle.mjs';
import { bundledScript, median, repoRoot, runScenario, timeProcess } from './child.js';
import { partResultSchema, type PartInput } from './e2e-parts.js';
import { benchToday } from './fixtures.js';

export interface EndToEndResult {
  readonly employees: number;
  readonly runMs: number;
  readonly fetchMs: number;
  readonly buildMs: number;
  readonly uploadMs: number;
  readonly startupMs: number;
  readonly rounds: number;
}

const launcher = join(repoRoot, 'apps/runner/launch.mjs');

/** Wall time of one `sync360` process (as `pnpm sync360` starts it), from spawn to exit. */
const timeCli = async (
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  cwd: string,
): Promise<number> =>
  (await timeProcess(launcher, args, { cwd, env, usageHook: join(cwd, 'usage', 'main.js') })).ms;

/**
 * `sync360 run` end to end through the real CLI: 10,000 employees from the fake Lucca (local HTTP)
 * to a real OpenSSH sshd on loopback, against yesterday's identical file. Compared with the sum
 * of its parts, each timed alone in a fresh process; process start-up (`sync360 --help`) is shown
 * apart since no part includes it.
 */
export const benchEndToEnd = async (employees = 10_000, rounds = 3): Promise<EndToEndResult> => {
  if (findSshd() === null)
    throw new Error('sshd not found: install openssh-server (.ci/install-sshd.sh)');
  const temp = await makeTempDir('sync360-bench-e2e-');
  const lucca = await startFakeLucca({
    users: makeLuccaUsers(employees, { today: benchToday }),
    today: benchToday,
  });
  const sshd = await startSshd();
  try {
    await runnerBundle();
    await bundledScript('bench/peak-rss.ts', join(temp.path, 'usage'));
    const remoteDir = join(sshd.dir, 'inbox');
    await mkdir(remoteDir);
    const stateDir = join(temp.path, 'state');
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: temp.path,
      LUCCA_BASE_URL: lucca.url,
      LUCCA_API_KEY: lucca.apiKey,
      SFTP_HOST: sshd.host,
      SFTP_PORT: String(sshd.port),
      SFTP_USERNAME: sshd.username,
      SFTP_PRIVATE_KEY: sshd.privateKey,
      SFTP_HOST_KEY_SHA256: sshd.fingerprint,
      SFTP_REMOTE_DIR: remoteDir,
      SYNC360_STATE_DIR: stateDir,
      SYNC360_TODAY: benchToday,
    };
    const input: Omit<PartInput, 'part'> = {
      luccaUrl: lucca.url,
      luccaKey: lucca.apiKey,
      statePath: join(stateDir, 'last-delivered.csv'),
      sftp: {
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        privateKey: sshd.privateKey,
        pin: sshd.fingerprint,
        remoteDir,
      },
    };
    const part = async (name: PartInput['part']): Promise<number> =>
      (
        await runScenario(
          'e2e-parts.ts',
          [JSON.stringify({ ...input, part: name })],
          partResultSchema,
        )
      ).ms;
    // The first run has no baseline; the measured ones diff against it, like every night.
    await timeCli(['run'], env, temp.path);
    const times = { run: [0], fetch: [0], build: [0], upload: [0], startup: [0] };
    for (const list of Object.values(times)) list.length = 0;
    for (let round = 0; round < rounds; round += 1) {
      times.run.push(await timeCli(['run'], env, temp.path));
      times.fetch.push(await part('fetch'));
      times.build.push(await part('build'));
      times.upload.push(await part('upload'));
      times.startup.push(await timeCli(['--help'], env, temp.path));
    }
    return {
      employees,
      runMs: median(times.run),
      fetchMs: median(times.fetch),
      buildMs: median(times.build),
      uploadMs: median(times.upload),
      startupMs: median(times.startup),
      rounds,
    };
  } finally {
    await sshd.close();
    await lucca.close();
    await temp.cleanup();
  }
};
