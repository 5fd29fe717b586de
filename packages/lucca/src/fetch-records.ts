import type { EmployeeRecord } from '@sync360/core';
import { createLuccaContext } from './context.js';
import { fetchDefinitions } from './fetch-definitions.js';
import { fetchUserItems } from './fetch-user-pages.js';
import type { LuccaSettings } from './settings.js';
import { countFormerEmployees, noFormerEmployeeWarning, recordsFromItems } from './to-records.js';

export interface LuccaFetchResult {
  readonly records: EmployeeRecord[];
  /** The custom field definitions endpoint answered (list-entry ids can be resolved). */
  readonly definitionsFound: boolean;
  /** Records whose contract ended before `today`. */
  readonly formerEmployees: number;
  readonly warnings: string[];
}

/**
 * Reads every Lucca user (former employees included) as core records: definitions once, then
 * users page by page. Throws `ConfigError` (bad settings, `status-field-missing`: exit 2) or
 * `SourceError` (`lucca-*`: exit 4). The API key never appears in messages.
 */
export const fetchLuccaRecords = async (
  settings: LuccaSettings,
  today: string,
): Promise<LuccaFetchResult> => {
  const warnings: string[] = [];
  const base = createLuccaContext(settings);
  const context = {
    ...base,
    warn: (message: string): void => {
      warnings.push(base.redact(message));
      base.warn(message);
    },
  };
  const definitions = await fetchDefinitions(context);
  const { items } = await fetchUserItems(context);
  const records = recordsFromItems(context, items, definitions);
  const formerEmployees = countFormerEmployees(records, today);
  if (formerEmployees === 0) context.warn(noFormerEmployeeWarning);
  return { records, definitionsFound: definitions !== null, formerEmployees, warnings };
};
