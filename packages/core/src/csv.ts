import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { columnKeys, rowValues, type UserRow } from './columns.js';
import type { CsvDelimiter } from './options.js';

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
  const text = stringify([[...header], ...rows.map(rowValues)], {
    delimiter,
    record_delimiter: '\n',
    quoted_string: false,
    bom: false,
  });
  const bytes = new TextEncoder().encode(text);
  return { text, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), rows: rows.length };
};

export type PreviousFileResult =
  | { readonly ok: true; readonly rows: ReadonlyArray<UserRow> }
  | { readonly ok: false; readonly reason: string };

const detectDelimiter = (text: string): CsvDelimiter => {
  const headerLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  return headerLine.split(';').length > headerLine.split(',').length ? ';' : ',';
};

/** Reads a previously delivered file by column position (header names may have been renamed). */
export const parsePreviousFile = (text: string): PreviousFileResult => {
  let records: string[][];
  try {
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: false, bom: true });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const [header, ...body] = records;
  if (header === undefined || header.length !== columnKeys.length) {
    return { ok: false, reason: `expected a header of ${columnKeys.length} columns` };
  }
  const rows: UserRow[] = [];
  for (const [index, values] of body.entries()) {
    const status = values[7];
    if (status !== 'Active' && status !== 'Inactive') {
      return { ok: false, reason: `line ${index + 2}: status "${status ?? ''}" is not Active or Inactive` };
    }
    rows.push({
      uniqueId: values[0] ?? '',
      email: values[1] ?? '',
      firstName: values[2] ?? '',
      lastName: values[3] ?? '',
      title: values[4] ?? '',
      language: values[5] ?? '',
      managerId: values[6] ?? '',
      status,
    });
  }
  return { ok: true, rows };
};
