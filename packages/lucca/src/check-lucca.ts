import {
  doctorCheckFor,
  isSync360Error,
  statusReader,
  type DoctorCheck,
  type EmployeeRecord,
} from '@sync360/core';
import { createLuccaContext, type LuccaContext, type LuccaSettings } from './context.js';
import { fetchDefinitions, type StatusDefinitions } from './definitions.js';
import {
  countFormerEmployees,
  fetchUserItems,
  noFormerEmployeeWarning,
  recordsFromItems,
} from './fetch-records.js';

const check = doctorCheckFor('lucca');

/** Checks already passed, then the failing one, for an error thrown at some stage. */
const checksForError = (
  error: unknown,
  passed: DoctorCheck[],
  redact: (text: string) => string,
): DoctorCheck[] => {
  if (!isSync360Error(error)) throw error;
  const fail = (name: string): DoctorCheck[] => [
    ...passed,
    check(name, false, redact(error.message), redact(error.hint)),
  ];
  if (error.code === 'lucca-unreachable') return fail('reachable');
  const reached = passed.length > 0 ? passed : [check('reachable', true, 'the Lucca API answered')];
  if (error.code === 'lucca-auth')
    return [...reached, check('API key', false, redact(error.message), redact(error.hint))];
  if (error.code === 'status-field-missing')
    return [...reached, check('status field', false, redact(error.message), redact(error.hint))];
  return [...reached, check('users', false, redact(error.message), redact(error.hint))];
};

const statusFieldCheck = (
  context: LuccaContext,
  definitions: StatusDefinitions | null,
  records: ReadonlyArray<EmployeeRecord>,
): DoctorCheck => {
  const field = `"${context.statusField}"`;
  const read = statusReader(context.labels.extraActiveLabels, context.labels.extraInactiveLabels);
  const hasBoth = (labels: ReadonlyArray<string>): boolean =>
    (['Active', 'Inactive'] as const).every((status) =>
      labels.some((label) => {
        const reading = read(label);
        return reading.kind === 'known' && reading.status === status;
      }),
    );
  if (definitions !== null && definitions.hasField) {
    const labels = definitions.entries.flatMap((entry) => entry.labels.slice(0, 1));
    if (hasBoth(definitions.entries.flatMap((entry) => entry.labels)))
      return check('status field', true, `${field} found with entries ${labels.join(', ')}`);
    return check(
      'status field',
      false,
      `${field} found, but its entries (${labels.length > 0 ? labels.join(', ') : 'none'}) lack an Active (Actif) or an Inactive (Inactif) one`,
      'add list entries labelled Active and Inactive (or Actif / Inactif) to the field in Lucca, or list your labels in SYNC360_ACTIVE_LABELS / SYNC360_INACTIVE_LABELS',
    );
  }
  const used = [
    ...new Set(
      records.flatMap((record) => (record.statusLabel === null ? [] : [record.statusLabel])),
    ),
  ];
  const source = definitions === null ? 'definitions not readable' : 'no definition matches it';
  return check(
    'status field',
    true,
    `${field} found on users (${source}); labels in use: ${used.length > 0 ? used.join(', ') : 'none yet'}`,
  );
};

/**
 * `sync360 doctor` for Lucca (changes nothing): reachable, key accepted, status field found with
 * Active/Inactive entries, employee count and the former-employee visibility line.
 */
export const checkLucca = async (
  settings: LuccaSettings,
  today: string,
): Promise<DoctorCheck[]> => {
  const context = createLuccaContext(settings);
  const passed: DoctorCheck[] = [];
  try {
    const definitions = await fetchDefinitions(context);
    passed.push(
      check('reachable', true, `${context.apiRoot} answered`),
      check('API key', true, 'accepted'),
    );
    const records = recordsFromItems(context, await fetchUserItems(context), definitions);
    passed.push(statusFieldCheck(context, definitions, records));
    const former = countFormerEmployees(records, today);
    passed.push(
      check(
        'employees',
        records.length > 0,
        `${records.length} users read, ${former} of them former employees`,
        records.length > 0 ? null : 'no user came back: give the API key the right to read users',
      ),
      check(
        'former employees',
        true,
        former > 0 ? `${former} visible` : `warning: ${noFormerEmployeeWarning}`,
      ),
    );
    return passed;
  } catch (error) {
    return checksForError(error, passed, context.redact);
  }
};
