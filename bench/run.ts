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
  ratio: times(result.build.ms / result.baseline.ms),
  target: result.order === 'lucca' ? '<= 1.5x, < 400 MB' : '-',
  notes: `peak RSS ${mb(result.build.peakRssMb)} (bare ${mb(result.baseline.peakRssMb)}); CPU ${ms(result.build.cpuMs)} vs ${ms(result.baseline.cpuMs)} (${times(result.build.cpuMs / result.baseline.cpuMs)}); ${result.rows.toLocaleString('en-US')} rows, ${(result.bytes / 1e6).toFixed(1)} MB; medians of ${result.rounds}`,
});

/** `pnpm bench`: every benchmark in one run, each scenario in its own child process. */
const main = async (): Promise<void> => {
  say(
    `sync360 benchmarks on ${cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString()}`,
  );
  say('build 100,000 employees (Lucca order)...');
  const lucca = await benchBuild(100_000, 'lucca');
  say('build 100,000 employees (shuffled)...');
  const shuffled = await benchBuild(100_000, 'shuffled');
  say('sync360 run end to end, 10,000 employees, fake Lucca -> OpenSSH sshd...');
  const e2e = await benchEndToEnd(10_000);
  say('Lucca fetch, 20,000 employees...');
  const fetch = await runScenario('fetch-scenario.ts', ['run'], fetchResultSchema);
  say(
    '360Learning API delivery, 2,000 changes, local 360Learning with its rate limits (about 3.5 min)...',
  );
  const api360 = await runScenario('api360-delivery.ts', ['run'], api360ResultSchema);
  say('group rules planning, 10,000 employees x 5 rules...');
  const rules = await runScenario('rules-plan.ts', ['run'], rulesResultSchema);
  const parts = e2e.fetchMs + e2e.buildMs + e2e.uploadMs;
  const rows: BenchRow[] = [
    buildRow(lucca),
    buildRow(shuffled),
    {
      benchmark: `sync360 run, ${e2e.employees.toLocaleString('en-US')} employees, fake Lucca -> sshd (real CLI)`,
      measured: ms(e2e.runMs),
      baseline: `${ms(parts)} sum of parts`,
      ratio: times(e2e.runMs / parts),
      target: '-',
      notes: `fetch ${ms(e2e.fetchMs)} + build ${ms(e2e.buildMs)} + upload ${ms(e2e.uploadMs)}, each alone in a fresh process; process start-up (sync360 --help) ${ms(e2e.startupMs)}; medians of ${e2e.rounds}`,
    },
    {
      benchmark: fetch.label,
      measured: ms(fetch.seconds * 1000),
      baseline: `${ms(fetch.baselineSeconds * 1000)} ideal`,
      ratio: times(fetch.ratio),
      target: '-',
      notes: `ideal = requests x 100 ms latency; peak RSS ${mb(fetch.peakRssMb)} (fake server in the same process)`,
    },
    {
      benchmark: `360Learning API delivery, ${api360.writes.toLocaleString('en-US')} writes (1,000 creates, 600 patches, 400 deletes)`,
      measured: ms(api360.seconds * 1000),
      baseline: `${ms(api360.floorSeconds * 1000)} floor`,
      ratio: times(api360.ratio),
      target: '<= 1.2x',
      notes: `floor = writes / 10 per second (360Learning's write limit); reading the 1,000 users ${ms(api360.readSeconds * 1000)}; ${api360.refused} answers 429; peak RSS ${mb(api360.peakRssMb)} (fake server in the same process)`,
    },
    {
      benchmark: `group rules planning, ${rules.employees.toLocaleString('en-US')} employees x ${String(rules.rules)} rules`,
      measured: ms(rules.evaluateMs + rules.planMs),
      baseline: '-',
      ratio: '-',
      target: '-',
      notes: `evaluate ${ms(rules.evaluateMs)} + plan ${ms(rules.planMs)} (${rules.operations.toLocaleString('en-US')} role operations); medians of ${String(rules.rounds)}`,
    },
  ];
  process.stdout.write(`${renderTable(rows)}\n`);
};

await main();
