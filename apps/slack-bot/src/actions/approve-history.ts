import type { App } from '@slack/bolt';
import { messageOf } from '@sync360/core';
import { dispatchWorkflow } from '@sync360/github';
import {
  approveHistoryActionId,
  failureReply,
  historyAlreadyApprovedMessage,
  historyApprovedNote,
  invalidButtonMessage,
  mayHaveStartedMessage,
  notApproverMessage,
} from '@sync360/slack-messages';
import { z } from 'zod';
import type { BotContext } from '../bot-context.js';
import { clickerOf, clickOf, clockTime, privately } from '../click.js';
import { isRefusal } from '../commands/run-workflow.js';
import { onceWithin, repeatWindowMs } from '../once-within.js';

/** The workflow that records learning history in Lucca (its own file, state and concurrency). */
const historyWorkflow = 'sync360-history.yml';

const sha256 = /^[0-9a-f]{64}$/i;

/** The runner's approve block of a held plan, removed once someone approved. */
const approveBlock = z.object({
  type: z.literal('actions'),
  block_id: z.literal(approveHistoryActionId),
});

/**
 * `sync360_approve_history`: an approver releases a held learning-history plan. Dispatches the
 * history workflow with `approve_sha256` (the plan's sha) and the message's thread; the run
 * writes exactly that saved plan or nothing. The same message and plan within 10 minutes is
 * dispatched once; anyone else gets a private refusal and nothing happens.
 */
export const registerApproveHistory = (app: App, bot: BotContext): void => {
  const dispatched = onceWithin(repeatWindowMs, bot.now);
  app.action(approveHistoryActionId, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body, approveHistoryActionId);
    const clicker = click?.user.id ?? clickerOf(body);
    const approvers = bot.config.slack.approverUserIds;
    if (clicker === null || !approvers.includes(clicker)) {
      bot.log(`history approve refused for ${clicker ?? 'an unknown user'}`);
      await privately(respond, client, clicker, notApproverMessage(approvers));
      return;
    }
    const channel = click?.channel?.id;
    const message = click?.message;
    if (
      click === null ||
      channel === undefined ||
      message === undefined ||
      !sha256.test(click.value)
    ) {
      bot.log('ignored a malformed sync360_approve_history click');
      await privately(respond, client, clicker, invalidButtonMessage);
      return;
    }
    const value = click.value.toLowerCase();
    const key = `${channel}:${message.ts}:${value}`;
    if (!dispatched.first(key)) {
      await privately(respond, client, clicker, historyAlreadyApprovedMessage);
      return;
    }
    const threadTs = message.thread_ts ?? click.container?.thread_ts ?? message.ts;
    try {
      await dispatchWorkflow(
        { ...bot.config.github, workflow: historyWorkflow },
        { requested_by: clicker, approve_sha256: value, slack_thread: `${channel}:${threadTs}` },
        { evenIfActive: true },
      );
    } catch (error) {
      bot.log(`history approve: dispatch failed: ${messageOf(error)}`);
      if (!isRefusal(error))
        return privately(respond, client, clicker, mayHaveStartedMessage('the recording'));
      dispatched.forget(key);
      return privately(
        respond,
        client,
        clicker,
        failureReply('start the recording', error, {}, 'Nothing was started.'),
      );
    }
    bot.log(`history approve: ${clicker} approved ${value} from ${channel}:${message.ts}`);
    const kept = message.blocks.filter((block) => !approveBlock.safeParse(block).success);
    const note = historyApprovedNote(
      clicker,
      clockTime(bot.now(), bot.config.timeZone),
      `${bot.config.githubWebUrl}/${bot.config.github.repository}/actions/workflows/${historyWorkflow}`,
    );
    await client.chat
      .update({ channel, ts: message.ts, text: note.text, blocks: [...kept, note.block] })
      .catch((error: unknown) =>
        bot.log(`history approve: could not update the message: ${messageOf(error)}`),
      );
  });
};
