import { makeTempDir } from '@sync360/testkit/temp-dir';
import { median, runScenario } from './child.js';
import { buildResultSchema } from './build-scenario.js';
import { writeBuildFixture } from './fixtures.js';

export interface BuildBench {
  readonly order: 'lucca' | 'shuffled';
  readonly employees: number;
  readonly buildMs: number;
  readonly baselineMs: number;
  readonly ratio: number;
  readonly peakRssMb: number;
  readonly fixtureRssMb: number;
  readonly parsePreviousMs: number;
  readonly bytes: number;
}

/**
 * `buildPlan` on `employees` records (mapping, validation, reminders, diff against yesterday's file,
 * CSV, SHA-256) against a bare csv-stringify of the same rows, in a fresh child process. `lucca`
 * keeps the order the API serves (by Lucca id, so mostly by employee number); `shuffled` is the
 * worst case for the sort.
 */
export const benchBuild = async (
  employees: number,
  order: 'lucca' | 'shuffled',
  rounds = 5,
): Promise<BuildBench> => {
  const temp = await makeTempDir('sync360-bench-build-');
  try {
    await writeBuildFixture(temp.path, employees, order);
    const result = await runScenario(
      'build-scenario.ts',
      [temp.path, String(rounds)],
      buildResultSchema,
    );
    const buildMs = median(result.buildMs);
    const baselineMs = median(result.baselineMs);
    return {
      order,
      employees: result.employees,
      buildMs,
      baselineMs,
      ratio: buildMs / baselineMs,
      peakRssMb: result.peakRssMb,
      fixtureRssMb: result.fixtureRssMb,
      parsePreviousMs: result.parsePreviousMs,
      bytes: result.bytes,
    };
  } finally {
    await temp.cleanup();
  }
};
