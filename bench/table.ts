export interface BenchRow {
  readonly benchmark: string;
  readonly measured: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  readonly notes: string;
}

const columns: ReadonlyArray<{ key: keyof BenchRow; title: string }> = [
  { key: 'benchmark', title: 'benchmark' },
  { key: 'measured', title: 'measured' },
  { key: 'baseline', title: 'baseline' },
  { key: 'ratio', title: 'ratio' },
  { key: 'target', title: 'target' },
  { key: 'notes', title: 'notes' },
];

export const ms = (value: number): string =>
  value >= 10_000
    ? `${(value / 1000).toFixed(1)} s`
    : value >= 1000
      ? `${(value / 1000).toFixed(2)} s`
      : `${value.toFixed(0)} ms`;
export const mb = (value: number): string => `${value.toFixed(0)} MB`;
export const times = (value: number): string => `${value.toFixed(2)}x`;

/** A Markdown table (also readable as plain text), columns padded to their widest cell. */
export const renderTable = (rows: ReadonlyArray<BenchRow>): string => {
  const widths = columns.map(({ key, title }) =>
    Math.max(title.length, ...rows.map((row) => row[key].length)),
  );
  const line = (cells: ReadonlyArray<string>): string =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
  return [
    line(columns.map((column) => column.title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map(({ key }) => row[key]))),
  ].join('\n');
};
