import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { makeLuccaUsers } from '@sync360/testkit/lucca-users';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { runnerBundle } from '../apps/runner/bundle.mjs';
import { bundledScript, median, repoRoot, timeProcess, type ProcessRun } from './child.js';
import { benchToday, shuffled } from './fixtures.js';

export interface BuildBench {
  readonly order: 'lucca' | 'shuffled';
  readonly employees: number;
  readonly rows: number;
  readonly bytes: number;
  /** Medians of the runs (peak RSS: the highest seen). */
  readonly build: ProcessRun;
  readonly baseline: ProcessRun;
  /** Medians of the ratios of each interleaved pair. */
  readonly cpuRatio: number;
  readonly wallRatio: number;
  readonly pairs: number;
  /** The machine's 1-minute load average when the pairs started and when they ended. */
  readonly load: readonly [number, number];
}

const medianRun = (runs: ReadonlyArray<ProcessRun>): ProcessRun => ({
  ms: median(runs.map((run) => run.ms)),
  cpuMs: median(runs.map((run) => run.cpuMs)),
  peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
});

const pairRatio = (
  builds: ReadonlyArray<ProcessRun>,
  baselines: ReadonlyArray<ProcessRun>,
  figure: (run: ProcessRun) => number,
): number => median(builds.map((run, index) => figure(run) / figure(baselines[index] ?? run)));

/**
 * The whole `sync360 build --input users.json --out users.csv` process on `employees` users
 * (Lucca's JSON in, every mapping rule, reminders, the first-delivery guard, CSV, SHA-256, the
 * printed report) against the whole process of `bench/bare-build.ts` on the same JSON, both
 * started the same way (plain Node on bundled JavaScript, as `pnpm sync360` runs). The two alternate in
 * pairs, so machine noise hits both alike; each ratio is the median of the pairs' ratios.
 * `lucca` keeps the order the API serves (by Lucca id, mostly by employee number); `shuffled` is
 * the worst case for the sort.
 */
export const benchBuild = async (
  employees: number,
  order: 'lucca' | 'shuffled',
  pairs: number,
): Promise<BuildBench> => {
  const temp = await makeTempDir('sync360-bench-build-');
  try {
    const users = makeLuccaUsers(employees, { statusStyle: 'value-label', today: benchToday });
    const input = join(temp.path, 'users.json');
    await writeFile(
      input,
      JSON.stringify({ data: { items: order === 'lucca' ? users : shuffled(users, employees) } }),
    );
    users.length = 0;
    // Both as plain Node on JavaScript built by the runner's bundler: the product through its
    // launcher (`pnpm sync360`), the bare script bundled the same way.
    await runnerBundle();
    const bare = await bundledScript('bench/bare-build.ts', join(temp.path, 'bare'));
    const options = {
      cwd: temp.path,
      env: { PATH: process.env['PATH'] ?? '', HOME: temp.path, SYNC360_TODAY: benchToday },
      usageHook: await bundledScript('bench/peak-rss.ts', join(temp.path, 'usage')),
    };
    const build = () =>
      timeProcess(
        join(repoRoot, 'apps/runner/launch.mjs'),
        ['build', '--input', input, '--out', join(temp.path, 'users.csv')],
        options,
      );
    const baseline = () => timeProcess(bare, [input, join(temp.path, 'bare.csv')], options);
    const builds: ProcessRun[] = [];
    const baselines: ProcessRun[] = [];
    const loadBefore = loadavg()[0] ?? 0;
    for (let pair = 0; pair < pairs; pair += 1) {
      // Alternate which goes first, so neither always runs on a warmer disk cache.
      if (pair % 2 === 0) baselines.push(await baseline());
      builds.push(await build());
      if (pair % 2 === 1) baselines.push(await baseline());
    }
    const loadAfter = loadavg()[0] ?? 0;
    const file = await readFile(join(temp.path, 'users.csv'), 'utf8');
    return {
      order,
      employees,
      rows: file.split('\n').length - 2,
      bytes: Buffer.byteLength(file),
      build: medianRun(builds),
      baseline: medianRun(baselines),
      cpuRatio: pairRatio(builds, baselines, (run) => run.cpuMs),
      wallRatio: pairRatio(builds, baselines, (run) => run.ms),
      pairs,
      load: [loadBefore, loadAfter],
    };
  } finally {
    await temp.cleanup();
  }
};
