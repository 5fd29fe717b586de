// `pnpm sync360`: the runner's JavaScript bundle, rebuilt first when a source changed (bundle.mjs).
import { pathToFileURL } from 'node:url';
import { runnerBundle } from './bundle.mjs';

await import(pathToFileURL(await runnerBundle()).href);
