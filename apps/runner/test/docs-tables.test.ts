import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  botShape,
  goLiveMarkdown,
  nightlyNames,
  runnerShape,
  variablesHelp,
  variablesMarkdown,
} from '@sync360/config';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Each generated table, by the file and marker that hold it. */
const tables = [
  ['README.md', 'variables:runner', variablesMarkdown(runnerShape)],
  ['apps/slack-bot/README.md', 'variables:bot', variablesMarkdown(botShape)],
  ['docs/go-live.md', 'variables:go-live', goLiveMarkdown()],
] as const;

const blockOf = (table: string): string => `\n<!-- prettier-ignore -->\n${table}\n\n`;

const between = (text: string, marker: string): { start: number; end: number } | null => {
  const open = `<!-- ${marker} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(`<!-- /${marker} -->`);
  return start === -1 || end === -1 ? null : { start: start + open.length, end };
};

// SYNC360_WRITE_DOCS=1 rewrites the tables in place (then review the diff) instead of checking.
const write = process.env['SYNC360_WRITE_DOCS'] === '1';

describe('tables generated from the variables table', () => {
  it.each(tables)('%s holds the current %s table', async (file, marker, table) => {
    const path = join(root, file);
    const text = await readFile(path, 'utf8');
    const place = between(text, marker);
    expect(place, `${file} has no <!-- ${marker} --> … <!-- /${marker} --> block`).not.toBeNull();
    if (place === null) return;
    if (write) {
      await writeFile(path, text.slice(0, place.start) + blockOf(table) + text.slice(place.end));
      return;
    }
    expect(
      text.slice(place.start, place.end),
      `${file}: run SYNC360_WRITE_DOCS=1 vitest run apps/runner/test/docs-tables.test.ts`,
    ).toBe(blockOf(table));
  });
});

describe('the nightly workflow', () => {
  it('passes every variable the go-live table puts in its GitHub environment', async () => {
    const workflow = await readFile(join(root, '.github/workflows/sync360-nightly.yml'), 'utf8');
    const missing = nightlyNames.filter(({ name, secret }) => {
      const from = secret ? 'secrets' : 'vars';
      return !workflow.includes(`\n      ${name}: \${{ ${from}.${name} }}\n`);
    });
    expect(missing.map(({ name }) => name)).toEqual([]);
  });
});

describe('defaults', () => {
  it.each([
    ['runner', runnerShape],
    ['bot', botShape],
  ] as const)('the %s help states the value each unset variable parses to', (_, shape) => {
    const help = variablesHelp(shape).split('\n');
    for (const [name, schema] of Object.entries(shape)) {
      const parsed = schema.safeParse(undefined);
      if (!parsed.success || parsed.data === undefined) continue;
      if (Array.isArray(parsed.data) && parsed.data.length === 0) continue;
      const line = help.find((text) => text.startsWith(`  ${name} `)) ?? '';
      expect(line, name).toContain(`default: ${String(parsed.data)}`);
    }
  });
});
