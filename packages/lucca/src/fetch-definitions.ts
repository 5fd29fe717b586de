import { isSync360Error } from '@sync360/core';
import type { LuccaContext } from './context.js';
import {
  indexDefinitions,
  parseDefinitionsPayload,
  type StatusDefinitions,
} from './definitions.js';
import { requestJson } from './request-json.js';

const definitionsPath = '/extensionuserdefinitions';
const definitionFields = 'id,name,code,extensionUserPropertyListEntries';

/**
 * Reads the custom field definitions once per run (they turn list-entry ids into labels).
 * A key without the right to read them (403/404) is not fatal: statuses given as labels still work,
 * and entry ids then fail with a clear message. Null in that case.
 */
export const fetchDefinitions = async (
  context: LuccaContext,
): Promise<StatusDefinitions | null> => {
  const what = `GET /api/v3${definitionsPath}`;
  let body: unknown;
  try {
    body = await requestJson(
      context,
      () => `${context.apiRoot}${definitionsPath}?fields=${definitionFields}`,
      () => what,
    );
  } catch (error) {
    const status = isSync360Error(error) ? error.details['status'] : undefined;
    if (!isSync360Error(error) || (status !== 403 && status !== 404)) throw error;
    context.warn(
      `Lucca custom field definitions are not readable (HTTP ${String(status)}): statuses given as list-entry ids cannot be turned into labels; give the API key read access to custom fields`,
    );
    return null;
  }
  const parsed = parseDefinitionsPayload(body, 'extensionuserdefinitions');
  if (!parsed.ok) {
    throw context.sourceError(
      'lucca-bad-response',
      `Lucca sent an unexpected shape: ${what}: ${parsed.reason}`,
      'the Lucca API may have changed; report this message',
    );
  }
  const index = indexDefinitions(parsed.definitions, context.statusField);
  context.progress(
    `Lucca: custom field definitions fetched (${parsed.definitions.length} fields${index.hasField ? `, "${context.statusField}" among them` : ''})`,
  );
  return index;
};
