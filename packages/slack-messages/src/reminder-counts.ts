import type { KnownBlock } from '@slack/types';
import type { Reminder } from '@sync360/core';
import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { channelMention } from './escape.js';
import { plural } from './format.js';
import type { SlackMessage } from './message.js';
import { countsByKind } from './reminder-lines.js';

/** Where the named list went: the HR channel, or nowhere (and why, when the channel was refused). */
export type NamedListPlace =
  { readonly hrChannel: string } | { readonly hrChannel: null; readonly refused: string | null };

/**
 * The weekday reminders in the ops channel: counts by kind only. The names are in the HR channel
 * (a thread of pages), or only with `/sync360 pending`, which allowed users see alone.
 */
export const reminderCountsMessage = (
  reminders: ReadonlyArray<Reminder>,
  place: NamedListPlace,
): SlackMessage => {
  if (reminders.length === 0) {
    return {
      text: 'sync360 reminders: none, every 360 status is set.',
      blocks: [sectionBlock(':tada: *sync360 reminders:* none, every 360 status is set.')],
    };
  }
  const counts = `${plural(reminders.length, 'reminder')} (${countsByKind(reminders)})`;
  const where =
    place.hrChannel !== null
      ? `the list by name is in ${channelMention(place.hrChannel)}.`
      : '`/sync360 pending` (allowed users only; only the one who asks sees the names).';
  const blocks: KnownBlock[] = [
    headerBlock('sync360 reminders for HR admins'),
    sectionBlock(`*${counts}*: ${where}`),
  ];
  if (place.hrChannel === null && place.refused !== null) {
    blocks.push(contextBlock(`:warning: Names were not posted: ${place.refused}`));
  }
  const fallback = place.hrChannel === null ? ': /sync360 pending' : ', listed in the HR channel';
  return { text: `sync360: ${counts}${fallback}`, blocks };
};
