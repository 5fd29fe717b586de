import type { App } from '@slack/bolt';
import {
  approveHistoryActionId,
  historyAlreadyApprovedMessage,
  historyApprovedNote,
} from '@sync360/slack-messages';
import type { BotContext } from '../bot-context.js';
import { registerApproval } from './approve-dispatch.js';

/**
 * `sync360_approve_history`: an approver releases a held learning-history plan. Dispatches the
 * history workflow (its own file, state and concurrency) with `approve_sha256`, the plan's sha;
 * the run writes exactly that saved plan or nothing.
 */
export const registerApproveHistory = (app: App, bot: BotContext): void =>
  registerApproval(app, bot, {
    actionId: approveHistoryActionId,
    logName: 'history approve',
    workflow: 'sync360-history.yml',
    inputs: {},
    what: 'the recording',
    alreadyApproved: historyAlreadyApprovedMessage,
    note: historyApprovedNote,
  });
