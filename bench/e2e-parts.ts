import { readFile } from 'node:fs/promises';
import { buildPlan, defaultPlanOptions, parsePreviousFile } from '@sync360/core';
import { fetchLuccaRecords } from '@sync360/lucca';
import { deliverBySftp } from '@sync360/sftp';
import { z } from 'zod';
import { peakRssMb, sendResult, timeMs } from './child.js';
import { benchToday, statusField } from './fixtures.js';

/** What the parent hands a part child (JSON in argv: no secret is ever printed). */
export const partInputSchema = z.object({
  part: z.enum(['fetch', 'build', 'upload']),
  luccaUrl: z.string(),
  luccaKey: z.string(),
  statePath: z.string(),
  sftp: z.object({
    host: z.string(),
    port: z.number(),
    username: z.string(),
    privateKey: z.string(),
    pin: z.string(),
    remoteDir: z.string(),
  }),
});

export type PartInput = z.infer<typeof partInputSchema>;

export const partResultSchema = z.object({ ms: z.number(), peakRssMb: z.number() });

const fetchRecords = async (input: PartInput) =>
  (
    await fetchLuccaRecords(
      { baseUrl: input.luccaUrl, apiKey: input.luccaKey, statusField },
      benchToday,
    )
  ).records;

/**
 * One stage of `sync360 run`, alone and timed in a fresh process: the fetch from the fake Lucca,
 * the build (read and parse last-delivered.csv, then the plan and its file) or the SFTP upload of
 * that file to sshd. Together they are the ideal a run cannot beat.
 */
const main = async (input: PartInput): Promise<void> => {
  let ms = 0;
  if (input.part === 'fetch') ms = await timeMs(() => fetchRecords(input));
  if (input.part === 'build') {
    const records = await fetchRecords(input);
    ms = await timeMs(async () => {
      const previous = parsePreviousFile(await readFile(input.statePath, 'utf8'));
      if (!previous.ok) throw new Error(`state file: ${previous.reason}`);
      buildPlan({
        records,
        previousRows: previous.rows,
        today: benchToday,
        options: defaultPlanOptions,
      });
    });
  }
  if (input.part === 'upload') {
    const bytes = await readFile(input.statePath);
    const { sftp } = input;
    const settings = { ...sftp, hostKeyPins: [sftp.pin] };
    ms = await timeMs(() => deliverBySftp(settings, { name: 'users.csv', bytes }));
  }
  sendResult({ ms, peakRssMb: peakRssMb() });
};

const [json] = process.argv.slice(2);
if (json !== undefined) await main(partInputSchema.parse(JSON.parse(json)));
