import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WORKFLOWS_DIR = join(REPO_ROOT, '.github', 'workflows');

/** Every workflow file of the repository (ci.yml included once it exists). */
export const workflowFiles = (): string[] =>
  readdirSync(WORKFLOWS_DIR)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort();

export const readWorkflow = (name: string): string =>
  readFileSync(join(WORKFLOWS_DIR, name), 'utf8');

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const stepSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  'continue-on-error': z.boolean().optional(),
  with: z.record(z.string(), scalar).optional(),
  env: z.record(z.string(), scalar).optional(),
});

/** A number, or a `${{ }}` expression that evaluates to one. */
const minutes = z.union([z.number(), z.string().regex(/^\$\{\{.*\}\}$/)]);

const concurrencySchema = z.object({ group: z.string(), 'cancel-in-progress': z.boolean() });

const jobSchema = z.object({
  name: z.string().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.string().optional(),
  'runs-on': z.string(),
  'timeout-minutes': minutes.optional(),
  environment: z.string().optional(),
  concurrency: concurrencySchema.optional(),
  permissions: z.record(z.string(), z.string()).optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  env: z.record(z.string(), scalar).optional(),
  steps: z.array(stepSchema),
});

const inputSchema = z.object({
  type: z.string(),
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: scalar.optional(),
});

const workflowSchema = z.object({
  name: z.string(),
  'run-name': z.string().optional(),
  on: z.object({
    schedule: z.array(z.object({ cron: z.string() })).optional(),
    workflow_dispatch: z
      .object({ inputs: z.record(z.string(), inputSchema).optional() })
      .nullable()
      .optional(),
  }),
  permissions: z.record(z.string(), z.string()),
  concurrency: concurrencySchema.optional(),
  jobs: z.record(z.string(), jobSchema),
});

export type Workflow = z.infer<typeof workflowSchema>;
export type Job = Workflow['jobs'][string];
export type Step = Job['steps'][number];

/** The YAML of `name`, parsed and checked against the shape these tests read. */
export const loadWorkflow = (name: string): Workflow => {
  const document: unknown = parse(readWorkflow(name));
  const parsed = workflowSchema.safeParse(document);
  if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/** Loose shape every workflow (ci.yml included) must have for the policy checks. */
export const anyWorkflowSchema = z.object({
  permissions: z.record(z.string(), z.string()),
  jobs: z.record(z.string(), z.object({ 'timeout-minutes': minutes }).loose()),
});

export const parseYaml = (text: string): unknown => parse(text);

export const job = (workflow: Workflow, id: string): Job => {
  const found = workflow.jobs[id];
  if (found === undefined) throw new Error(`no job "${id}"`);
  return found;
};

export const stepUsing = (target: Job, action: string): Step => {
  const found = target.steps.find((step) => step.uses?.split('@')[0] === action);
  if (found === undefined) throw new Error(`no step uses ${action}`);
  return found;
};

const BASH = spawnSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim();

/** GitHub's `shell: bash`: `bash --noprofile --norc -eo pipefail`, here with only `env`. */
export const runBash = (
  script: string,
  env: Readonly<Record<string, string>>,
  cwd?: string,
): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(BASH, ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', ...env },
    ...(cwd === undefined ? {} : { cwd }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

export const crons = (workflow: Workflow): string[] =>
  (workflow.on.schedule ?? []).map((entry) => entry.cron);
