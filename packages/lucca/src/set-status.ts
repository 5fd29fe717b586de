import { isSync360Error, normalizeText, statusReader, type UserStatus } from '@sync360/core';
import { z } from 'zod';
import { createLuccaContext, type LuccaContext, type LuccaSettings } from './context.js';
import { fetchDefinitions, type StatusDefinitions, type StatusEntry } from './definitions.js';
import { callLucca } from './request.js';
import { readStatusValue, statusKeyIn } from './users.js';

export interface SetStatusRequest {
  readonly luccaId: string;
  readonly status: UserStatus;
}

export interface SetStatusResult {
  /** `done`: written and read back; `already-done`: the user did not need it, nothing written. */
  readonly outcome: 'done' | 'already-done';
  readonly luccaId: string;
  readonly status: UserStatus;
  /** "First Last" as Lucca has it, for the confirm text (null when Lucca gives no name). */
  readonly name: string | null;
  /** The employee number as Lucca has it, so a Slack line names the person without the cache. */
  readonly employeeNumber: string | null;
  /** The label the field held before the click, null when it was empty. */
  readonly previousLabel: string | null;
}

const userSchema = z.object({
  data: z.object({
    firstName: z.unknown().optional(),
    lastName: z.unknown().optional(),
    employeeNumber: z.unknown().optional(),
    extendedData: z.record(z.string(), z.unknown()).nullish(),
  }),
});

interface CurrentValue {
  readonly name: string | null;
  readonly employeeNumber: string | null;
  readonly key: string;
  /** Id of the stored value, 0 when the user has none. */
  readonly valueId: number;
  readonly entryId: string | null;
  readonly label: string | null;
}

const asNumber = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

const nameOf = (first: unknown, last: unknown): string | null => {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const name = normalizeText(`${text(first) ?? ''} ${text(last) ?? ''}`);
  return name === '' ? null : name;
};

/** 401/403 and 404 said the way an HR admin can act on them; other errors pass unchanged. */
const explained = (
  context: LuccaContext,
  luccaId: string,
  step: string,
  error: unknown,
): unknown => {
  if (!isSync360Error(error)) return error;
  const status = error.details['status'];
  if (status === 401 || status === 403) {
    return context.sourceError(
      'lucca-write-forbidden',
      `Lucca refused to let the write API key ${step} of user ${luccaId} (HTTP ${status}): the status field "${context.statusField}" cannot be set with it`,
      `give the key in LUCCA_WRITE_API_KEY the edit right on the employee-file (HR file) section that holds "${context.statusField}", with read access to users and custom field definitions, or create a key that has it`,
      { status, luccaId },
    );
  }
  if (status === 404) {
    return context.sourceError(
      'lucca-user-gone',
      `Lucca no longer has user ${luccaId}: nothing was written`,
      'the person was deleted or merged in Lucca; refresh the list of pending tasks',
      { status, luccaId },
    );
  }
  return error;
};

const readUser = async (context: LuccaContext, luccaId: string): Promise<CurrentValue> => {
  const path = `/users/${encodeURIComponent(luccaId)}`;
  const body = await callLucca(context, {
    path: () => `${path}?fields=id,firstName,lastName,employeeNumber,extendedData`,
    what: () => `GET /api/v3${path}`,
  }).catch((error: unknown) => {
    throw explained(context, luccaId, 'read the status', error);
  });
  const parsed = userSchema.safeParse(body);
  if (!parsed.success) {
    throw context.sourceError(
      'lucca-bad-response',
      `Lucca sent an unexpected shape: GET /api/v3${path}: expected {"data":{...}} with extendedData an object or null`,
      'set the status by hand in Lucca this time, and report this message',
      { luccaId },
    );
  }
  const user = parsed.data.data;
  const extended = user.extendedData ?? {};
  const key = statusKeyIn(extended, context.statusField);
  const raw = extended[key];
  const value = readStatusValue(raw);
  if (value === null) {
    throw context.sourceError(
      'lucca-bad-response',
      `Lucca sent an unexpected shape: GET /api/v3${path}: extendedData.${key} is not a list value`,
      'set the status by hand in Lucca this time, and report this message',
      { luccaId },
    );
  }
  const storedId = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'id') : undefined;
  return {
    name: nameOf(user.firstName, user.lastName),
    employeeNumber:
      typeof user.employeeNumber === 'string' && user.employeeNumber.trim() !== ''
        ? user.employeeNumber.trim()
        : null,
    key,
    valueId:
      typeof storedId === 'number'
        ? storedId
        : typeof storedId === 'string' && /^\d+$/.test(storedId)
          ? Number(storedId)
          : 0,
    entryId: value.kind === 'entry' ? value.entryId : null,
    label: value.kind === 'label' ? value.label : null,
  };
};

const wantedEntry = (
  context: LuccaContext,
  definitions: StatusDefinitions,
  status: UserStatus,
): StatusEntry => {
  const read = statusReader(context.labels.extraActiveLabels, context.labels.extraInactiveLabels);
  const maps = (entry: StatusEntry): boolean =>
    entry.labels.some((label) => {
      const reading = read(label);
      return reading.kind === 'known' && reading.status === status;
    });
  const matches = definitions.entries.filter(maps);
  const [only] = matches;
  if (only !== undefined && matches.length === 1) return only;
  const entries = definitions.entries.map((entry) => entry.labels.join(' / ')).join(', ');
  throw context.sourceError(
    'lucca-status-entry',
    matches.length === 0
      ? `No list entry of "${context.statusField}" means ${status} (entries: ${entries === '' ? 'none' : entries}): nothing was written`
      : `${matches.length} list entries of "${context.statusField}" mean ${status} (ids ${matches.map((entry) => entry.id).join(', ')}): nothing was written, as the right one is unclear`,
    `give the field exactly one entry labelled ${status} (or ${status === 'Active' ? 'Actif' : 'Inactif'}) in Lucca, or list your label in SYNC360_${status === 'Active' ? 'ACTIVE' : 'INACTIVE'}_LABELS`,
    { status },
  );
};

/**
 * Sets one user's 360 status in Lucca, for the bot's Set-status buttons. `settings.apiKey` is the
 * write key. Reads the user (the stored value's id), finds the one list entry meaning `status`
 * (rule 2's labels, translations and the extra labels), writes only when the user still needs it
 * (Active: no status yet; Inactive: currently Active), with the field at the root of the body
 * (Lucca ignores writes through `extendedData`), and reads it back to confirm.
 */
export const setLuccaStatus = async (
  settings: LuccaSettings,
  request: SetStatusRequest,
): Promise<SetStatusResult> => {
  const context = createLuccaContext(settings);
  const { luccaId, status } = request;
  const before = await readUser(context, luccaId);
  const definitions = await fetchDefinitions(context).catch((error: unknown) => {
    throw explained(context, luccaId, 'read the custom field definitions', error);
  });
  if (definitions === null) {
    throw context.sourceError(
      'lucca-definitions-unavailable',
      `The write API key cannot read the custom field definitions, so the list entry meaning ${status} is unknown: nothing was written`,
      'give the key in LUCCA_WRITE_API_KEY read access to custom field definitions (GET /api/v3/extensionuserdefinitions)',
    );
  }
  const entry = wantedEntry(context, definitions, status);
  const labelOf = (value: CurrentValue): string | null =>
    value.label ??
    (value.entryId === null ? null : (definitions.labels.get(value.entryId) ?? null));
  const read = statusReader(context.labels.extraActiveLabels, context.labels.extraInactiveLabels);
  const previousLabel = labelOf(before);
  const current = read(previousLabel);
  const needed =
    status === 'Active'
      ? current.kind === 'missing'
      : current.kind === 'known' && current.status === 'Active';
  const result = {
    luccaId,
    status,
    name: before.name,
    employeeNumber: before.employeeNumber,
    previousLabel,
  };
  if (!needed) return { ...result, outcome: 'already-done' };

  const path = `/users/${encodeURIComponent(luccaId)}`;
  await callLucca(context, {
    method: 'PUT',
    path: () => path,
    what: () => `PUT /api/v3${path}`,
    body: { [before.key]: { id: before.valueId, value: asNumber(entry.id) } },
  }).catch((error: unknown) => {
    throw explained(context, luccaId, 'write the status', error);
  });
  const after = await readUser(context, luccaId);
  const confirmed = after.entryId === entry.id || entry.labels.includes(after.label ?? '');
  if (!confirmed) {
    throw context.sourceError(
      'lucca-write-not-confirmed',
      `Lucca accepted the write but user ${luccaId} still shows ${labelOf(after) ?? 'no status'} instead of ${status}`,
      `check the user's "${context.statusField}" in Lucca and set it by hand if needed`,
      { luccaId, status },
    );
  }
  return { ...result, outcome: 'done' };
};
