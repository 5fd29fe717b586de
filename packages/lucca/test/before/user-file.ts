import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { PlanOptions } from '@sync360/core';

type CsvDelimiter = PlanOptions['delimiter'];

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
