import type { App, RespondFn } from '@slack/bolt';
import { dispatchWorkflow } from '@sync360/github';
import { approveHistoryActionId } from '@sync360/slack-messages/history';
import type { SlackMessage } from '@sync360/slack-messages/message';
import { z } from 'zod';
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

/** The workflow that records learning history in Lucca (its own file, state and concurrency). */
const historyWorkflow = 'sync360-history.yml';

const clickPayload = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    blocks: z
      .array(z.looseObject({ type: z.string(), block_id: z.string().optional() }))
      .default([]),
  }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});

const sha256 = /^[0-9a-f]{64}$/i;

const privately = async (respond: RespondFn, message: SlackMessage): Promise<void> => {
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  });
};

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
    const click = clickPayload.safeParse(body);
    const value = click.success
      ? click.data.actions.find((action) => action.action_id === approveHistoryActionId)?.value
      : undefined;
    if (!click.success || value === undefined || !sha256.test(value)) {
      bot.log('ignored a malformed sync360_approve_history click');
      await privately(
        respond,
        textMessage(':x: This button is not a valid approval: nothing was done.'),
      );
      return;
    }
    const { user, channel, message } = click.data;
    const approvers = bot.config.slack.approverUserIds;
    if (!isAllowed(user.id, approvers)) {
      bot.log(`history approve refused for ${user.id}`);
      await privately(
        respond,
        notAllowedMessage(
          'Approving learning history',
          user.id,
          approvers,
          'SLACK_APPROVER_USER_IDS',
        ),
      );
      return;
    }
    const key = `${channel.id}:${message.ts}:${value.toLowerCase()}`;
    if (!dispatched.first(key)) {
      await privately(
        respond,
        textMessage(
          ':information_source: This list was already approved a moment ago: it is being recorded in Lucca.',
        ),
      );
      return;
    }
    const github = { ...bot.config.github, workflow: historyWorkflow };
    try {
      await dispatchWorkflow(
        github,
        {
          requested_by: user.id,
          approve_sha256: value.toLowerCase(),
          slack_thread: `${channel.id}:${message.thread_ts ?? message.ts}`,
        },
        { evenIfActive: true },
      );
    } catch (error) {
      bot.log(
        `history approve: dispatch failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!isRefusal(error)) return privately(respond, mayHaveStartedMessage('the recording'));
      dispatched.forget(key);
      return privately(respond, errorMessage('start the recording', error, bot.config.secrets));
    }
    bot.log(`history approve: ${user.id} approved ${value} from ${channel.id}:${message.ts}`);
    const kept = message.blocks
      .filter((block) => block.type !== 'actions' || block.block_id !== approveHistoryActionId)
      .map(({ block_id, ...rest }) => (block_id === undefined ? rest : { ...rest, block_id }));
    const follow = `${bot.config.githubWebUrl}/${bot.config.github.repository}/actions/workflows/${historyWorkflow}`;
    await client.chat
      .update({
        channel: channel.id,
        ts: message.ts,
        text: `Approved by <@${user.id}>: recording in Lucca`,
        blocks: [
          ...kept,
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: `:white_check_mark: approved by <@${user.id}>, recording in Lucca: <${follow}|follow the run on GitHub>. The outcome is posted in this thread.`,
              },
            ],
          },
        ],
      })
      .catch((error: unknown) =>
        bot.log(
          `history approve: could not update the message: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  });
};
