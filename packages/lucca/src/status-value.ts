/** How a user's status field was given, before resolving entry ids to labels. */
export type StatusValue =
  | { readonly kind: 'none' }
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'entry'; readonly entryId: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * SPEC §9: `{ id, value: <entry id> }` as documented, or a label in place of the id
 * (`"Active"`, `{ value: "Active" }`, `{ value: { id, name: "Active" } }`).
 */
export const readStatusValue = (raw: unknown): StatusValue | null => {
  if (raw === null || raw === undefined || raw === '') return { kind: 'none' };
  if (typeof raw === 'string') return { kind: 'label', label: raw };
  if (!isRecord(raw)) return null;
  const value = 'value' in raw ? raw['value'] : raw;
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'number') return { kind: 'entry', entryId: String(value) };
  if (typeof value === 'string') {
    return /^\d+$/.test(value)
      ? { kind: 'entry', entryId: value }
      : { kind: 'label', label: value };
  }
  if (isRecord(value)) {
    const name = value['name'] ?? value['translation'];
    if (typeof name === 'string') return { kind: 'label', label: name };
    const entryId = value['id'];
    if (typeof entryId === 'number' || typeof entryId === 'string')
      return { kind: 'entry', entryId: String(entryId) };
  }
  return null;
};
