/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, so text such as
 * `<!channel>` or `R&D <team>` shows as typed and never pings or links.
 */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const looksLikeEmail = (token: string): boolean => {
  const at = token.indexOf('@');
  return at > 0 && token.lastIndexOf('.') > at + 1;
};

/**
 * No email address ever reaches Slack: any word of free text (a message, a name) that looks like
 * one is hidden. Word by word, so a long text costs linear time.
 */
const withoutEmails = (text: string): string =>
  text.includes('@')
    ? text
        .split(/(\s+)/)
        .map((token) => (looksLikeEmail(token) ? '[email hidden]' : token))
        .join('')
    : text;

/**
 * Free text from elsewhere (a reminder's action, a 360Learning refusal's fix) may name one of
 * sync360's variables: Slack says "sync360's settings" instead (SPEC §10, words for HR people).
 */
const withoutSettingNames = (text: string): string =>
  text.replace(
    /\b(?:SLACK|LUCCA|SYNC360|GITHUB|API360|SFTP|HEALTH)_[A-Z0-9_]+\b/g,
    "sync360's settings",
  );

/** Free text as Slack may show it: no email, no variable name. */
const shown = (text: string): string => withoutSettingNames(withoutEmails(text));

const lastEntityStart = (text: string): number => {
  const amp = text.lastIndexOf('&');
  return amp >= 0 && !text.slice(amp).includes(';') ? amp : -1;
};

/** Shortens already-escaped mrkdwn to `max` characters without cutting an `&amp;` in half. */
export const clipMrkdwn = (escaped: string, max: number): string => {
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, Math.max(0, max - 1));
  const entity = lastEntityStart(cut);
  if (entity >= 0) cut = cut.slice(0, entity);
  return `${cut}…`;
};

/** Shortens plain text to `max` characters, marking the cut with an ellipsis. */
export const clipPlain = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;

/** Free text (a message, a hint) made safe for mrkdwn, email-free and clipped to `max`. */
export const safeMrkdwn = (raw: string, max: number): string =>
  clipMrkdwn(escapeMrkdwn(shown(raw)), max);

/** One line of free text for a plain_text object: no line breaks, no email, at most `max`. */
export const safePlain = (raw: string, max: number): string =>
  clipPlain(shown(raw.replace(/\s+/g, ' ').trim()), max);

/** A mrkdwn link; the URL is escaped so `&`, `<`, `>` and `|` cannot break out of it. */
export const mrkdwnLink = (url: string, label: string): string => {
  const safeUrl = url
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
};

/** `<@U123>` for a Slack member id; anything else is shown as escaped text. */
export const userMention = (id: string): string =>
  /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);

/** `<#C123>` for a channel id, which Slack shows as the channel's name. */
export const channelMention = (id: string): string =>
  /^[CG][A-Z0-9]+$/.test(id) ? `<#${id}>` : 'the sync360 channel';

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
