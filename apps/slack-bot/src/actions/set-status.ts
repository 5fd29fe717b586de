import type { App, RespondFn, types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { setLuccaStatus, type SetStatusResult } from '@sync360/lucca';
import { sectionBlock } from '@sync360/slack-messages/blocks';
import { safeMrkdwn } from '@sync360/slack-messages/escape';
import type { SlackMessage } from '@sync360/slack-messages/message';
import {
  setStatusActionId,
  statusAuditText,
  statusSetLine,
  type StatusSetNote,
} from '@sync360/slack-messages/set-status';
import { z } from 'zod';
import type { BotContext } from '../create-bot-app.js';
import { botLuccaSettings } from '../lucca-reminders.js';
import {
  errorMessage,
  isAllowed,
  notAllowedMessage,
  statusButtonsOff,
  textMessage,
} from '../replies.js';
import { publishHome } from '../views/app-home.js';

const looseBlock = z.looseObject({ type: z.string() });

/** The fields of a `block_actions` click the Set-status button uses. */
const clickPayload = z.object({
  user: z.object({ id: z.string().min(1) }),
  container: z
    .object({
      type: z.string(),
      is_ephemeral: z.boolean().optional(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
    })
    .optional(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  message: z
    .object({
      ts: z.string().min(1),
      text: z.string().optional(),
      blocks: z.array(looseBlock).default([]),
    })
    .optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })),
});

type Click = z.infer<typeof clickPayload>;

const jsonOf = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const buttonValue = z.object({
  luccaId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  status: z.enum(['Active', 'Inactive']),
});

/** The line the button sits on, as Slack sends it back. */
const buttonLine = z.object({
  type: z.literal('section'),
  block_id: z.string().optional(),
  text: z.object({ text: z.string() }),
  accessory: z.object({ action_id: z.literal(setStatusActionId), value: z.string() }),
});

const privately = (respond: RespondFn, message: SlackMessage): Promise<unknown> =>
  respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  });

/** `10:42` in the bot's time zone. */
const clockTime = (date: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);

/** The message's blocks with the clicked line turned into what was done; null if not found. */
const updatedBlocks = (
  blocks: ReadonlyArray<z.infer<typeof looseBlock>>,
  value: string,
  note: StatusSetNote,
): Array<types.KnownBlock | types.Block> | null => {
  let found = false;
  const updated = blocks.map((block): types.KnownBlock | types.Block => {
    const line = buttonLine.safeParse(block);
    if (!line.success || line.data.accessory.value !== value) return block;
    found = true;
    const replaced = sectionBlock(statusSetLine(line.data.text.text, note));
    return line.data.block_id === undefined
      ? replaced
      : { ...replaced, block_id: line.data.block_id };
  });
  return found ? updated : null;
};

/** The HR channel when names may be posted there: private and not shared outside. */
const channelInfo = z.object({
  channel: z.object({ is_private: z.boolean().optional(), is_ext_shared: z.boolean().optional() }),
});

const hrChannelForNames = async (client: WebClient, bot: BotContext): Promise<string | null> => {
  const channel = bot.config.slack.hrChannelId;
  if (channel === null) return null;
  try {
    const info = channelInfo.safeParse(await client.conversations.info({ channel }));
    if (info.success && info.data.channel.is_private === true && !info.data.channel.is_ext_shared)
      return channel;
    bot.log('set-status: SLACK_HR_CHANNEL_ID is not a private, unshared channel: audit to clicker');
  } catch (error) {
    bot.log(`set-status: could not check SLACK_HR_CHANNEL_ID: ${describe(error)}`);
  }
  return null;
};

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Turns the clicked line into who did what and when, where the click came from. */
const updateLine = async (
  click: Click,
  respond: RespondFn,
  client: WebClient,
  bot: BotContext,
  value: string,
  note: StatusSetNote,
): Promise<void> => {
  const { message, container, channel } = click;
  if (container?.type === 'view') {
    await publishHome(client, bot, click.user.id);
    return;
  }
  const blocks = message === undefined ? null : updatedBlocks(message.blocks, value, note);
  const text = `${note.outcome === 'done' ? 'Set' : 'Already'} ${note.status} by <@${note.userId}>`;
  if (blocks === null || message === undefined) {
    await privately(respond, textMessage(statusSetLine('This task', note)));
    return;
  }
  if (container?.is_ephemeral === true || channel === undefined) {
    // Ephemeral messages cannot be edited through the API: only their response_url can.
    await respond({ replace_original: true, text, blocks });
    return;
  }
  await client.chat.update({ channel: channel.id, ts: message.ts, text, blocks });
};

const postAudit = async (
  client: WebClient,
  bot: BotContext,
  userId: string,
  result: SetStatusResult,
  time: string,
): Promise<void> => {
  const reminder = (await bot.reminders?.get().catch(() => []))?.find(
    (item) => item.luccaId === result.luccaId,
  );
  const text = statusAuditText({
    userId,
    status: result.status,
    luccaId: result.luccaId,
    name: result.name ?? reminder?.name ?? null,
    employeeNumber: reminder?.employeeNumber ?? null,
    previousLabel: result.previousLabel,
    time,
  });
  const channel = (await hrChannelForNames(client, bot)) ?? userId;
  await client.chat.postMessage({
    channel,
    text,
    blocks: [sectionBlock(text)],
    unfurl_links: false,
  });
};

/**
 * `sync360_set_status`: an allowed user sets one person's 360 status in Lucca with the write key
 * (only when they still need it), then the line says who did it and when, and one audit line goes
 * to the HR channel (or to the clicker). Anyone else gets a private refusal and nothing is written.
 */
export const registerSetStatus = (app: App, bot: BotContext): void => {
  const inProgress = new Set<string>();
  app.action(setStatusActionId, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickPayload.safeParse(body);
    const raw = click.success
      ? click.data.actions.find((action) => action.action_id === setStatusActionId)?.value
      : undefined;
    const value = buttonValue.safeParse(raw === undefined ? undefined : jsonOf(raw));
    if (!click.success || raw === undefined || !value.success) {
      bot.log('ignored a malformed sync360_set_status click');
      await privately(respond, textMessage(':x: This button is not valid: nothing was written.'));
      return;
    }
    const { user } = click.data;
    const allowed = bot.config.slack.allowedUserIds;
    if (!isAllowed(user.id, allowed)) {
      bot.log(`set-status refused for ${user.id}`);
      await privately(respond, notAllowedMessage('Setting a 360 status', user.id, allowed));
      return;
    }
    const lucca = bot.config.lucca;
    if (lucca === null || lucca.writeApiKey === null) {
      const why = statusButtonsOff(bot.config) ?? '';
      await privately(respond, textMessage(`:x: Nothing was written. ${why}`));
      return;
    }
    const { luccaId, status } = value.data;
    if (inProgress.has(luccaId)) {
      await privately(
        respond,
        textMessage(':hourglass: This status is being set by a click a moment ago: see the line.'),
      );
      return;
    }
    inProgress.add(luccaId);
    let result: SetStatusResult;
    try {
      const settings = botLuccaSettings(lucca, bot.config, lucca.writeApiKey, bot.luccaLimiter);
      result = await setLuccaStatus(settings, { luccaId, status });
    } catch (error) {
      bot.log(`set-status: ${user.id} on ${luccaId}: ${describe(error)}`);
      await privately(respond, errorMessage('set the 360 status', error, bot.config.secrets));
      return;
    } finally {
      inProgress.delete(luccaId);
    }
    bot.log(`set-status: ${user.id} set ${luccaId} to ${status}: ${result.outcome}`);
    const time = clockTime(bot.now(), bot.config.timeZone);
    const note: StatusSetNote = { status, userId: user.id, time, outcome: result.outcome };
    if (result.outcome === 'done') {
      await postAudit(client, bot, user.id, result, time).catch((error: unknown) =>
        bot.log(`set-status: audit line not posted: ${describe(error)}`),
      );
    } else {
      const shows =
        result.previousLabel === null ? 'no status' : `"${safeMrkdwn(result.previousLabel, 60)}"`;
      await privately(
        respond,
        textMessage(
          `:ballot_box_with_check: Already done: Lucca already shows ${shows} for this person, so nothing was written.`,
        ),
      );
    }
    // Lucca changed (this click, or whoever did it first): the tasks are read again.
    await bot.reminders
      ?.refresh()
      .catch((error: unknown) => bot.log(`set-status: refresh failed: ${describe(error)}`));
    await updateLine(click.data, respond, client, bot, raw, note).catch((error: unknown) =>
      bot.log(`set-status: could not update the line: ${describe(error)}`),
    );
  });
};
