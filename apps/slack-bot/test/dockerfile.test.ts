import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Stage {
  readonly name: string;
  readonly from: string;
  /** Instructions after FROM, continuation lines joined, comments dropped. */
  readonly steps: ReadonlyArray<{ readonly op: string; readonly args: string }>;
}

/** The Dockerfile as stages of instructions (no Docker daemon runs here: its text is checked). */
const stagesOf = (text: string): Stage[] => {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Array<{ name: string; from: string; steps: Array<{ op: string; args: string }> }> =
    [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(' ');
    const args = rest.join(' ');
    if (op === 'FROM') {
      const match = /^(\S+) AS (\S+)$/.exec(args);
      if (match === null) throw new Error(`Dockerfile: unnamed stage "${line}"`);
      stages.push({ from: match[1] ?? '', name: match[2] ?? '', steps: [] });
    } else stages.at(-1)?.steps.push({ op, args });
  }
  return stages;
};

const run = (
  command: string,
  args: ReadonlyArray<string>,
  cwd: string,
): Promise<{ code: number | null; output: string }> =>
  new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? cwd },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, output }));
  });

const manifest = z.object({
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

/** Every workspace manifest (root included). */
const manifests = async () => {
  const folders = ['.'];
  for (const parent of ['apps', 'packages', 'tools'])
    for (const entry of await readdir(join(root, parent), { withFileTypes: true }))
      if (entry.isDirectory()) folders.push(join(parent, entry.name));
  const found = [];
  for (const folder of folders) {
    const text = await readFile(join(root, folder, 'package.json'), 'utf8').catch(() => null);
    if (text !== null) found.push(manifest.parse(JSON.parse(text)));
  }
  return found;
};

describe('the bot image (Dockerfile)', () => {
  let stages: Stage[];
  beforeAll(async () => {
    stages = stagesOf(await readFile(join(root, 'Dockerfile'), 'utf8'));
  });

  const stage = (name: string): Stage => {
    const found = stages.find((candidate) => candidate.name === name);
    if (found === undefined) throw new Error(`Dockerfile has no stage ${name}`);
    return found;
  };

  it('downloads dependencies from the lockfile alone, before any source is copied', () => {
    expect(stages.map((candidate) => candidate.name)).toEqual(['pnpm', 'deps', 'build', 'runtime']);
    const deps = stage('deps');
    expect(deps.from).toBe('pnpm');
    expect(deps.steps).toEqual([
      { op: 'COPY', args: 'pnpm-lock.yaml pnpm-workspace.yaml ./' },
      { op: 'RUN', args: 'pnpm fetch --prod' },
    ]);
    const build = stage('build');
    expect(build.from).toBe('deps');
    expect(build.steps[0]).toEqual({ op: 'COPY', args: '. .' });
    expect(build.steps.at(-1)?.args).toMatch(/^pnpm .*deploy .*--prod .*--offline \/out$/);
  });

  it('runs from a plain Node image holding only the deployed folder, as a non-root user', () => {
    const runtime = stage('runtime');
    expect(runtime.from).toBe(stage('pnpm').from);
    expect(runtime.steps.filter((step) => step.op === 'COPY')).toEqual([
      { op: 'COPY', args: '--from=build /out ./' },
    ]);
    expect(runtime.steps.filter((step) => step.op === 'RUN')).toEqual([]);
    expect(runtime.steps).toContainEqual({ op: 'USER', args: 'node' });
  });

  describe("the build stage's deploy, run here", () => {
    let out: { path: string; cleanup: () => Promise<void> };
    beforeAll(async () => {
      out = await makeTempDir('sync360-deploy-');
      const deploy = stage('build').steps.at(-1)?.args ?? '';
      const [, ...args] = deploy.replace(/ \/out$/, ` ${join(out.path, 'app')}`).split(' ');
      // `pnpm` is the version pinned in packageManager, as everywhere in this repository.
      const { packageManager } = z
        .object({ packageManager: z.string() })
        .parse(JSON.parse(await readFile(join(root, 'package.json'), 'utf8')));
      const result = await run('npx', ['-y', packageManager, ...args], root);
      expect(result.code, result.output).toBe(0);
    }, 240_000);
    afterAll(async () => out.cleanup());

    it('holds no dev dependency and no test', async () => {
      const app = join(out.path, 'app');
      const installed = new Set(
        // `<name>@<version>[_<peers>]`, a scope's slash written `+`.
        (await readdir(join(app, 'node_modules/.pnpm'))).map((entry) =>
          entry.slice(0, entry.indexOf('@', 1)).replace('+', '/'),
        ),
      );
      const all = await manifests();
      const production = new Set(all.flatMap((found) => Object.keys(found.dependencies ?? {})));
      // Type packages may come with production libraries, and esbuild comes with tsx (the bot's
      // production loader; the runner's bundler also uses it); every other dev tool must be absent.
      const devOnly = all
        .flatMap((found) => Object.keys(found.devDependencies ?? {}))
        .filter(
          (name) => !production.has(name) && !name.startsWith('@types/') && name !== 'esbuild',
        );
      expect(devOnly).toContain('vitest');
      expect(installed).toContain('@slack/bolt');
      expect(installed).toContain('tsx');
      expect(devOnly.filter((name) => installed.has(name))).toEqual([]);
      expect(await readdir(join(app, 'node_modules/@sync360'))).not.toContain('testkit');
      expect(await readdir(app)).not.toContain('test');
    });

    it("starts with the image's command: node --import tsx, tsx being a production dependency", async () => {
      const runtime = stage('runtime');
      const command = z
        .array(z.string())
        .parse(JSON.parse(runtime.steps.find((step) => step.op === 'CMD')?.args ?? '[]'));
      expect(command.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
      const { scripts } = z
        .object({ scripts: z.object({ start: z.string() }) })
        .parse(JSON.parse(await readFile(join(root, 'apps/slack-bot/package.json'), 'utf8')));
      expect(command.join(' ')).toBe(scripts.start);
      const result = await run(
        process.execPath,
        [...command.slice(1), '--help'],
        join(out.path, 'app'),
      );
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain('sync360 bot:');
    });
  });
});
