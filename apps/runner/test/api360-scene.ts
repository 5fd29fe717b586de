import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema, type Report } from '@sync360/core';
import {
  fakeApi360GroupId,
  startFakeApi360,
  type FakeApi360,
  type FakeApi360Options,
  type FakeApi360Seed,
} from '@sync360/testkit/api360-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach } from 'vitest';
import { runCli, user, writeUsers, type UserItem } from './cli-harness.js';

export const inactive = { id: 1, value: { id: 2, name: 'Inactif' } };
export const mailOf = (id: number): string => `jeanne.martin${String(id)}@exemple.fr`;
/** What 360Learning holds for `user(id)` when it matches the file field for field. */
export const account = (id: number, overrides: Record<string, unknown> = {}) => ({
  mail: mailOf(id),
  firstName: 'Jeanne',
  lastName: `Martin${String(id)}`,
  job: 'Comptable',
  lang: 'fr',
  status: 'active' as const,
  ...overrides,
});
export const outsider = {
  mail: 'outsider@elsewhere.test',
  firstName: 'Only',
  lastName: 'In360',
  lang: 'en',
};

export interface Scene {
  readonly server: FakeApi360;
  readonly dir: string;
  readonly input: string;
  run(args: ReadonlyArray<string>, env?: Record<string, string>): ReturnType<typeof runCli>;
  report(): Promise<Report>;
}

export const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export const scene = async (
  items: ReadonlyArray<UserItem>,
  options: FakeApi360Options,
): Promise<Scene> => {
  const server = await startFakeApi360(options);
  cleanups.push(() => server.close());
  const temp = await makeTempDir('sync360-api360-run-');
  cleanups.push(temp.cleanup);
  const input = await writeUsers(join(temp.path, 'users.json'), items);
  const reportPath = join(temp.path, 'report.json');
  return {
    server,
    dir: temp.path,
    input,
    run: (args, env = {}) =>
      runCli(['run', '--input', input, '--report', reportPath, ...args], {
        cwd: temp.path,
        env: {
          API360_BASE_URL: server.url,
          API360_CLIENT_ID: server.clientId,
          API360_CLIENT_SECRET: server.clientSecret,
          API360_DEFAULT_GROUP_ID: fakeApi360GroupId,
          ...env,
        },
      }),
    report: async () => {
      const parsed = reportSchema.safeParse(JSON.parse(await readFile(reportPath, 'utf8')));
      if (!parsed.success) throw new Error(parsed.error.message);
      return parsed.data;
    },
  };
};

export const statePath = (dir: string): string => join(dir, '.sync360', 'last-delivered.csv');
export const exists = async (path: string): Promise<boolean> =>
  (await stat(path).catch(() => null)) !== null;

/** 1 matches but has an old title, 2 was deleted, 3 is new with manager 1, 4 leaves, 5 is new. */
export const team = (): UserItem[] => [
  user(1),
  user(2),
  user(3, { manager: { id: 1 } }),
  user(4, {}, inactive),
  user(5, { jobTitle: '' }),
];
export const live = (): FakeApi360Seed[] => [
  account(1, { job: 'Stagiaire' }),
  account(2, { status: 'deleted', firstName: 'Old', job: 'Ancien' }),
  account(4),
  outsider,
];
