import type { App, RespondFn, types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { messageOf, type Reminder } from '@sync360/core';
import { setLuccaStatus, type SetStatusResult } from '@sync360/lucca';
import {
  failureReply,
  invalidButtonMessage,
  notAllowedMessage,
  reminderPages,
  sectionBlock,
  setStatusActionId,
  statusAuditText,
  statusButtonsOffMessage,
  statusInProgressMessage,
  statusNoteMessage,
  statusSetFallback,
  statusSetBlockId,
  statusSetLine,
  type SlackMessage,
  type StatusPerson,
  type StatusSetNote,
} from '@sync360/slack-messages';
import { z } from 'zod';
import type { BotContext } from '../bot-context.js';
import { clickerOf, clickOf, clockTime, privately, type Click, type LooseBlock } from '../click.js';
import { botLuccaSettings } from '../lucca-reminders.js';
import { publishHome } from '../views/app-home.js';

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

/** The message's blocks with the clicked line turned into what was done; null if not found. */
const updatedBlocks = (
  blocks: ReadonlyArray<LooseBlock>,
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
    bot.log(`set-status: could not check SLACK_HR_CHANNEL_ID: ${messageOf(error)}`);
  }
  return null;
};

/**
 * The ephemeral list the click came from, rebuilt from the tasks the bot showed with the clicked
 * line turned into what was done (Slack does not send an ephemeral message back): the page that
 * holds that line, or null when the list no longer has it (a stale copy).
 */
const ephemeralPage = (
  shown: ReadonlyArray<Reminder>,
  luccaId: string,
  note: StatusSetNote,
): SlackMessage | null =>
  reminderPages(shown, {
    note: 'Only you can see this.',
    statusButtons: true,
    done: new Map([[luccaId, note]]),
  }).find((page) => page.blocks.some((block) => block.block_id === statusSetBlockId(luccaId))) ??
  null;

/** Answers the click once, where it came from: the line turned into who did what and when. */
const answerClick = async (
  click: Click,
  respond: RespondFn | undefined,
  client: WebClient,
  bot: BotContext,
  shown: ReadonlyArray<Reminder>,
  person: StatusPerson,
  note: StatusSetNote,
): Promise<void> => {
  const { message, channel } = click;
  if (click.home) {
    await publishHome(client, bot, click.user.id);
    return;
  }
  if (click.ephemeral && typeof respond === 'function') {
    // Ephemeral messages cannot be edited through the API: only their response_url can.
    const page = ephemeralPage(shown, person.luccaId, note) ?? statusNoteMessage(person, note);
    await respond({ replace_original: true, text: page.text, blocks: page.blocks });
    return;
  }
  const blocks = message === undefined ? null : updatedBlocks(message.blocks, click.value, note);
  if (blocks === null || message === undefined || channel === undefined) {
    await privately(respond, client, click.user.id, statusNoteMessage(person, note));
    return;
  }
  await client.chat.update({
    channel: channel.id,
    ts: message.ts,
    text: statusSetFallback(note),
    blocks,
  });
};

const postAudit = async (
  client: WebClient,
  bot: BotContext,
  userId: string,
  result: SetStatusResult,
  person: StatusPerson,
  time: string,
): Promise<void> => {
  const text = statusAuditText({
    ...person,
    userId,
    status: result.status,
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
 * to the HR channel (or to the clicker). Each click is answered once, where it came from. Anyone
 * else gets a private refusal, from any surface, and nothing is written.
 */
export const registerSetStatus = (app: App, bot: BotContext): void => {
  const inProgress = new Set<string>();
  app.action(setStatusActionId, async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body, setStatusActionId);
    const clicker = click?.user.id ?? clickerOf(body);
    const allowed = bot.config.slack.allowedUserIds;
    if (clicker === null || !allowed.includes(clicker)) {
      bot.log(`set-status refused for ${clicker ?? 'an unknown user'}`);
      await privately(
        respond,
        client,
        clicker,
        notAllowedMessage('Setting a 360 status', clicker ?? 'unknown', allowed),
      );
      return;
    }
    const value = buttonValue.safeParse(click === null ? undefined : jsonOf(click.value));
    if (click === null || !value.success) {
      bot.log('ignored a malformed sync360_set_status click');
      await privately(respond, client, clicker, invalidButtonMessage);
      return;
    }
    const lucca = bot.config.lucca;
    if (lucca === null || lucca.writeApiKey === null) {
      await privately(respond, client, clicker, statusButtonsOffMessage);
      return;
    }
    const { luccaId, status } = value.data;
    if (inProgress.has(luccaId)) {
      await privately(respond, client, clicker, statusInProgressMessage);
      return;
    }
    inProgress.add(luccaId);
    // The tasks as the clicker saw them: names the person and rebuilds an ephemeral list.
    const shown = (await bot.reminders?.get().catch(() => null)) ?? [];
    let result: SetStatusResult;
    try {
      const settings = botLuccaSettings(lucca, bot.config, lucca.writeApiKey, bot.luccaLimiter);
      result = await setLuccaStatus(settings, { luccaId, status });
    } catch (error) {
      bot.log(`set-status: ${clicker} on ${luccaId}: ${messageOf(error)}`);
      await privately(
        respond,
        client,
        clicker,
        failureReply(
          'set the 360 status',
          error,
          { statusField: lucca.statusField },
          'Nothing was written.',
        ),
      );
      return;
    } finally {
      inProgress.delete(luccaId);
    }
    bot.log(`set-status: ${clicker} set ${luccaId} to ${status}: ${result.outcome}`);
    const reminder = shown.find((item) => item.luccaId === luccaId);
    const person: StatusPerson = {
      luccaId,
      name: result.name ?? reminder?.name ?? null,
      employeeNumber: result.employeeNumber ?? reminder?.employeeNumber ?? null,
    };
    const time = clockTime(bot.now(), bot.config.timeZone);
    const note: StatusSetNote = { status, userId: clicker, time, outcome: result.outcome };
    if (result.outcome === 'done') {
      await postAudit(client, bot, clicker, result, person, time).catch((error: unknown) =>
        bot.log(`set-status: audit line not posted: ${messageOf(error)}`),
      );
    }
    // Lucca changed (this click, or whoever did it first): the tasks are read again.
    await bot.reminders
      ?.refresh()
      .catch((error: unknown) => bot.log(`set-status: refresh failed: ${messageOf(error)}`));
    await answerClick(click, respond, client, bot, shown, person, note).catch((error: unknown) =>
      bot.log(`set-status: could not answer the click: ${messageOf(error)}`),
    );
  });
};
