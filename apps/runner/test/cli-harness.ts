import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const main = join(root, 'apps/runner/src/main.ts');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` as a child process with only PATH, a HOME in `cwd`, the fixed test day and
 * `env` as its environment, and collects its exit code and output.
 */
export const spawnAndCollect = (
  command: string,
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: options.cwd,
        SYNC360_TODAY: '2026-11-25',
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });

/** Runs the real `sync360` CLI as a child process, with only the given environment. */
export const runCli = (
  args: ReadonlyArray<string>,
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> => spawnAndCollect(tsx, [main, ...args], options);

export interface UserItem {
  id: number;
  employeeNumber?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
  culture?: unknown;
  manager?: { id: number } | null;
  legalEntity?: { id: number } | null;
  dtContractStart?: string | null;
  dtContractEnd?: string | null;
  extendedData?: Record<string, unknown> | null;
}

export const user = (
  id: number,
  overrides: Partial<UserItem> = {},
  status: unknown = { id: id + 9000, value: { id: 1, name: 'Actif' } },
): UserItem => ({
  id,
  employeeNumber: String(id),
  firstName: 'Jeanne',
  lastName: `Martin${id}`,
  mail: `jeanne.martin${id}@exemple.fr`,
  jobTitle: 'Comptable',
  culture: { id: 1036, name: 'fr-FR' },
  manager: null,
  legalEntity: { id: 1 },
  dtContractStart: '2020-01-01T00:00:00',
  dtContractEnd: null,
  extendedData: { e_360_status: status },
  ...overrides,
});

export const writeUsers = async (path: string, items: ReadonlyArray<unknown>): Promise<string> => {
  await writeFile(path, JSON.stringify({ data: { items } }));
  return path;
};
