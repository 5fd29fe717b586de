// The runner as JavaScript: `launch.mjs` (what `pnpm sync360` runs) loads the bundle built here
// from the TypeScript sources with esbuild whenever a source is newer than it, so there is no
// build step to remember. Through tsx, each of the runner's modules and zod's passes the loader's
// hooks: half a second of start-up, against a tenth without them.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pid } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const entry = join(here, 'src/main.ts');
const outdir = join(here, 'dist');

const mtimeOf = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * The newest modification time among the TypeScript sources of the apps and packages, and the
 * lockfile (the bundle imports installed packages by their path).
 */
const newestSource = () => {
  let newest = mtimeOf(join(root, 'pnpm-lock.yaml')) ?? 0;
  for (const top of ['apps', 'packages']) {
    for (const name of readdirSync(join(root, top))) {
      const source = join(root, top, name, 'src');
      if (mtimeOf(source) === null) continue;
      for (const file of readdirSync(source, { recursive: true })) {
        if (!String(file).endsWith('.ts')) continue;
        newest = Math.max(newest, mtimeOf(join(source, String(file))) ?? 0);
      }
    }
  }
  return newest;
};

/**
 * Bundles `entryPoint` (and the workspace packages it imports) into `directory` (`main.js`, and
 * a chunk per module loaded on use, so a command loads only what it needs). Each module keeps its
 * own `import.meta.url` (paths next to a source file still resolve), and every other package is
 * imported from where it is installed.
 */
export const bundleTypeScript = async (entryPoint, directory) => {
  const { build } = await import('esbuild');
  const temporary = `${directory}-${pid}.tmp`;
  await build({
    entryPoints: { main: entryPoint },
    outdir: temporary,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    plugins: [
      {
        name: 'sources-in-place',
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(args.path).href),
            ),
            loader: 'ts',
          }));
          esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
            // `installed`: the lookup below, which comes through here again.
            if (args.pluginData === 'installed' || isBuiltin(args.path)) return undefined;
            if (args.path.startsWith('@sync360/')) return undefined;
            const found = await esbuild.resolve(args.path, {
              kind: args.kind,
              resolveDir: args.resolveDir,
              pluginData: 'installed',
            });
            return found.errors.length > 0
              ? { errors: found.errors }
              : { path: pathToFileURL(found.path).href, external: true };
          });
        },
      },
    ],
  });
  try {
    renameSync(temporary, directory);
  } catch (error) {
    // Another process built the same sources first: its bundle is as good as ours.
    rmSync(temporary, { recursive: true, force: true });
    if (mtimeOf(join(directory, 'main.js')) === null) throw error;
  }
};

const hour = 3_600_000;

/**
 * The runner's bundle, `dist/<newest source time>/main.js`, built first when the sources changed.
 * A build is never replaced in place: a run started from an older one still loads its chunks, so
 * older builds are only removed an hour later.
 */
export const runnerBundle = async () => {
  const key = String(Math.ceil(newestSource()));
  const directory = join(outdir, key);
  const bundle = join(directory, 'main.js');
  if (mtimeOf(bundle) !== null) return bundle;
  await bundleTypeScript(entry, directory);
  for (const name of readdirSync(outdir)) {
    const old = join(outdir, name);
    if (name !== key && (mtimeOf(old) ?? Date.now()) < Date.now() - hour)
      rmSync(old, { recursive: true, force: true });
  }
  return bundle;
};
