/**
 * Escapes the three characters Slack's mrkdwn treats as control characters, so names such as
 * `<!channel>` or `R&D <team>` show as typed and never ping or link.
 */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

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

/** Raw text made safe for mrkdwn and clipped to `max` characters. */
export const safeMrkdwn = (raw: string, max: number): string => clipMrkdwn(escapeMrkdwn(raw), max);

/** A mrkdwn link; the URL is escaped so `&`, `<`, `>` and `|` cannot break out of it. */
export const mrkdwnLink = (url: string, label: string): string => {
  const safeUrl = url
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
};
