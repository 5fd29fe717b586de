import { isSync360Error, redactSecrets } from '@sync360/core';
import { GithubError } from '@sync360/github';
import { escapeMrkdwn } from '@sync360/slack-messages/escape';
import type { SlackMessage } from '@sync360/slack-messages/message';

/** A one-section message with the same text as fallback. */
export const textMessage = (mrkdwn: string): SlackMessage => {
  const text = mrkdwn.length <= 3000 ? mrkdwn : `${mrkdwn.slice(0, 2999)}…`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
};

export const isAllowed = (userId: string, allowed: ReadonlyArray<string>): boolean =>
  allowed.includes(userId);

/** Why the Set-status buttons are missing and how to turn them on; null when they are on. */
export const statusButtonsOff = (config: {
  readonly lucca: { readonly writeApiKey: string | null } | null;
}): string | null =>
  config.lucca !== null && config.lucca.writeApiKey !== null
    ? null
    : 'Set-status buttons are off: to set the 360 status from Slack, give the bot `LUCCA_WRITE_API_KEY` (a second Lucca API key with the edit right on the HR-file section that holds the status field) and restart it. Meanwhile, set it in Lucca.';

/** Why the user may not do this, and exactly how to get allowed (only they see it). */
export const notAllowedMessage = (
  what: string,
  userId: string,
  allowed: ReadonlyArray<string>,
  variable = 'SLACK_ALLOWED_USER_IDS',
): SlackMessage => {
  const who =
    allowed.length === 0
      ? `Nobody is allowed yet: \`${variable}\` is empty in the bot’s configuration.`
      : `You are not in the bot’s \`${variable}\`.`;
  return textMessage(
    `:lock: ${what} is limited to allowed users. Nothing was done. ${who}\n` +
      `To be allowed, ask whoever runs the sync360 bot to add your Slack member ID \`${escapeMrkdwn(userId)}\` to ` +
      `\`${variable}\` (a comma-separated list) and restart the bot. ` +
      '`/sync360 status` and `/sync360 help` are open to everyone.',
  );
};

interface Problem {
  readonly what: string;
  readonly todo: string;
}

/**
 * What a GitHub failure means for the person in Slack, without API addresses or repository
 * names (the bot's log has GitHub's exact answer).
 */
const githubProblems: Readonly<Record<string, Problem>> = {
  'github-auth': {
    what: 'GitHub refused the bot’s token',
    todo: 'Ask whoever runs the bot to renew its GitHub token (`GITHUB_TOKEN`, with Actions read and write).',
  },
  'github-forbidden': {
    what: 'GitHub did not let the bot do this (a missing right, or GitHub’s rate limit)',
    todo: 'Ask whoever runs the bot to give its GitHub token Actions read and write; if it is the rate limit, wait a few minutes.',
  },
  'github-not-found': {
    what: 'GitHub did not find the nightly workflow',
    todo: 'Ask whoever runs the bot to check which repository and workflow it is set to.',
  },
  'github-rejected': {
    what: 'GitHub rejected the request (the workflow may be disabled, or its branch or inputs changed)',
    todo: 'Ask whoever runs the bot to check the nightly workflow is enabled in GitHub Actions.',
  },
  'github-dispatch-unconfirmed': {
    what: 'GitHub did not answer after the request was sent: it may have started',
    todo: 'Check `/sync360 status` before starting another one.',
  },
  'github-unreachable': {
    what: 'GitHub did not answer',
    todo: 'Try again in a few minutes.',
  },
};

export const githubProblem = (error: unknown): Problem =>
  (error instanceof GithubError ? githubProblems[error.code] : undefined) ?? {
    what: 'GitHub had a problem',
    todo: 'Try again in a few minutes; `/sync360 status` shows whether a run started.',
  };

/** GitHub refused for a reason that means nothing was started (as opposed to no clear answer). */
export const isRefusal = (error: unknown): boolean =>
  error instanceof GithubError &&
  ['github-auth', 'github-forbidden', 'github-not-found', 'github-rejected'].includes(error.code);

const withoutAddresses = (text: string): string =>
  text.replace(/https?:\/\/\S+/g, '(address in the bot’s log)');

/** A clear, secret-free answer when a call failed: what happened and what to do. */
export const errorMessage = (
  action: string,
  error: unknown,
  secrets: ReadonlyArray<string>,
): SlackMessage => {
  const safe = (text: string): string =>
    escapeMrkdwn(withoutAddresses(redactSecrets(text, secrets)));
  if (error instanceof GithubError) {
    const problem = githubProblem(error);
    return textMessage(`:x: Could not ${action}: ${problem.what}.\n*What to do:* ${problem.todo}`);
  }
  if (isSync360Error(error)) {
    return textMessage(
      `:x: Could not ${action}: ${safe(error.message)}\n*What to do:* ${safe(error.hint)}`,
    );
  }
  return textMessage(
    `:x: Could not ${action}: an unexpected error. The bot’s log has the details; try again in a minute.`,
  );
};

/** The answer when a start request reached GitHub but no answer came back. */
export const mayHaveStartedMessage = (what: string): SlackMessage =>
  textMessage(
    `:grey_question: GitHub did not confirm ${what}: it may have started. Check \`/sync360 status\` before starting another one.`,
  );
