import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeLuccaUsers } from '@sync360/testkit/lucca-users';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { median, repoRoot, timeProcess, type ProcessRun } from './child.js';
import { benchToday, shuffled } from './fixtures.js';

export interface BuildBench {
  readonly order: 'lucca' | 'shuffled';
  readonly employees: number;
  readonly rows: number;
  readonly bytes: number;
  readonly build: ProcessRun;
  readonly baseline: ProcessRun;
  readonly rounds: number;
}

const medianRun = (runs: ReadonlyArray<ProcessRun>): ProcessRun => ({
  ms: median(runs.map((run) => run.ms)),
  cpuMs: median(runs.map((run) => run.cpuMs)),
  peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
});

/**
 * The whole `sync360 build --input users.json --out users.csv` process on `employees` users
 * (Lucca's JSON in, every mapping rule, reminders, the first-delivery guard, CSV, SHA-256, the
 * printed report) against the whole process of `bench/bare-build.ts` on the same JSON, both
 * started as Node with the tsx loader. Runs alternate, so machine noise hits both alike; medians
 * of `rounds`, peak RSS the highest seen. `lucca` keeps the order the API serves (by Lucca id,
 * mostly by employee number); `shuffled` is the worst case for the sort.
 */
export const benchBuild = async (
  employees: number,
  order: 'lucca' | 'shuffled',
  rounds = 5,
): Promise<BuildBench> => {
  const temp = await makeTempDir('sync360-bench-build-');
  try {
    const users = makeLuccaUsers(employees, { statusStyle: 'value-label', today: benchToday });
    const input = join(temp.path, 'users.json');
    await writeFile(
      input,
      JSON.stringify({ data: { items: order === 'lucca' ? users : shuffled(users, employees) } }),
    );
    const options = {
      cwd: temp.path,
      env: { PATH: process.env['PATH'] ?? '', HOME: temp.path, SYNC360_TODAY: benchToday },
    };
    const build = () =>
      timeProcess(
        join(repoRoot, 'apps/runner/src/main.ts'),
        ['build', '--input', input, '--out', join(temp.path, 'users.csv')],
        options,
      );
    const baseline = () =>
      timeProcess(
        join(repoRoot, 'bench/bare-build.ts'),
        [input, join(temp.path, 'bare.csv')],
        options,
      );
    const builds: ProcessRun[] = [];
    const baselines: ProcessRun[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Alternate which goes first, so neither always runs on a warmer disk cache.
      if (round % 2 === 0) baselines.push(await baseline());
      builds.push(await build());
      if (round % 2 === 1) baselines.push(await baseline());
    }
    const file = await readFile(join(temp.path, 'users.csv'), 'utf8');
    return {
      order,
      employees,
      rows: file.split('\n').length - 2,
      bytes: Buffer.byteLength(file),
      build: medianRun(builds),
      baseline: medianRun(baselines),
      rounds,
    };
  } finally {
    await temp.cleanup();
  }
};
