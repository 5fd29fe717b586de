import { readFile, writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';

// The baseline of the build benchmark: parse the same Lucca JSON and write one CSV line per user
// with csv-stringify, nothing else (no validation, no rule, no sort).

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

const [input, out] = process.argv.slice(2);
if (input === undefined || out === undefined) throw new Error('usage: bare-build INPUT OUT');
const items = field(field(JSON.parse(await readFile(input, 'utf8')), 'data'), 'items');
const users: unknown[] = Array.isArray(items) ? items : [];
const rows = users.map((user) => [
  text(field(user, 'employeeNumber')),
  text(field(user, 'mail')),
  text(field(user, 'firstName')),
  text(field(user, 'lastName')),
  text(field(user, 'jobTitle')),
  text(field(field(user, 'culture'), 'name')),
  text(field(field(user, 'manager'), 'id')),
  text(field(field(field(user, 'extendedData'), 'e_360_status'), 'value')),
]);
const header = ['uniqueId', 'email', 'firstName', 'lastName', 'title', 'language', 'managerId'];
await writeFile(out, stringify([[...header, 'status'], ...rows], { record_delimiter: '\n' }));
