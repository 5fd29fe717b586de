import { cpus } from 'node:os';
import { api360ResultSchema } from './api360-delivery.js';
import { benchBuild, type BuildBench } from './build.js';
import { runScenario } from './child.js';
import { benchEndToEnd } from './e2e.js';
import { fetchResultSchema } from './fetch-scenario.js';
import { rulesResultSchema } from './rules-plan.js';
import { mb, ms, renderTable, times, type BenchRow } from './table.js';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const buildRow = (result: BuildBench): BenchRow => ({
  benchmark: `sync360 build, ${result.employees.toLocaleString('en-US')} employees (${result.order === 'lucca' ? "Lucca's order" : 'shuffled'}), whole process`,
  measured: ms(result.build.ms),
  baseline: `${ms(result.baseline.ms)} bare JSON + csv-stringify`,
  ratio: times(result.wallRatio),
  target: result.order === 'lucca' ? '<= 1.5x, < 400 MB' : '-',
  notes: `peak RSS ${mb(result.build.peakRssMb)} (bare ${mb(result.baseline.peakRssMb)}); CPU ${ms(result.build.cpuMs)} vs ${ms(result.baseline.cpuMs)} (${times(result.cpuRatio)}); ${result.rows.toLocaleString('en-US')} rows, ${(result.bytes / 1e6).toFixed(1)} MB; medians of ${result.pairs} interleaved pairs; load average ${load(result)}`,
});

const load = (result: BuildBench): string =>
  result.load.map((value) => value.toFixed(1)).join(' -> ');

/** CPU of each further 1,000 users: the slope from the next smaller size's run. */
const perThousand = (result: BuildBench, smaller: BuildBench, side: 'build' | 'baseline'): number =>
  (result[side].cpuMs - smaller[side].cpuMs) / ((result.employees - smaller.employees) / 1000);

/** One line per size: both sides' medians, the pairs' median ratios, RSS, cost per 1,000 users. */
const sizeTable = (results: ReadonlyArray<BuildBench>): string => {
  const header =
    '| employees | build CPU | bare CPU | CPU ratio | build wall | bare wall | wall ratio | peak RSS (bare) | CPU per further 1,000 users (bare) | load average |';
  const slopes = results.map((result, index) => {
    const smaller = results[index - 1];
    return smaller === undefined
      ? null
      : {
          from: smaller.employees,
          build: perThousand(result, smaller, 'build'),
          bare: perThousand(result, smaller, 'baseline'),
        };
  });
  const lines = results.map((result, index) => {
    const slope = slopes[index];
    const cost =
      slope === null || slope === undefined
        ? '-'
        : `${slope.build.toFixed(1)} ms (${slope.bare.toFixed(1)} ms) from ${slope.from.toLocaleString('en-US')}`;
    return `| ${result.employees.toLocaleString('en-US')} | ${ms(result.build.cpuMs)} | ${ms(result.baseline.cpuMs)} | ${times(result.cpuRatio)} | ${ms(result.build.ms)} | ${ms(result.baseline.ms)} | ${times(result.wallRatio)} | ${mb(result.build.peakRssMb)} (${mb(result.baseline.peakRssMb)}) | ${cost} | ${load(result)} |`;
  });
  const costs = slopes.flatMap((slope) =>
    slope !== null && slope !== undefined && slope.from >= 10_000 ? [slope.build] : [],
  );
  const spread =
    costs.length > 1
      ? [
          '',
          `CPU per further 1,000 users from 10,000 to ${results.at(-1)?.employees.toLocaleString('en-US') ?? ''}: highest / lowest = ${times(Math.max(...costs) / Math.min(...costs))} (target <= 1.3x).`,
        ]
      : [];
  return [header, `|${'---|'.repeat(10)}`, ...lines, ...spread].join('\n');
};

const listFrom = (name: string, fallback: string): string[] =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * `pnpm bench`: every benchmark in one run, each scenario in its own child process.
 * `BENCH_SIZES` (employees, comma-separated), `BENCH_PAIRS` and `BENCH_SCENARIOS` (any of
 * build, shuffled, run, fetch, api360, rules) narrow it down while iterating.
 */
const main = async (): Promise<void> => {
  const sizes = listFrom('BENCH_SIZES', '1000,10000,100000,300000').map(Number);
  const pairs = Number(process.env['BENCH_PAIRS'] ?? '5');
  const scenarios = new Set(listFrom('BENCH_SCENARIOS', 'build,shuffled,run,fetch,api360,rules'));
  say(
    `sync360 benchmarks on ${cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString()}`,
  );
  const rows: BenchRow[] = [];
  const bySize: BuildBench[] = [];
  if (scenarios.has('build'))
    for (const employees of sizes) {
      say(`build ${employees.toLocaleString('en-US')} employees (Lucca order), ${pairs} pairs...`);
      const result = await benchBuild(employees, 'lucca', pairs);
      bySize.push(result);
      if (employees === 100_000) rows.push(buildRow(result));
    }
  if (scenarios.has('shuffled')) {
    say(`build 100,000 employees (shuffled), ${pairs} pairs...`);
    rows.push(buildRow(await benchBuild(100_000, 'shuffled', pairs)));
  }
  if (scenarios.has('run')) {
    say('sync360 run end to end, 10,000 employees, fake Lucca -> OpenSSH sshd...');
    const e2e = await benchEndToEnd(10_000);
    const parts = e2e.fetchMs + e2e.buildMs + e2e.uploadMs;
    rows.push({
      benchmark: `sync360 run, ${e2e.employees.toLocaleString('en-US')} employees, fake Lucca -> sshd (real CLI)`,
      measured: ms(e2e.runMs),
      baseline: `${ms(parts)} sum of parts`,
      ratio: times(e2e.runMs / parts),
      target: '-',
      notes: `fetch ${ms(e2e.fetchMs)} + build ${ms(e2e.buildMs)} + upload ${ms(e2e.uploadMs)}, each alone in a fresh process; process start-up (sync360 --help) ${ms(e2e.startupMs)}; medians of ${e2e.rounds}`,
    });
  }
  if (scenarios.has('fetch')) {
    say('Lucca fetch, 20,000 employees...');
    const fetch = await runScenario('fetch-scenario.ts', ['run'], fetchResultSchema);
    rows.push({
      benchmark: fetch.label,
      measured: ms(fetch.seconds * 1000),
      baseline: `${ms(fetch.baselineSeconds * 1000)} ideal`,
      ratio: times(fetch.ratio),
      target: '-',
      notes: `ideal = requests x 100 ms latency; peak RSS ${mb(fetch.peakRssMb)} (fake server in the same process)`,
    });
  }
  if (scenarios.has('api360')) {
    say(
      '360Learning API delivery, 2,000 changes, local 360Learning with its rate limits (about 3.5 min)...',
    );
    const api360 = await runScenario('api360-delivery.ts', ['run'], api360ResultSchema);
    rows.push({
      benchmark: `360Learning API delivery, ${api360.writes.toLocaleString('en-US')} writes (1,000 creates, 600 patches, 400 deletes)`,
      measured: ms(api360.seconds * 1000),
      baseline: `${ms(api360.floorSeconds * 1000)} floor`,
      ratio: times(api360.ratio),
      target: '<= 1.2x',
      notes: `floor = writes / 10 per second (360Learning's write limit); reading the 1,000 users ${ms(api360.readSeconds * 1000)}; ${api360.refused} answers 429; peak RSS ${mb(api360.peakRssMb)} (fake server in the same process)`,
    });
  }
  if (scenarios.has('rules')) {
    say('group rules planning, 10,000 employees x 5 rules...');
    const rules = await runScenario('rules-plan.ts', ['run'], rulesResultSchema);
    rows.push({
      benchmark: `group rules planning, ${rules.employees.toLocaleString('en-US')} employees x ${String(rules.rules)} rules`,
      measured: ms(rules.evaluateMs + rules.planMs),
      baseline: '-',
      ratio: '-',
      target: '-',
      notes: `evaluate ${ms(rules.evaluateMs)} + plan ${ms(rules.planMs)} (${rules.operations.toLocaleString('en-US')} role operations); medians of ${String(rules.rounds)}`,
    });
  }
  const tables = rows.length > 0 ? [renderTable(rows)] : [];
  if (bySize.length > 0)
    tables.push(
      `sync360 build against the bare script by size (${pairs} interleaved pairs each, medians):\n\n${sizeTable(bySize)}`,
    );
  process.stdout.write(`${tables.join('\n\n')}\n`);
};

await main();
