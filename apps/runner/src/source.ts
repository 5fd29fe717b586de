import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  type EmployeeRecord,
  isSync360Error,
  messageOf,
  type PlanOptions,
  Sync360Error,
} from '@sync360/core';
import { fetchLuccaRecords, parseUsersPayload, readDefinitions } from '@sync360/lucca';
import type { RunnerConfig } from './config/runner-config.js';

export type SourceKind = 'lucca-api' | 'file' | 'demo';

export interface LoadedSource {
  readonly kind: SourceKind;
  readonly records: ReadonlyArray<EmployeeRecord>;
  readonly warnings: ReadonlyArray<string>;
}

export interface SourceFlags {
  readonly input: string | null;
  readonly definitions: string | null;
}

const demoUsersPath = fileURLToPath(new URL('demo/demo-users.json', import.meta.url));

/** `--input` wins, then the Lucca API when configured, then the demo; no network call. */
export const sourceKindFor = (config: RunnerConfig, flags: SourceFlags): SourceKind =>
  flags.input !== null ? 'file' : config.lucca !== null ? 'lucca-api' : 'demo';

/**
 * Redacted mode keeps Lucca data out of messages: a quoted fragment (a response body, a value,
 * JSON-parser context) becomes `"…"`; positions, statuses and field names stay.
 */
export const withoutQuotedData = (text: string): string =>
  text.replace(/"(?:[^"\\\n]|\\.)*"/g, '"…"').replace(/'(?:[^'\\\n]|\\.)+'/g, "'…'");

const readJsonFile = async (path: string, flag: string, redact: boolean): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ConfigError(
      'input-unreadable',
      `${flag} ${path}: cannot read the file (${reason}).`,
      `Check the path given to ${flag} and that the file is readable.`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = messageOf(error);
    const position = /position \d+/.exec(reason)?.[0];
    throw new ConfigError(
      'input-malformed',
      `${flag} ${path}: not valid JSON (${redact ? (position ?? 'parse error') : reason}).`,
      `Give ${flag} a JSON response body of Lucca's API (see README, "Input files").`,
    );
  }
};

/** `--input FILE [--definitions FILE]`: the same JSON the API returns, mapped the same way. */
const readLuccaFiles = async (
  input: string,
  definitionsPath: string | null,
  statusField: string,
  labels: Pick<PlanOptions, 'extraActiveLabels' | 'extraInactiveLabels'>,
  redact: boolean,
  label = `--input ${input}`,
  ruleKeys: ReadonlyArray<string> = [],
): Promise<EmployeeRecord[]> => {
  const users = await readJsonFile(input, '--input', redact);
  let definitions = null;
  if (definitionsPath !== null) {
    const parsed = readDefinitions(
      await readJsonFile(definitionsPath, '--definitions', redact),
      statusField,
      labels,
    );
    if (!parsed.ok) {
      throw new ConfigError(
        'definitions-invalid',
        `--definitions ${definitionsPath}: ${parsed.reason}.`,
        'Give --definitions a response body of GET /api/v3/extensionuserdefinitions.',
      );
    }
    definitions = parsed.definitions;
  }
  const result = parseUsersPayload(users, { statusField, definitions, ruleKeys }, 'users');
  if (result.ok) return result.records;
  const { issue } = result;
  switch (issue.kind) {
    case 'needs-definitions':
      throw new ConfigError(
        'definitions-needed',
        `${label}: ${issue.message}.`,
        'Add --definitions FILE (a response body of GET /api/v3/extensionuserdefinitions) so entry ids become Active/Inactive labels.',
      );
    case 'status-field-missing':
      throw new ConfigError(
        'status-field-missing',
        `${label}: ${issue.message}.`,
        'Set LUCCA_STATUS_FIELD to the key of the 360 status field (see the list above), or create the Active/Inactive list field in Lucca.',
      );
    case 'shape':
      throw new ConfigError(
        'input-invalid',
        `${label}: ${issue.message}.`,
        'Fix the file: it must be a Lucca users response body {"data":{"items":[...]}} or an array of users (see README, "Input files").',
      );
  }
};

/** SYNC360_LEGAL_ENTITIES naming no entity of the users read is a typo, not an empty company. */
const checkLegalEntities = (
  config: RunnerConfig,
  records: ReadonlyArray<EmployeeRecord>,
): string[] => {
  const wanted = config.plan.legalEntities;
  if (wanted === null || records.length === 0) return [];
  const present = new Set(records.flatMap((record) => record.legalEntityId ?? []));
  const missing = wanted.filter((id) => !present.has(id));
  const known = [...present].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (missing.length === wanted.length)
    throw new ConfigError(
      'legal-entities-unknown',
      `SYNC360_LEGAL_ENTITIES (${wanted.join(', ')}) matches none of the ${String(records.length)} users read; their legal entities are: ${known.join(', ') || 'none'}.`,
      'Set SYNC360_LEGAL_ENTITIES to ids from that list (comma-separated), or unset it to export every entity.',
    );
  return missing.length === 0
    ? []
    : [
        `SYNC360_LEGAL_ENTITIES: no user belongs to ${missing.join(', ')} (entities read: ${known.join(', ')})`,
      ];
};

const load = async (
  config: RunnerConfig,
  flags: SourceFlags,
  today: string,
  progress: (message: string) => void,
  redact: boolean,
  ruleKeys: ReadonlyArray<string> | null,
): Promise<LoadedSource> => {
  const kind = sourceKindFor(config, flags);
  if (kind === 'file' && flags.input !== null)
    return {
      kind,
      records: await readLuccaFiles(
        flags.input,
        flags.definitions,
        config.statusField,
        config.plan,
        redact,
        `--input ${flags.input}`,
        ruleKeys ?? [],
      ),
      warnings: [],
    };
  if (kind === 'lucca-api' && config.lucca !== null) {
    const fetched = await fetchLuccaRecords(
      {
        ...config.lucca,
        extraActiveLabels: config.plan.extraActiveLabels,
        extraInactiveLabels: config.plan.extraInactiveLabels,
        redactData: redact,
        onProgress: progress,
        onWarning: progress,
      },
      today,
      ruleKeys,
    );
    return { kind, records: fetched.records, warnings: fetched.warnings };
  }
  return {
    kind: 'demo',
    records: await readLuccaFiles(
      demoUsersPath,
      null,
      'e_360_status',
      config.plan,
      redact,
      'demo data',
      ruleKeys ?? [],
    ),
    warnings: [],
  };
};

/**
 * What `run`, `build`, `reminders` and `doctor` read. With `redact`, no Lucca data is left in any
 * message, progress line or warning it gives.
 */
export const loadSource = async (
  config: RunnerConfig,
  flags: SourceFlags,
  today: string,
  progress: (message: string) => void,
  redact: boolean,
  /** With group rules: the Lucca attributes they read (§7c), else null. */
  ruleKeys: ReadonlyArray<string> | null = null,
): Promise<LoadedSource> => {
  const clean = redact ? withoutQuotedData : (text: string): string => text;
  try {
    const source = await load(
      config,
      flags,
      today,
      (line) => progress(clean(line)),
      redact,
      ruleKeys,
    );
    return {
      ...source,
      warnings: [...source.warnings, ...checkLegalEntities(config, source.records)].map(clean),
    };
  } catch (error) {
    if (!redact || !isSync360Error(error)) throw error;
    throw new Sync360Error(
      error.kind,
      error.code,
      clean(error.message),
      clean(error.hint),
      error.details,
    );
  }
};
