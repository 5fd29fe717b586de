import type { App, RespondFn } from '@slack/bolt';
import { dispatchWorkflow } from '@sync360/github';
import { approveActionId, approvedContext } from '@sync360/slack-messages/approve';
import type { SlackMessage } from '@sync360/slack-messages/message';
import { z } from 'zod';
import { workflowPageUrl } from '../commands/run-workflow.js';
import type { BotContext } from '../create-bot-app.js';
import { onceWithin, repeatWindowMs } from '../once-within.js';
import {
  errorMessage,
  isAllowed,
  isRefusal,
  mayHaveStartedMessage,
  notAllowedMessage,
  textMessage,
} from '../replies.js';

/** The fields of a `block_actions` click the approval uses. */
const clickPayload = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    text: z.string().optional(),
    blocks: z
      .array(z.looseObject({ type: z.string(), block_id: z.string().optional() }))
      .default([]),
  }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});

const sha256 = /^[0-9a-f]{64}$/i;

/** An answer only the clicker sees; the message with the button stays as it is. */
const privately = async (respond: RespondFn, message: SlackMessage): Promise<void> => {
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  });
};

/**
 * `sync360_approve`: an approver releases exactly the file a preview or a blocked run showed.
 * Always dispatches the nightly workflow (a run in progress does not swallow it; the same
 * message and file within 10 minutes is dispatched once) with `approve_sha256` and the message's
 * thread, then turns the button into who approved and where to follow. Anyone else gets a private
 * refusal and nothing happens.
 */
export const registerApprove = (app: App, bot: BotContext): void => {
  const dispatched = onceWithin(repeatWindowMs, bot.now);
  app.action(approveActionId, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickPayload.safeParse(body);
    const value = click.success
      ? click.data.actions.find((action) => action.action_id === approveActionId)?.value
      : undefined;
    if (!click.success || value === undefined || !sha256.test(value)) {
      bot.log('ignored a malformed sync360_approve click');
      await privately(
        respond,
        textMessage(':x: This button is not a valid approval: nothing was done.'),
      );
      return;
    }
    const { user, channel, message } = click.data;
    const approvers = bot.config.slack.approverUserIds;
    if (!isAllowed(user.id, approvers)) {
      bot.log(`approve refused for ${user.id}`);
      const variable = 'SLACK_APPROVER_USER_IDS';
      await privately(
        respond,
        notAllowedMessage('Approving a delivery', user.id, approvers, variable),
      );
      return;
    }
    const key = `${channel.id}:${message.ts}:${value.toLowerCase()}`;
    if (!dispatched.first(key)) {
      await privately(
        respond,
        textMessage(
          ':information_source: This file was already approved a moment ago: its delivery is on its way (see the thread).',
        ),
      );
      return;
    }
    try {
      await dispatchWorkflow(
        bot.config.github,
        {
          dry_run: 'false',
          requested_by: user.id,
          approve_sha256: value.toLowerCase(),
          slack_thread: `${channel.id}:${message.thread_ts ?? message.ts}`,
        },
        { evenIfActive: true },
      );
    } catch (error) {
      bot.log(
        `approve: dispatch failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!isRefusal(error)) return privately(respond, mayHaveStartedMessage('the delivery'));
      dispatched.forget(key);
      return privately(respond, errorMessage('start the delivery', error, bot.config.secrets));
    }
    bot.log(`approve: ${user.id} approved ${value} from ${channel.id}:${message.ts}`);
    const kept = message.blocks
      .filter((block) => block.type !== 'actions' || block.block_id !== approveActionId)
      .map(({ block_id, ...rest }) => (block_id === undefined ? rest : { ...rest, block_id }));
    await client.chat
      .update({
        channel: channel.id,
        ts: message.ts,
        text: `Approved by <@${user.id}>: delivering`,
        blocks: [...kept, approvedContext(user.id, workflowPageUrl(bot.config))],
      })
      .catch((error: unknown) =>
        bot.log(
          `approve: could not update the message: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  });
};
