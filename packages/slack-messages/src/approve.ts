import type { ActionsBlock, ContextBlock } from '@slack/types';
import type { Report } from '@sync360/core';
import { clipPlain, mrkdwnLink, userMention } from './escape.js';
import { plural } from './format.js';
import { changeCountsText } from './run-counts.js';

/** The action id of the approve button (contract: the bot listens for it). */
export const approveActionId = 'sync360_approve';

type Approvable = Pick<Report, 'outcome' | 'file' | 'changes' | 'counts'> &
  Partial<Pick<Report, 'approvalSha256'>>;

/** `deliver: 12 created, 48 deactivated`: what pressing Approve does, stated in its dialog. */
const approveSummary = (report: Approvable): string => `deliver: ${changeCountsText(report)}`;

/**
 * The approve button of a preview or a blocked run: its value is the sha256 of the reviewed file,
 * so the run it starts delivers exactly that file or nothing. Null when there is no such file.
 */
export const approveBlock = (report: Approvable): ActionsBlock | null => {
  if (report.file === null) return null;
  if (report.outcome !== 'dry-run' && report.outcome !== 'blocked') return null;
  const file = `${report.file.name}, ${plural(report.file.rows, 'row')}`;
  return {
    type: 'actions',
    block_id: approveActionId,
    elements: [
      {
        type: 'button',
        action_id: approveActionId,
        text: { type: 'plain_text', text: 'Approve and deliver' },
        style: 'primary',
        // With group rules the approval also covers the rules file (§7c).
        value: report.approvalSha256 ?? report.file.sha256,
        confirm: {
          title: { type: 'plain_text', text: 'Deliver this exact file?' },
          text: {
            type: 'plain_text',
            text: clipPlain(
              `${approveSummary(report)} (${file}). If Lucca changed since, nothing is delivered and a new alert says so.`,
              300,
            ),
          },
          confirm: { type: 'plain_text', text: 'Deliver' },
          deny: { type: 'plain_text', text: 'Cancel' },
        },
      },
    ],
  };
};

/** What replaces the button once someone approved: who, and where to follow the delivery. */
export const approvedContext = (userId: string, followUrl: string): ContextBlock => ({
  type: 'context',
  elements: [
    {
      type: 'mrkdwn',
      text: `:white_check_mark: approved by ${userMention(userId)}, delivering: ${mrkdwnLink(followUrl, 'follow the run on GitHub')}. The outcome is posted in this thread.`,
    },
  ],
});
