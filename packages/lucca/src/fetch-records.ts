import { ConfigError, type EmployeeRecord } from '@sync360/core';
import { createLuccaContext, type LuccaContext, type LuccaSettings } from './context.js';
import { fetchDefinitions, type StatusDefinitions } from './definitions.js';
import { callLucca } from './request.js';
import { objectItems } from './shapes.js';
import { parseUsersPayload, userFields } from './users.js';

const badShape = 'the Lucca API may have changed; report this message';

const idOf = (item: Readonly<Record<string, unknown>>): string | null => {
  const id = item['id'];
  return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
};

/**
 * Pages through `GET /api/v3/users` (former employees included) until a short page. A 408 or a
 * timeout halves the page for the retry and the pages after it; the offset is the number of users
 * received, so nobody is skipped or read twice. A user seen twice (the list moved while paging)
 * is kept once, with a warning. Always bounded: a page of users all read before (a server
 * ignoring `paging`) is `lucca-paging`, more than `maxEmployees` users is `lucca-too-many`.
 */
export const fetchUserItems = async (
  context: LuccaContext,
  extraFields: ReadonlyArray<string> = [],
): Promise<Array<Record<string, unknown>>> => {
  const items: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  let offset = 0;
  let limit = context.pageSize;
  const shrink = (): void => {
    if (limit <= 1) return;
    limit = Math.ceil(limit / 2);
    context.progress(`Lucca: slow answer, asking for pages of ${limit} users`);
  };
  for (let page = 1; ; page += 1) {
    const what = (): string => `GET /api/v3/users page ${page} (paging=${offset},${limit})`;
    const body = await callLucca(context, {
      path: () =>
        `/users?formerEmployees=true&fields=${[...userFields, ...extraFields].join(',')}&paging=${offset},${limit}`,
      what,
      onSlow: shrink,
    });
    const parsed = objectItems(body, 'user');
    if (!parsed.ok) {
      throw context.sourceError(
        'lucca-bad-response',
        `Lucca sent an unexpected shape: ${what()}: users: ${parsed.reason}`,
        badShape,
      );
    }
    let fresh = 0;
    for (const item of parsed.items) {
      const id = idOf(item);
      if (id !== null && seen.has(id)) {
        context.warn(
          `Lucca returned user ${id} twice while paging (the list changed during the run); kept once`,
        );
        continue;
      }
      if (id !== null) seen.add(id);
      items.push(item);
      fresh += 1;
    }
    if (parsed.items.length > 0 && fresh === 0) {
      throw context.sourceError(
        'lucca-paging',
        `Lucca ignored paging: ${what()} returned only users already read`,
        badShape,
        { page, offset },
      );
    }
    if (items.length > context.maxEmployees) {
      throw context.sourceError(
        'lucca-too-many',
        `Lucca returned more than ${context.maxEmployees} users (${items.length} after ${page} pages); stopped reading`,
        'if the tenant really has that many users, raise LUCCA_MAX_EMPLOYEES; else the Lucca API is misbehaving: report this message',
        { page, users: items.length, maxEmployees: context.maxEmployees },
      );
    }
    offset += parsed.items.length;
    context.progress(`Lucca: page ${page} fetched (${items.length} users)`);
    if (parsed.items.length < limit) return items;
  }
};

/** Maps all fetched users at once (the status field may appear on any page only). */
export const recordsFromItems = (
  context: LuccaContext,
  items: ReadonlyArray<unknown>,
  definitions: StatusDefinitions | null,
  ruleKeys: ReadonlyArray<string> = [],
): EmployeeRecord[] => {
  const result = parseUsersPayload(items, {
    statusField: context.statusField,
    definitions,
    ruleKeys,
  });
  if (result.ok) return result.records;
  const { issue } = result;
  if (issue.kind === 'status-field-missing') {
    const existing = issue.existingFields;
    throw new ConfigError(
      'status-field-missing',
      context.redact(
        `LUCCA_STATUS_FIELD "${context.statusField}" does not exist in this Lucca tenant (${definitions === null ? 'definitions not readable' : 'not among the custom field definitions'}, and on no user); custom fields that exist: ${existing.length > 0 ? existing.join(', ') : 'none'}`,
      ),
      existing.length > 0
        ? context.redact(
            `set LUCCA_STATUS_FIELD to the key of the Active/Inactive list field, one of: ${existing.join(', ')}`,
          )
        : 'create the Active/Inactive list field in Lucca (custom user fields) and set LUCCA_STATUS_FIELD to its key',
      { statusField: context.statusField },
    );
  }
  if (issue.kind === 'needs-definitions') {
    throw context.sourceError(
      'lucca-definitions-unavailable',
      `Lucca statuses are list-entry ids but the custom field definitions could not be read: ${issue.message}`,
      'give the API key read access to custom field definitions (GET /api/v3/extensionuserdefinitions)',
    );
  }
  throw context.sourceError(
    'lucca-bad-response',
    `Lucca sent an unexpected shape: GET /api/v3/users: ${issue.message}`,
    badShape,
  );
};

/** Employees whose contract ended before `today` (the key's rights may hide them). */
export const countFormerEmployees = (
  records: ReadonlyArray<EmployeeRecord>,
  today: string,
): number =>
  records.filter((record) => record.contractEnd !== null && record.contractEnd < today).length;

export const noFormerEmployeeWarning =
  'no former employee came back: the API key may lack the right to see them';

interface LuccaFetchResult {
  readonly records: EmployeeRecord[];
  /** The custom field definitions endpoint answered (list-entry ids can be resolved). */
  readonly definitionsFound: boolean;
  /** Records whose contract ended before `today`. */
  readonly formerEmployees: number;
  readonly warnings: string[];
}

/**
 * Reads every Lucca user (former employees included) as core records: definitions once, then
 * users page by page. Throws `ConfigError` (`status-field-missing`: exit 2) or `SourceError`
 * (`lucca-*`: exit 4), always before anything is delivered. The API key never appears in messages.
 */
export const fetchLuccaRecords = async (
  settings: LuccaSettings,
  today: string,
  /** With a rules file: the attributes its rules read (`department` is then requested too). */
  ruleKeys: ReadonlyArray<string> | null = null,
): Promise<LuccaFetchResult> => {
  const warnings: string[] = [];
  const base = createLuccaContext(settings);
  const context: LuccaContext = {
    ...base,
    warn: (message) => {
      warnings.push(base.redact(message));
      base.warn(message);
    },
  };
  const definitions = await fetchDefinitions(context);
  // `legalEntity` and `extendedData` are read already; rules add `department`.
  const records = recordsFromItems(
    context,
    await fetchUserItems(context, ruleKeys === null ? [] : ['department']),
    definitions,
    ruleKeys ?? [],
  );
  const formerEmployees = countFormerEmployees(records, today);
  if (formerEmployees === 0) context.warn(noFormerEmployeeWarning);
  return { records, definitionsFound: definitions !== null, formerEmployees, warnings };
};
