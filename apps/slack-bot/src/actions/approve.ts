import type { App } from '@slack/bolt';
import { messageOf } from '@sync360/core';
import { dispatchWorkflow } from '@sync360/github';
import {
  alreadyApprovedMessage,
  approveActionId,
  approvedNote,
  failureReply,
  invalidButtonMessage,
  mayHaveStartedMessage,
  notApproverMessage,
} from '@sync360/slack-messages';
import { z } from 'zod';
import type { BotContext } from '../bot-context.js';
import { clickerOf, clickOf, clockTime, privately } from '../click.js';
import { isRefusal, workflowPageUrl } from '../commands/run-workflow.js';
import { onceWithin, repeatWindowMs } from '../once-within.js';

const sha256 = /^[0-9a-f]{64}$/i;

/** The runner's approve block, removed once someone approved. */
const approveBlock = z.object({
  type: z.literal('actions'),
  block_id: z.literal(approveActionId),
});

/**
 * `sync360_approve`: an approver releases exactly the file a preview or a blocked run showed.
 * Always dispatches the nightly workflow (a run in progress does not swallow it; the same
 * message and file within 10 minutes is dispatched once) with `approve_sha256` and the thread of
 * the message (its parent when the button is on a reply), then turns the button into who approved.
 * Anyone else gets a private refusal naming who can approve, and nothing happens.
 */
export const registerApprove = (app: App, bot: BotContext): void => {
  const dispatched = onceWithin(repeatWindowMs, bot.now);
  app.action(approveActionId, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body, approveActionId);
    const clicker = click?.user.id ?? clickerOf(body);
    const approvers = bot.config.slack.approverUserIds;
    if (clicker === null || !approvers.includes(clicker)) {
      bot.log(`approve refused for ${clicker ?? 'an unknown user'}`);
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
      bot.log('ignored a malformed sync360_approve click');
      await privately(respond, client, clicker, invalidButtonMessage);
      return;
    }
    const value = click.value.toLowerCase();
    const key = `${channel}:${message.ts}:${value}`;
    if (!dispatched.first(key)) {
      await privately(respond, client, clicker, alreadyApprovedMessage);
      return;
    }
    // The run's thread is always a parent message: a reply's own ts would start no thread.
    const threadTs = message.thread_ts ?? click.container?.thread_ts ?? message.ts;
    try {
      await dispatchWorkflow(
        bot.config.github,
        {
          dry_run: 'false',
          requested_by: clicker,
          approve_sha256: value,
          slack_thread: `${channel}:${threadTs}`,
        },
        { evenIfActive: true },
      );
    } catch (error) {
      bot.log(`approve: dispatch failed: ${messageOf(error)}`);
      if (!isRefusal(error))
        return privately(respond, client, clicker, mayHaveStartedMessage('the delivery'));
      dispatched.forget(key);
      return privately(
        respond,
        client,
        clicker,
        failureReply('start the delivery', error, {}, 'Nothing was started.'),
      );
    }
    bot.log(`approve: ${clicker} approved ${value} from ${channel}:${message.ts}`);
    const kept = message.blocks.filter((block) => !approveBlock.safeParse(block).success);
    const note = approvedNote(
      clicker,
      clockTime(bot.now(), bot.config.timeZone),
      workflowPageUrl(bot.config),
    );
    await client.chat
      .update({ channel, ts: message.ts, text: note.text, blocks: [...kept, note.block] })
      .catch((error: unknown) =>
        bot.log(`approve: could not update the message: ${messageOf(error)}`),
      );
  });
};
