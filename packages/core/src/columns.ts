/**
 * The 360Learning user file, defined once: this table drives the header, the mapping output and
 * the tests. Order and meaning never change; only header names may be overridden.
 */
export const columns = [
  { key: 'uniqueId', header: 'uniqueId', meaning: 'employee number (the 360 unique id)' },
  { key: 'email', header: 'email', meaning: 'professional email, the 360 username' },
  { key: 'firstName', header: 'firstName', meaning: 'first name' },
  { key: 'lastName', header: 'lastName', meaning: 'last name' },
  { key: 'title', header: 'title', meaning: 'job title (may be empty)' },
  { key: 'language', header: 'language', meaning: 'ISO 639-1 language code' },
  { key: 'managerId', header: 'managerId', meaning: "manager's employee number" },
  { key: 'status', header: 'status', meaning: 'Active or Inactive' },
] as const;

export type ColumnKey = (typeof columns)[number]['key'];
export type UserStatus = 'Active' | 'Inactive';

export type UserRow = { readonly [K in ColumnKey]: K extends 'status' ? UserStatus : string };

export const columnKeys: ReadonlyArray<ColumnKey> = columns.map((column) => column.key);
export const defaultHeader: ReadonlyArray<string> = columns.map((column) => column.header);

export const rowValues = (row: UserRow): string[] => columnKeys.map((key) => row[key]);
