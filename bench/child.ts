import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { bundleTypeScript } from '../apps/runner/bundle.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const marker = 'BENCH-RESULT ';

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
};

/** The child's high-water mark of resident memory, in MB (Linux reports maxRSS in KiB). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** Milliseconds taken by `work`. */
export const timeMs = async (work: () => unknown): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/** In a scenario child: hands the result to the parent. */
export const sendResult = (result: unknown): void => {
  process.stdout.write(`${marker}${JSON.stringify(result)}\n`);
};

/** Runs `bench/<script>` in a fresh Node process (clean memory figures) and parses its result. */
export const runScenario = <T>(
  script: string,
  args: ReadonlyArray<string>,
  schema: z.ZodType<T>,
): Promise<T> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'bench', script), ...args],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((text) => text.startsWith(marker));
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench/${script} exited with ${String(code)}:\n${stdout}`));
        return;
      }
      const parsed = schema.safeParse(JSON.parse(line.slice(marker.length)));
      if (parsed.success) resolvePromise(parsed.data);
      else reject(new Error(`bench/${script} sent an unexpected result: ${parsed.error.message}`));
    });
  });

const usageSchema = z.object({ peakRssMb: z.number(), cpuMs: z.number() });

/**
 * JavaScript for a timed process, built the way `pnpm sync360` builds the runner (bundle.mjs):
 * the bare script and the usage hook get the same start as the product.
 */
export const bundledScript = async (script: string, directory: string): Promise<string> => {
  await bundleTypeScript(join(repoRoot, script), directory);
  return join(directory, 'main.js');
};

export interface ProcessRun {
  /** Wall time from spawn to exit. */
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

let runs = 0;

/**
 * Runs a JavaScript entry point as its own process (plain Node, as `pnpm sync360` starts the
 * runner) with the usage hook preloaded, and measures the whole process: wall time, CPU time and
 * peak RSS. Any exit but 0 is an error.
 */
export const timeProcess = (
  script: string,
  args: ReadonlyArray<string>,
  options: {
    readonly cwd: string;
    readonly env: Readonly<Record<string, string>>;
    /** `bench/peak-rss.ts` as JavaScript (`bundledScript`). */
    readonly usageHook: string;
  },
): Promise<ProcessRun> =>
  new Promise((resolvePromise, reject) => {
    runs += 1;
    const usageFile = join(options.cwd, `usage-${runs}.json`);
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(options.usageHook).href, script, ...args],
      {
        cwd: options.cwd,
        env: { ...options.env, BENCH_USAGE_FILE: usageFile },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${String(code)}:\n${stderr}`));
        return;
      }
      readFile(usageFile, 'utf8')
        .then((text) => resolvePromise({ ms, ...usageSchema.parse(JSON.parse(text)) }))
        .catch(reject);
    });
  });
