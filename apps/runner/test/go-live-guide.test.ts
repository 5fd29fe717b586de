import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeLucca, makeLuccaUsers, type FakeLucca } from '@sync360/testkit/lucca-server';
import { startSftpServer, type SftpTestServer } from '@sync360/testkit/sftp-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spawnAndCollect, type CliResult } from './cli-harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const guidePath = join(root, 'docs/go-live.md');

/** The guide's shell blocks, so these tests run what a newcomer would paste. */
const shellBlocks = async (): Promise<string[]> => {
  const text = await readFile(guidePath, 'utf8');
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
};

const blockWith = (blocks: ReadonlyArray<string>, needle: string): string => {
  const block = blocks.find((candidate) => candidate.includes(needle));
  if (block === undefined) throw new Error(`docs/go-live.md has no sh block with "${needle}"`);
  return block;
};

/** `pnpm sync360 …` inside a block runs the real CLI of this checkout. */
const pnpmShim = `pnpm() { [ "$1" = sync360 ] || return 99; shift; "${join(root, 'node_modules/.bin/tsx')}" "${join(root, 'apps/runner/src/main.ts')}" "$@"; }\n`;

const runShell = (script: string, cwd: string, env: Record<string, string>): Promise<CliResult> =>
  spawnAndCollect('bash', ['-euo', 'pipefail', '-c', pnpmShim + script], { cwd, env });

describe('docs/go-live.md commands', () => {
  let blocks: string[];
  let dir: { path: string; cleanup: () => Promise<void> };
  let lucca: FakeLucca;
  let sftp: SftpTestServer;

  beforeAll(async () => {
    blocks = await shellBlocks();
    dir = await makeTempDir('sync360-guide-');
    // More than one page of 1,000: the capture loop must read them all.
    lucca = await startFakeLucca({ users: makeLuccaUsers(1005, { statusStyle: 'entry' }) });
    sftp = await startSftpServer();
  });

  afterAll(async () => {
    await lucca.close();
    await sftp.close();
    await dir.cleanup();
  });

  it('generates the SFTP key pair with a private half only its owner can read', async () => {
    const result = await runShell(blockWith(blocks, 'ssh-keygen -t ed25519'), dir.path, {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ssh-ed25519 AAAA\S+ sync360$/m);
    expect((await stat(join(dir.path, 'sync360_sftp'))).mode & 0o777).toBe(0o600);
  });

  it("prints the server's fingerprint in the form SFTP_HOST_KEY_SHA256 takes", async () => {
    const block = blockWith(blocks, 'ssh-keyscan')
      .replace('-p 22', `-p ${String(sftp.port)}`)
      .replace('sftp.example.360learning.com', sftp.host);
    const result = await runShell(block, dir.path, {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(sftp.fingerprint);
  });

  it('captures every page of users and the definitions with curl and builds the file offline', async () => {
    const result = await runShell(blockWith(blocks, 'curl'), dir.path, {
      LUCCA_BASE_URL: lucca.url,
      LUCCA_API_KEY: lucca.apiKey,
    });
    expect(result.code, result.stderr).toBe(0);
    const csv = await readFile(join(dir.path, 'try/users.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'uniqueId,email,firstName,lastName,title,language,managerId,status',
    );
    expect(csv.trimEnd().split('\n').length).toBeGreaterThan(1);
    expect((await stat(join(dir.path, 'users.json'))).mode & 0o077).toBe(0);
    const captured = z
      .object({ data: z.object({ items: z.array(z.unknown()) }) })
      .parse(JSON.parse(await readFile(join(dir.path, 'users.json'), 'utf8')));
    expect(captured.data.items).toHaveLength(1005);
    const asked = lucca.usersRequests();
    expect(asked.map((request) => request.query['paging'])).toEqual(['0,1000', '1000,1000']);
    expect(asked[0]?.query['formerEmployees']).toBe('true');
  });

  it("the first doctor, after the install, reads the tenant's field and users", async () => {
    const block = blockWith(blocks, 'LUCCA_API_KEY=your-read-key pnpm sync360 doctor')
      .replace('https://acme.ilucca.net', lucca.url)
      .replace('your-read-key', lucca.apiKey);
    const result = await runShell(block, dir.path, {});
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ok\s+lucca\s/m);
  });

  it('installs before the first doctor', () => {
    const install = blocks.findIndex((block) => block.includes('pnpm@10.34.8 install'));
    const doctor = blocks.findIndex((block) => block.includes('pnpm sync360 doctor'));
    expect(install).toBeGreaterThan(-1);
    expect(install).toBeLessThan(doctor);
  });
});
