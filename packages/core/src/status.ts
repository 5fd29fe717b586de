import type { UserStatus } from './columns.js';
import { normalizeText } from './text.js';

export type StatusReading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'known'; readonly status: UserStatus }
  | { readonly kind: 'unknown'; readonly label: string };

const key = (label: string): string => normalizeText(label).toLowerCase();

/** SPEC §4 rule 2: labels are compared case-insensitively after trimming. */
export const readStatus = (
  label: string | null,
  extraActive: ReadonlyArray<string>,
  extraInactive: ReadonlyArray<string>,
): StatusReading => {
  const normalized = key(label ?? '');
  if (normalized === '') return { kind: 'missing' };
  if (['active', 'actif', ...extraActive.map(key)].includes(normalized)) {
    return { kind: 'known', status: 'Active' };
  }
  if (['inactive', 'inactif', ...extraInactive.map(key)].includes(normalized)) {
    return { kind: 'known', status: 'Inactive' };
  }
  return { kind: 'unknown', label: normalizeText(label) };
};
