import { sectionBlock, type SlackMessage } from './blocks.js';
import {
  failureAdvice,
  failureCodeText,
  failureFactsOf,
  type FailureFacts,
  type FailureScene,
} from './failures.js';
import { runLine, runState, type WorkflowRunInfo } from './runs.js';
import { channelMention, escapeMrkdwn, mrkdwnLink, userMention } from './text.js';

/** A one-section message with the same text as fallback. */
const textMessage = (mrkdwn: string): SlackMessage => {
  const text = mrkdwn.length <= 3000 ? mrkdwn : `${mrkdwn.slice(0, 2999)}…`;
  return { text, blocks: [sectionBlock(text)] };
};

const mentions = (ids: ReadonlyArray<string>): string =>
  ids.slice(0, 10).map(userMention).join(', ');

/** Why the user may not do this and whom to ask (only they see it); no setting is named. */
export const notAllowedMessage = (
  what: string,
  userId: string,
  allowedUserIds: ReadonlyArray<string>,
): SlackMessage => {
  const ask =
    allowedUserIds.length === 0 ? 'Nobody is allowed yet' : `Ask ${mentions(allowedUserIds)}`;
  return textMessage(
    `:lock: ${what} is limited to allowed users. Nothing was done.\n` +
      `${ask}: to let you in, an admin must change sync360's settings (your Slack member ID is \`${escapeMrkdwn(userId)}\`). ` +
      '`/sync360 status` and `/sync360 help` are open to everyone.',
  );
};

/** An allowed user who is not an approver pressed Approve: who can. */
export const notApproverMessage = (approverIds: ReadonlyArray<string>): SlackMessage =>
  textMessage(
    approverIds.length === 0
      ? ":lock: Only approvers can approve, and none is set: an admin must change sync360's settings. Nothing was done."
      : `:lock: Only approvers can approve: ask ${mentions(approverIds)}. Nothing was done.`,
  );

/**
 * The answer when a call failed: what we tried, our code and the HTTP status, what a person can
 * do. The outside system's own text never appears (it is in the bot's log).
 */
export const failureReply = (
  action: string,
  failure: unknown,
  scene: FailureScene = {},
  after = '',
): SlackMessage => {
  const facts: FailureFacts = failureFactsOf(failure);
  return textMessage(
    `:x: Could not ${action} (${failureCodeText(facts)}).${after === '' ? '' : ` ${after}`}\n*What to do:* ${failureAdvice(facts, scene)}`,
  );
};

/** A start request reached GitHub but no answer came back: it may have started. */
export const mayHaveStartedMessage = (what: string): SlackMessage =>
  textMessage(
    `:grey_question: GitHub did not confirm ${what}: it may have started. Check \`/sync360 status\` before starting another one.`,
  );

/** Why the Set-status buttons are missing, for pending and the Home tab. */
export const statusButtonsOffText =
  "Set-status buttons are off: to set the 360 status from Slack, an admin must change sync360's settings (a Lucca key that may edit the 360 status field). Meanwhile, set it in Lucca.";

export const statusButtonsOffMessage = textMessage(
  `:x: Nothing was written. ${statusButtonsOffText}`,
);

export const pendingUnavailableMessage = textMessage(
  ":information_source: `/sync360 pending` reads Lucca live, and the bot has no Lucca access: an admin must change sync360's settings. Meanwhile the weekday reminders list the tasks in the HR channel.",
);

/** Longer lists went to the user's direct messages with the bot. */
export const sentByDirectMessage = (tasks: number, pages: number): SlackMessage =>
  textMessage(
    `:envelope: ${String(tasks)} pending tasks fill ${String(pages)} pages, more than Slack lets me answer here: I sent them to you as direct messages from sync360 (only you can see them).`,
  );

export const invalidButtonMessage = textMessage(':x: This button is not valid: nothing was done.');

export const incompleteCommandMessage = textMessage(
  ':x: Slack sent an incomplete command (no user id). Please try again.',
);

export const alreadyApprovedMessage = textMessage(
  ':information_source: This file was already approved a moment ago: its delivery is on its way (see the thread).',
);

export const statusInProgressMessage = textMessage(
  ':hourglass: This status is being set by a click a moment ago: see the line.',
);

/** A run is already queued or running: linked instead of starting another. */
export const alreadyRunningMessage = (run: WorkflowRunInfo): SlackMessage =>
  textMessage(
    `:hourglass_flowing_sand: A sync360 run is already ${runState(run).label}, so I did not start another:\n${runLine(run)}\n` +
      'Its summary is posted to the sync360 channel when it ends; ask again after that if you still need one.',
  );

export interface StartedFacts {
  readonly mode: 'now' | 'preview';
  readonly userId: string;
  /** The workflow's page on GitHub, where the run shows up. */
  readonly followUrl: string;
  /** The channel of the request's thread, or null without one. */
  readonly channel: string | null;
  /** A preview is running: the delivery starts anyway (previews never hold one up). */
  readonly previewRunning?: WorkflowRunInfo | null;
}

/** What `/sync360 now` or `preview` started, where to follow it and where the outcome goes. */
export const startedMessage = (facts: StartedFacts): SlackMessage => {
  const link = mrkdwnLink(facts.followUrl, 'GitHub Actions');
  const where =
    facts.channel === null
      ? 'the summary is posted to the sync360 channel when it ends'
      : `the outcome is posted in the thread of the request in ${channelMention(facts.channel)}`;
  const who = userMention(facts.userId);
  const preview =
    facts.previewRunning === undefined || facts.previewRunning === null
      ? ''
      : `\nA preview is running too (${runLine(facts.previewRunning)}): a preview never holds up a delivery, so this one started now.`;
  return facts.mode === 'now'
    ? textMessage(
        `:rocket: ${who} started the sync360 sync now: it delivers the file to 360Learning. Follow it on ${link}; ${where}.${preview}`,
      )
    : textMessage(
        `:mag: ${who} started a sync360 preview (dry run: nothing is delivered). Follow it on ${link}; ${where}, with what tonight’s run would change.`,
      );
};
