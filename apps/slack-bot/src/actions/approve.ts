import type { App } from '@slack/bolt';
import { alreadyApprovedMessage, approveActionId, approvedNote } from '@sync360/slack-messages';
import type { BotContext } from '../bot-context.js';
import { registerApproval } from './approve-dispatch.js';

/**
 * `sync360_approve`: an approver releases exactly the file a preview or a blocked run showed.
 * Dispatches the nightly workflow (not a dry run) with `approve_sha256`; a run in progress does
 * not swallow it.
 */
export const registerApprove = (app: App, bot: BotContext): void =>
  registerApproval(app, bot, {
    actionId: approveActionId,
    logName: 'approve',
    workflow: bot.config.github.workflow,
    inputs: { dry_run: 'false' },
    what: 'the delivery',
    alreadyApproved: alreadyApprovedMessage,
    note: approvedNote,
  });
