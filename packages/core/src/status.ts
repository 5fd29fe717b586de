import type { UserStatus } from './columns.js';
import { normalizeText } from './text.js';

export type StatusReading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'known'; readonly status: UserStatus }
  | { readonly kind: 'unknown'; readonly label: string };

const key = (label: string): string => normalizeText(label).toLowerCase();

const missing: StatusReading = { kind: 'missing' };
const active: StatusReading = { kind: 'known', status: 'Active' };
const inactive: StatusReading = { kind: 'known', status: 'Inactive' };

/** SPEC §4 rule 2 with the label lists prepared once, for reading many statuses. */
export const statusReader = (
  extraActive: ReadonlyArray<string>,
  extraInactive: ReadonlyArray<string>,
): ((label: string | null) => StatusReading) => {
  const activeKeys = new Set(['active', 'actif', ...extraActive.map(key)]);
  const inactiveKeys = new Set(['inactive', 'inactif', ...extraInactive.map(key)]);
  return (label) => {
    const normalized = key(label ?? '');
    if (normalized === '') return missing;
    if (activeKeys.has(normalized)) return active;
    if (inactiveKeys.has(normalized)) return inactive;
    return { kind: 'unknown', label: normalizeText(label) };
  };
};

/** SPEC §4 rule 2: labels are compared case-insensitively after trimming. */
export const readStatus = (
  label: string | null,
  extraActive: ReadonlyArray<string>,
  extraInactive: ReadonlyArray<string>,
): StatusReading => statusReader(extraActive, extraInactive)(label);
