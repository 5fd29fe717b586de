import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { columnKeys, rowValues, type UserRow } from './columns.js';
import type { CsvDelimiter } from './options.js';

export interface RenderedFile {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly rows: number;
}

// csv-stringify's rule for a one-character delimiter and `\n` records: quote a value holding the
// delimiter, a double quote or LF (not a lone CR); double the quotes inside. Written out here because the file is built
// once per run for up to 100,000 rows and csv-stringify's generic path cost more than the whole plan.
const specialCharacters: Readonly<Record<CsvDelimiter, RegExp>> = { ',': /[",\n]/, ';': /[";\n]/ };

const csvLine = (values: ReadonlyArray<string>, delimiter: CsvDelimiter): string => {
  const special = specialCharacters[delimiter];
  let line = '';
  for (const [index, value] of values.entries()) {
    if (index > 0) line += delimiter;
    line += special.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }
  return `${line}\n`;
};

/**
 * The file as text and as UTF-8, grown in batches of about 32,000 code units: the text never lives
 * as a rope of small strings, which the garbage collector had to copy again and again (most of the
 * cost of writing 100,000 rows). The text keeps what the rows hold, even a lone surrogate.
 */
class CsvOutput {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;
  private pending = '';
  private readonly chunks: string[] = [];
  private readonly encoder = new TextEncoder();

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 15) this.flush();
  }

  finish(): { text: string; bytes: Uint8Array } {
    this.flush();
    return { text: this.chunks.join(''), bytes: this.bytes.slice(0, this.length) };
  }

  private flush(): void {
    // A UTF-16 code unit never takes more than three UTF-8 bytes.
    const needed = this.length + this.pending.length * 3;
    if (needed > this.bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += this.encoder.encodeInto(this.pending, this.bytes.subarray(this.length)).written;
    this.chunks.push(this.pending);
    this.pending = '';
  }
}

/** UTF-8 without BOM, `\n` line ends, quoting only where needed; rows must already be sorted. */
export const renderCsv = (
  rows: ReadonlyArray<UserRow>,
  header: ReadonlyArray<string>,
  delimiter: CsvDelimiter,
): RenderedFile => {
  const output = new CsvOutput();
  output.write(csvLine(header, delimiter));
  for (const row of rows) output.write(csvLine(rowValues(row), delimiter));
  const { text, bytes } = output.finish();
  return {
    text,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    rows: rows.length,
  };
};

export type PreviousFileResult =
  | { readonly ok: true; readonly rows: ReadonlyArray<UserRow> }
  | { readonly ok: false; readonly reason: string };

const detectDelimiter = (text: string): CsvDelimiter => {
  const headerLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  return headerLine.split(';').length > headerLine.split(',').length ? ';' : ',';
};

/**
 * A file as sync360 writes it (no quote, no CR, no BOM, eight fields on every line) split on its
 * separators, which reads 100,000 rows several times faster than csv-parse; null for anything
 * else, which csv-parse then reads (or rejects) as before.
 */
const splitPlainFile = (text: string, delimiter: CsvDelimiter): string[][] | null => {
  if (text.includes('"') || text.includes('\r') || text.startsWith('\uFEFF')) return null;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records: string[][] = [];
  for (const line of lines) {
    const values = line.split(delimiter);
    if (values.length !== columnKeys.length) return null;
    records.push(values);
  }
  return records;
};

/** Reads a previously delivered file by column position (header names may have been renamed). */
export const parsePreviousFile = (text: string): PreviousFileResult => {
  const delimiter = detectDelimiter(text);
  let records = splitPlainFile(text, delimiter);
  try {
    records ??= parse(text, { delimiter, relax_column_count: false, bom: true });
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
      return {
        ok: false,
        reason: `line ${index + 2}: status "${status ?? ''}" is not Active or Inactive`,
      };
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
