import type { App } from '@slack/bolt';
import { messageOf } from '@sync360/core';
import { dispatchWorkflow } from '@sync360/github';
import {
  failureReply,
  invalidButtonMessage,
  mayHaveStartedMessage,
  notApproverMessage,
  type approvedNote,
  type SlackMessage,
} from '@sync360/slack-messages';
import { z } from 'zod';
import type { BotContext } from '../bot-context.js';
import { clickerOf, clickOf, clockTime, privately } from '../click.js';
import { isRefusal, workflowPageUrl } from '../commands/run-workflow.js';
import { onceWithin, repeatWindowMs } from '../once-within.js';

/** What one approve button starts, and the words it uses. */
export interface Approval {
  readonly actionId: string;
  /** How the bot's log names the button. */
  readonly logName: string;
  /** The workflow file dispatched. */
  readonly workflow: string;
  /** Inputs dispatched besides who approved, the sha256 and the thread. */
  readonly inputs: Readonly<Record<string, string>>;
  /** What the run does, as in "start the delivery". */
  readonly what: string;
  readonly alreadyApproved: SlackMessage;
  /** What replaces the button: who approved, when, and the workflow's page. */
  readonly note: typeof approvedNote;
}

const sha256 = /^[0-9a-f]{64}$/i;

/**
 * An approver releases exactly what the message showed (its sha256 is the button's value): the
 * workflow is dispatched even when a run is in progress (the same message and sha256 within 10
 * minutes once), with the message's thread (its parent when the button is on a reply), then the
 * button turns into who approved. Anyone else gets a private refusal and nothing happens.
 */
export const registerApproval = (app: App, bot: BotContext, approval: Approval): void => {
  const { actionId, logName, what } = approval;
  const approveBlock = z.object({ type: z.literal('actions'), block_id: z.literal(actionId) });
  const dispatched = onceWithin(repeatWindowMs, bot.now);
  app.action(actionId, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body, actionId);
    const clicker = click?.user.id ?? clickerOf(body);
    const approvers = bot.config.slack.approverUserIds;
    if (clicker === null || !approvers.includes(clicker)) {
      bot.log(`${logName} refused for ${clicker ?? 'an unknown user'}`);
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
      bot.log(`ignored a malformed ${actionId} click`);
      await privately(respond, client, clicker, invalidButtonMessage);
      return;
    }
    const value = click.value.toLowerCase();
    const key = `${channel}:${message.ts}:${value}`;
    if (!dispatched.first(key)) {
      await privately(respond, client, clicker, approval.alreadyApproved);
      return;
    }
    // The run's thread is always a parent message: a reply's own ts would start no thread.
    const threadTs = message.thread_ts ?? click.container?.thread_ts ?? message.ts;
    const github = { ...bot.config.github, workflow: approval.workflow };
    try {
      await dispatchWorkflow(
        github,
        {
          ...approval.inputs,
          requested_by: clicker,
          approve_sha256: value,
          slack_thread: `${channel}:${threadTs}`,
        },
        { evenIfActive: true },
      );
    } catch (error) {
      bot.log(`${logName}: dispatch failed: ${messageOf(error)}`);
      if (!isRefusal(error))
        return privately(respond, client, clicker, mayHaveStartedMessage(what));
      dispatched.forget(key);
      return privately(
        respond,
        client,
        clicker,
        failureReply(`start ${what}`, error, {}, 'Nothing was started.'),
      );
    }
    bot.log(`${logName}: ${clicker} approved ${value} from ${channel}:${message.ts}`);
    const kept = message.blocks.filter((block) => !approveBlock.safeParse(block).success);
    const note = approval.note(
      clicker,
      clockTime(bot.now(), bot.config.timeZone),
      workflowPageUrl({ ...bot.config, github }),
    );
    await client.chat
      .update({ channel, ts: message.ts, text: note.text, blocks: [...kept, note.block] })
      .catch((error: unknown) =>
        bot.log(`${logName}: could not update the message: ${messageOf(error)}`),
      );
  });
};
