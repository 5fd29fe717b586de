import { pathToFileURL } from 'node:url';
import { fetchLuccaRecords, luccaDefaults } from '../packages/lucca/src/index.js';
import { makeLuccaUsers, startFakeLucca } from '../packages/testkit/src/lucca-server.js';

export interface BenchResult {
  readonly label: string;
  readonly seconds: number;
  readonly baselineSeconds: number;
  readonly ratio: number;
  readonly notes: string;
}

const employees = 20_000;
const pageSize = 1000;
const latencyMs = 100;

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * Fetches 20,000 employees (20 full pages of 1000, then the empty page that ends the paging) from
 * the local fake Lucca with 100 ms latency per request, with the production defaults (50 requests
 * per minute, retries, timeouts). Baseline: requests x latency, i.e. perfectly sequential paging
 * with zero client and server overhead.
 */
export const benchLuccaFetch = async (): Promise<BenchResult> => {
  const server = await startFakeLucca({
    users: makeLuccaUsers(employees, { formerEvery: 10 }),
    latencyMs,
  });
  try {
    const started = performance.now();
    const result = await fetchLuccaRecords(
      { baseUrl: server.url, apiKey: server.apiKey, statusField: 'e_360_status', pageSize },
      '2026-01-15',
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.records.length !== employees)
      throw new Error(`expected ${employees} records, got ${result.records.length}`);
    const requests = server.requests.length;
    const baselineSeconds = (requests * latencyMs) / 1000;
    const perMinute = luccaDefaults.requestsPerMinute;
    const pacedSeconds = round(((requests - 1) * 60) / perMinute, 1);
    return {
      label: `lucca fetch ${employees.toLocaleString('en-US')} employees`,
      seconds: round(seconds, 2),
      baselineSeconds: round(baselineSeconds, 2),
      ratio: round(seconds / baselineSeconds, 2),
      notes:
        `${requests} requests (1 definitions + ${requests - 1} pages of ${pageSize}, the last one empty), ${latencyMs} ms latency each; ` +
        `baseline = requests x latency. Rate-limit floor: the limiter (${perMinute} a minute, each counted until a minute after its answer) lets up to ${perMinute} requests go in a burst, ` +
        `so these ${requests} never wait (floor 0 s); past ${perMinute} requests in a run (over ~${(perMinute - 2) * pageSize} employees) ` +
        `each further ${perMinute} cost one more minute; an evenly paced limiter (one request per ${60 / perMinute} s) would floor this run at ${pacedSeconds} s.`,
    };
  } finally {
    await server.close();
  }
};

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const result = await benchLuccaFetch();
  process.stdout.write(
    `${result.label}: ${result.seconds} s (baseline ${result.baselineSeconds} s, ratio ${result.ratio})\n${result.notes}\n`,
  );
}
