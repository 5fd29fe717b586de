import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildPlan, defaultPlanOptions, reportSchema, type Report } from '@sync360/core';
import { parseUsersPayload, readDefinitions } from '@sync360/lucca';
import {
  makeLuccaDefinitions,
  makeLuccaUsers,
  type LuccaUserItem,
} from '@sync360/testkit/lucca-server';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const main = join(root, 'apps/runner/src/main.ts');
// tsx's loader in this very process: the `tsx` binary would run the CLI in a grandchild that a
// SIGKILL of its parent leaves running.
const tsxLoader = createRequire(join(root, 'package.json')).resolve('tsx');

/** The generator's reference date: contract dates and former employees are relative to it. */
export const today = '2026-01-15';

export interface CliRun {
  readonly child: ChildProcess;
  /** Resolves once stdout or stderr has printed `text` (rejects if the CLI exits first). */
  readonly printed: (text: string) => Promise<void>;
  /** Exit code (null when killed), signal, and everything printed. */
  readonly done: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

const running = new Set<ChildProcess>();

/** Starts the real CLI (one Node process) with only the given environment, plus PATH, HOME, today. */
export const startCli = (
  args: ReadonlyArray<string>,
  cwd: string,
  env: Record<string, string> = {},
): CliRun => {
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(tsxLoader).href, main, ...args],
    {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: cwd, SYNC360_TODAY: today, ...env },
    },
  );
  running.add(child);
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((check) => check());
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const done = new Promise<Awaited<CliRun['done']>>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
  const printed = (text: string): Promise<void> =>
    new Promise((resolvePromise, reject) => {
      const check = (): void => {
        if (!(stdout + stderr).includes(text)) return;
        waiters.delete(check);
        resolvePromise();
      };
      waiters.add(check);
      check();
      void done.then(() => {
        if (!waiters.has(check)) return;
        waiters.delete(check);
        reject(new Error(`the CLI exited without printing "${text}":\n${stderr}`));
      });
    });
  return { child, done, printed };
};

/**
 * A loopback proxy to `target` (the fake Lucca) that holds every request until `open()`: a run
 * stays inside its Lucca fetch, holding its lock, for exactly as long as a test needs.
 */
export const startGate = async (
  target: string,
): Promise<{ url: string; open: () => void; close: () => Promise<void> }> => {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolvePromise) => (open = resolvePromise));
  const forward = async (request: IncomingMessage): Promise<Response> =>
    fetch(`${target}${request.url ?? '/'}`, {
      headers: { authorization: request.headers.authorization ?? '' },
    });
  const server = createHttpServer((request, response) => {
    void opened
      .then(() => forward(request))
      .then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const address = server.address();
  const port = address !== null && typeof address !== 'string' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    open: () => open(),
    close: () =>
      new Promise((resolvePromise) => {
        open();
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
};

export const runCli = (
  args: ReadonlyArray<string>,
  cwd: string,
  env: Record<string, string> = {},
) => startCli(args, cwd, env).done;

/** Kills (SIGKILL) every CLI a test started and that is still running: none outlives its test. */
export const killStrays = async (): Promise<void> => {
  const waits = [...running].map(
    (child) =>
      new Promise<void>((resolvePromise) => {
        child.once('close', () => resolvePromise());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
};

/** Lucca users whose status is a label, so an `--input` file needs no `--definitions`. */
export const labelUsers = (n: number, options: { firstId?: number } = {}): LuccaUserItem[] =>
  makeLuccaUsers(n, { today, statusStyle: 'label', ...options });

export const writeInput = async (path: string, items: ReadonlyArray<unknown>): Promise<string> => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify({ data: { items } }));
  return path;
};

/** The exact bytes `sync360 run` delivers for these users with the default settings. */
export const expectedFile = (items: ReadonlyArray<unknown>): Uint8Array => {
  const definitions = readDefinitions({ data: { items: makeLuccaDefinitions() } }, 'e_360_status');
  if (!definitions.ok) throw new Error(definitions.reason);
  const parsed = parseUsersPayload(items, {
    statusField: 'e_360_status',
    definitions: definitions.definitions,
  });
  if (!parsed.ok) throw new Error(parsed.issue.message);
  return buildPlan({
    records: parsed.records,
    previousRows: null,
    today,
    options: defaultPlanOptions,
  }).file.bytes;
};

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** The file's digest, or null when it does not exist. */
export const digestOf = async (path: string): Promise<string | null> =>
  existsSync(path) ? sha256(await readFile(path)) : null;

export const readReport = async (path: string): Promise<Report> =>
  reportSchema.parse(JSON.parse(await readFile(path, 'utf8')));

/** A loopback port with nothing listening on it (connection refused). */
export const closedPort = (): Promise<number> =>
  new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = address !== null && typeof address !== 'string' ? address.port : 0;
      probe.close(() => resolvePromise(port));
    });
  });

/** A Node stack trace line, which a user must never see. */
export const stackLine = /^\s+at .+/m;

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
