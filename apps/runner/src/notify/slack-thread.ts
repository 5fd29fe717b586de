/** A Slack message a run replies to: its channel and timestamp. */
export interface SlackThread {
  readonly channel: string;
  readonly ts: string;
}

const threadPattern = /^([CG][A-Z0-9]+):([0-9]+\.[0-9]+)$/;

/**
 * `<channel>:<ts>` from the workflow's `slack_thread` input, accepted only when well formed and
 * in one of our own channels (anything else could make the run post where nobody expects).
 */
export const parseSlackThread = (
  raw: string,
  channels: ReadonlyArray<string | null | undefined>,
): SlackThread | null => {
  const match = threadPattern.exec(raw.trim());
  const channel = match?.[1];
  const ts = match?.[2];
  if (channel === undefined || ts === undefined || !channels.includes(channel)) return null;
  return { channel, ts };
};
