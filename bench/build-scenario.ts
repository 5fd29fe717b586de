import { buildPlan, defaultPlanOptions, parsePreviousFile, rowValues } from '@sync360/core';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { collectGarbage, peakRssMb, rssMb, sendResult, timeMs } from './child.js';
import { benchToday, readBuildFixture } from './fixtures.js';

export const buildResultSchema = z.object({
  employees: z.number(),
  rows: z.number(),
  bytes: z.number(),
  fixtureRssMb: z.number(),
  peakRssMb: z.number(),
  parsePreviousMs: z.number(),
  buildMs: z.array(z.number()),
  baselineMs: z.array(z.number()),
});

export type BuildResult = z.infer<typeof buildResultSchema>;

/**
 * Child process: the records and yesterday's file are loaded first (as `run` has them before the
 * plan), then one cold `buildPlan` sets the peak RSS, then builds and bare csv-stringify runs of
 * the same rows alternate, so machine noise hits both alike.
 */
const main = async (dir: string, rounds: number): Promise<void> => {
  const { records, previousCsv } = await readBuildFixture(dir);
  let previous = parsePreviousFile(previousCsv);
  const parsePreviousMs = await timeMs(() => {
    previous = parsePreviousFile(previousCsv);
  });
  if (!previous.ok) throw new Error(`previous file: ${previous.reason}`);
  const previousRows = previous.rows;
  collectGarbage();
  const fixtureRssMb = rssMb();
  const build = () =>
    buildPlan({ records, previousRows, today: benchToday, options: defaultPlanOptions });
  const plan = build();
  const peak = peakRssMb();
  // The baseline gets what the build starts its CSV from: the same rows, already mapped.
  const values = plan.rows.map(rowValues);
  const header = [...defaultPlanOptions.header];
  const stringifyRows = () =>
    stringify([header, ...values], {
      delimiter: ',',
      record_delimiter: '\n',
      quoted_string: false,
      bom: false,
    });
  if (stringifyRows() !== plan.file.text)
    throw new Error('the baseline does not write the same file');
  const buildMs: number[] = [];
  const baselineMs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    collectGarbage();
    baselineMs.push(await timeMs(stringifyRows));
    collectGarbage();
    buildMs.push(await timeMs(build));
  }
  sendResult({
    employees: records.length,
    rows: plan.rows.length,
    bytes: plan.file.bytes.byteLength,
    fixtureRssMb,
    peakRssMb: peak,
    parsePreviousMs,
    buildMs,
    baselineMs,
  } satisfies BuildResult);
};

const [dir, rounds] = process.argv.slice(2);
if (dir !== undefined) await main(dir, Number(rounds ?? 5));
