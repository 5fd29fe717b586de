import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeLuccaUsers, startFakeLucca } from '@sync360/testkit/lucca-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { killStrays, sleep, stackLine, startCli, today } from './helpers.js';

describe('the working folder disappears under a running sync360', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await killStrays();
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  // Node's recursive mkdir of a relative path loops forever once the cwd is deleted: a job whose
  // workspace is cleaned under it (CI cancel, test timeout) kept a process burning a CPU.
  it('stops with an error instead of spinning at 100 % CPU', async () => {
    const lucca = await startFakeLucca({
      users: makeLuccaUsers(5, { today }),
      today,
      latencyMs: 800,
    });
    const cwd = await makeTempDir('sync360-lost-cwd-');
    closers.push(lucca.close, cwd.cleanup);
    const cli = startCli(['run'], cwd.path, {
      LUCCA_BASE_URL: lucca.url,
      LUCCA_API_KEY: lucca.apiKey,
      SYNC360_OUTPUT_DIR: 'out/nightly',
    });
    while (!existsSync(join(cwd.path, '.sync360/run.lock'))) await sleep(10);
    await rm(cwd.path, { recursive: true, force: true });
    const outcome = await Promise.race([cli.done, sleep(20_000).then(() => null)]);
    expect(outcome, 'sync360 still running 20 s after its folder was deleted').not.toBeNull();
    expect(outcome?.signal).toBeNull();
    expect(outcome?.code, outcome?.stderr).toBe(5);
    expect(outcome?.stderr).toMatch(
      /Error \[local-write-failed\]: Cannot write \S*out\/nightly\/users\.csv \(ENOENT\)/,
    );
    expect(outcome?.stderr).not.toMatch(stackLine);
  }, 40_000);
});
