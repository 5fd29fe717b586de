/** `1 row`, `2 rows`. */
export const plural = (count: number, singular: string, pluralForm = `${singular}s`): string =>
  `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;

const pad = (value: number): string => String(value).padStart(2, '0');

/** `2026-11-02 03:07 UTC`, the readable fallback of a Slack date token. */
const utcLabel = (date: Date): string =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;

/**
 * A Slack date token, shown in each reader's own time zone, with a UTC fallback. An unparsable
 * ISO string is shown as it is (escaped by the caller's rules: it contains no `<`, `>` or `&`).
 */
export const slackDate = (iso: string): string => {
  const date = new Date(iso);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return iso.replace(/[<>&|]/g, '');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${utcLabel(date)}>`;
};

/** The plain-text counterpart of {@link slackDate}, for fallback text. */
export const plainDate = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : utcLabel(date);
};
