/**
 * The rules every Slack text of sync360 keeps (SPEC §10 "Privacy in Slack", "Words for HR
 * people"), checked over what a fake received: no email anywhere, no name in the ops channel, no
 * environment-variable name or CLI flag, no outside system's answer (a JSON or HTML body).
 */
const emailPattern = /[^\s<>@"'`,;:()[\]|\\]+@[^\s<>@"'`,;:()[\]|\\]+\.[a-z]{2,}/i;
const variablePattern = /\b(?:SLACK|LUCCA|SYNC360|GITHUB|API360|SFTP|HEALTH)_[A-Z0-9_]+|\bPORT=/;
const flagPattern = /(?:^|[\s`(])--[a-z][a-z-]*/;
/** A response body quoted: JSON keys, an HTML page, or an escaped quote from JSON.stringify. */
const bodyPattern = /\{\s*\\?"|\\"|<html|<!doctype/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every text a person reads in a payload: each `text` string, at any depth (message fallback,
 * sections, fields, context, headers, buttons and their dialogs). Button values are not shown.
 */
export const slackTexts = (payload: unknown): string[] => {
  if (Array.isArray(payload)) return payload.flatMap(slackTexts);
  if (!isRecord(payload)) return [];
  return Object.entries(payload).flatMap(([key, value]) =>
    key === 'text' && typeof value === 'string' ? [value] : slackTexts(value),
  );
};

/** What a text breaks of the words-for-HR rules; empty when it keeps them. */
export const slackWordProblems = (text: string): string[] => {
  const problems: string[] = [];
  const check = (pattern: RegExp, what: string): void => {
    const found = pattern.exec(text);
    if (found !== null)
      problems.push(`${what} ${JSON.stringify(found[0])} in ${JSON.stringify(text.slice(0, 300))}`);
  };
  check(emailPattern, 'an email');
  check(variablePattern, 'a variable name');
  check(flagPattern, 'a CLI flag');
  check(bodyPattern, 'an outside answer');
  return problems;
};

/** One payload sent to Slack: where it went and what it carried. */
export interface SentPayload {
  /** The channel (or user, for a direct message or a Home tab); `response_url` for answers. */
  readonly where: string;
  readonly body: unknown;
}

export interface PrivacyOptions {
  /** Channels that may be public: no name may go there. */
  readonly opsChannels: ReadonlyArray<string>;
  /** The people's names of the test's data. */
  readonly names: ReadonlyArray<string>;
}

export interface PrivacyVerdict {
  /** How many payloads were checked, and how many went to an ops channel. */
  readonly checked: number;
  readonly ops: number;
  readonly problems: ReadonlyArray<string>;
}

/** Checks every payload: the words-for-HR rules everywhere, and no name in an ops channel. */
export const checkSlackPayloads = (
  payloads: ReadonlyArray<SentPayload>,
  options: PrivacyOptions,
): PrivacyVerdict => {
  const problems: string[] = [];
  let ops = 0;
  for (const payload of payloads) {
    const texts = slackTexts(payload.body);
    for (const text of texts)
      for (const problem of slackWordProblems(text)) problems.push(`${payload.where}: ${problem}`);
    if (!options.opsChannels.includes(payload.where)) continue;
    ops += 1;
    const all = texts.join('\n');
    for (const name of options.names)
      if (name !== '' && all.includes(name)) problems.push(`${payload.where}: the name ${name}`);
  }
  return { checked: payloads.length, ops, problems };
};

/** Totals over a test file, printed once so a run shows how much the check covered. */
const totals = { checked: 0, ops: 0 };

/** Adds a verdict to the totals; returns the line that sums them up. */
export const countPrivacyCheck = (verdict: PrivacyVerdict): string => {
  totals.checked += verdict.checked;
  totals.ops += verdict.ops;
  return `Slack privacy check: ${String(totals.checked)} payloads (${String(totals.ops)} to an ops channel)`;
};
