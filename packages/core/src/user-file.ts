import { createHash } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CsvDelimiter } from './options.js';

/** The eight columns of the 360Learning user file: order and meaning never change. */
export const columnKeys = [
  'uniqueId',
  'email',
  'firstName',
  'lastName',
  'title',
  'language',
  'managerId',
  'status',
] as const;

export type ColumnKey = (typeof columnKeys)[number];
export type UserStatus = 'Active' | 'Inactive';
export type UserRow = { readonly [K in ColumnKey]: K extends 'status' ? UserStatus : string };

const digitRun = /^\d/;
const runs = (id: string): string[] => id.match(/\d+|\D+/g) ?? [];
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareRuns = (a: string, b: string): number => {
  if (!digitRun.test(a) || !digitRun.test(b)) return byCodeUnits(a, b);
  const left = a.replace(/^0+/, '');
  const right = b.replace(/^0+/, '');
  return left.length - right.length || byCodeUnits(left, right);
};

/**
 * The order of rows in the file: ids split into digit and non-digit runs, compared run by run
 * (digit runs by numeric value, others by code units, fewer runs first), ties broken by plain
 * code-unit order of the whole id.
 */
export const compareUniqueIds = (a: string, b: string): number => {
  const left = runs(a);
  const right = runs(b);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const order = compareRuns(left[index] ?? '', right[index] ?? '');
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(left.length - right.length) || byCodeUnits(a, b);
};

export interface RenderedFile {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly rows: number;
}

/** UTF-8 without BOM, `\n` line ends, quoting only where needed; rows must already be sorted. */
export const renderCsv = (
  rows: ReadonlyArray<UserRow>,
  header: ReadonlyArray<string>,
  delimiter: CsvDelimiter,
): RenderedFile => {
  const text = stringify([...rows], {
    delimiter,
    record_delimiter: '\n',
    header: true,
    columns: columnKeys.map((key, index) => ({ key, header: header[index] ?? key })),
  });
  const bytes = Buffer.from(text, 'utf8');
  return {
    text,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    rows: rows.length,
  };
};

type PreviousFileResult =
  | { readonly ok: true; readonly rows: ReadonlyArray<UserRow> }
  | { readonly ok: false; readonly reason: string };

/** What went wrong, without any value of the file (it holds personal data). */
const parseFailure = (error: unknown): string => {
  if (!(error instanceof CsvError)) return 'unreadable CSV';
  const line = typeof error['lines'] === 'number' ? ` at line ${error['lines']}` : '';
  return `${error.code}${line}`;
};

/**
 * Reads a previously delivered file by column position (header names may have been renamed).
 * Reasons name lines and columns, never a value.
 */
export const parsePreviousFile = (text: string): PreviousFileResult => {
  const headerLine = text.split('\n', 1)[0] ?? '';
  const delimiter = headerLine.split(';').length > headerLine.split(',').length ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true });
  } catch (error) {
    return { ok: false, reason: parseFailure(error) };
  }
  const [header, ...body] = records;
  if (header === undefined || header.length !== columnKeys.length) {
    return { ok: false, reason: `expected a header of ${columnKeys.length} columns` };
  }
  const rows: UserRow[] = [];
  for (const [index, values] of body.entries()) {
    const [uniqueId = '', email = '', firstName = '', lastName = '', title = ''] = values;
    const [language = '', managerId = '', status] = values.slice(5);
    if (status !== 'Active' && status !== 'Inactive')
      return { ok: false, reason: `line ${index + 2}: the status is neither Active nor Inactive` };
    rows.push({ uniqueId, email, firstName, lastName, title, language, managerId, status });
  }
  return { ok: true, rows };
};
