import { fileURLToPath } from 'node:url';
import type { EmployeeRecord } from '@sync360/core';
import { fetchLuccaRecords } from '@sync360/lucca';
import type { RunnerConfig } from '../config/runner-config.js';
import { readLuccaFiles } from './parse-lucca-file.js';

export type SourceKind = 'lucca-api' | 'file' | 'demo';

export interface LoadedSource {
  readonly kind: SourceKind;
  readonly records: ReadonlyArray<EmployeeRecord>;
  readonly warnings: ReadonlyArray<string>;
}

export interface SourceFlags {
  readonly input: string | null;
  readonly definitions: string | null;
  readonly redact?: boolean;
}

export const demoUsersPath = fileURLToPath(new URL('../demo/demo-users.json', import.meta.url));

/** What `run`, `build`, `reminders` and `doctor` read, decided without any network call. */
export const sourceKindFor = (config: RunnerConfig, flags: SourceFlags): SourceKind =>
  flags.input !== null ? 'file' : config.lucca !== null ? 'lucca-api' : 'demo';

export const loadSource = async (
  config: RunnerConfig,
  flags: SourceFlags,
  today: string,
  progress: (message: string) => void,
): Promise<LoadedSource> => {
  const kind = sourceKindFor(config, flags);
  if (kind === 'file' && flags.input !== null) {
    return {
      kind,
      records: await readLuccaFiles(
        flags.input,
        flags.definitions,
        config.statusField,
        config.plan,
      ),
      warnings: [],
    };
  }
  if (kind === 'lucca-api' && config.lucca !== null) {
    const fetched = await fetchLuccaRecords(
      {
        ...config.lucca,
        extraActiveLabels: config.plan.extraActiveLabels,
        extraInactiveLabels: config.plan.extraInactiveLabels,
        redactData: flags.redact === true || config.inGithubActions,
        onProgress: progress,
        onWarning: progress,
      },
      today,
    );
    return { kind, records: fetched.records, warnings: fetched.warnings };
  }
  return {
    kind: 'demo',
    records: await readLuccaFiles(demoUsersPath, null, 'e_360_status', config.plan, 'demo data'),
    warnings: [],
  };
};
