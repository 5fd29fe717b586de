import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

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

export const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;

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
      ['--expose-gc', '--import', 'tsx', join(repoRoot, 'bench', script), ...args],
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

/** Forces a full collection when the child runs with --expose-gc, so memory figures start clean. */
export const collectGarbage = (): void => {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') Reflect.apply(gc, globalThis, []);
};
