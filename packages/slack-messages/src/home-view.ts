import type { KnownBlock } from '@slack/types';
import type { Reminder } from '@sync360/core';
import { contextBlock, dividerBlock, headerBlock, paginateGroups, sectionBlock } from './blocks.js';
import { commandLines } from './help.js';
import { reminderGroups } from './reminders.js';
import { type WorkflowRunInfo, runLine } from './runs.js';
import { escapeMrkdwn, plural, safeMrkdwn, userMention } from './text.js';

/** Slack's limit of blocks in a Home tab. */
const maxHomeBlocks = 100;
/** Home tabs have no message-size limit; this keeps the tab readable. */
const maxHomeChars = 40_000;

/** What the viewer may see of the pending tasks. */
export type HomeAccess =
  | {
      readonly allowed: true;
      /** Why the Set-status buttons are off and how to turn them on; null when they are on. */
      readonly buttonsOff: string | null;
    }
  | {
      readonly allowed: false;
      readonly userId: string;
      /** Who may already use the bot, to ask for access. */
      readonly allowedUserIds: ReadonlyArray<string>;
    };

export interface HomeInput {
  /** The last runs, newest first; null when GitHub could not be read. */
  readonly runs: ReadonlyArray<WorkflowRunInfo> | null;
  /** The pending tasks (names: allowed viewers only); null when unavailable. */
  readonly reminders: ReadonlyArray<Reminder> | null;
  readonly access: HomeAccess;
}

/** A Home tab view (assignable to `@slack/types`' `HomeView`), with known blocks only. */
export interface HomeTabView {
  readonly type: 'home';
  readonly blocks: KnownBlock[];
}

const runsText = (runs: ReadonlyArray<WorkflowRunInfo> | null): string => {
  if (runs === null)
    return '*Last runs:* unknown right now: GitHub could not be reached, so the last run is unknown.';
  const [last] = runs;
  if (last === undefined) return '*Last run:* none yet.';
  if (runs.length === 1) return `*Last run:* ${runLine(last)}`;
  return ['*Last runs:*', ...runs.slice(0, 5).map((run) => `• ${runLine(run)}`)].join('\n');
};

const unavailable =
  '*Pending 360 tasks:* unavailable right now (Lucca is not configured for the bot, or did not answer).';

const countText = (count: number): string =>
  count === 0
    ? '*Pending 360 tasks:* none, every 360 status is set.'
    : `*Pending 360 tasks:* ${plural(count, 'employee')} waiting for an HR admin.`;

const askForAccess = (access: Extract<HomeAccess, { allowed: false }>): string => {
  const ask =
    access.allowedUserIds.length === 0
      ? 'Nobody is allowed yet'
      : `Ask ${access.allowedUserIds.slice(0, 10).map(userMention).join(', ')}`;
  return (
    `:lock: The tasks name people, so only allowed users see them here. ${ask}: ` +
    `to let you in, an admin must change sync360's settings (your Slack member ID is \`${escapeMrkdwn(access.userId)}\`).`
  );
};

/** The pending tasks with their buttons, as many as fit in `room` blocks. */
const taskBlocks = (
  reminders: ReadonlyArray<Reminder>,
  statusButtons: boolean,
  room: number,
): KnownBlock[] => {
  if (reminders.length === 0) return [sectionBlock(countText(0))];
  const [first, ...rest] = paginateGroups(reminderGroups(reminders, statusButtons), {
    maxBlocks: room - 2,
    maxChars: maxHomeChars,
  });
  const shown = reminders.length - rest.reduce((sum, page) => sum + linesOn(page), 0);
  const more =
    rest.length === 0
      ? []
      : [
          contextBlock(
            `Showing the ${plural(shown, 'most overdue task')} of ${String(reminders.length)}; the others appear here as these are done. \`/sync360 pending\` lists them all.`,
          ),
        ];
  return [
    sectionBlock(`*Pending 360 tasks* (${String(reminders.length)}), most overdue first:`),
    ...(first ?? []),
    ...more,
  ];
};

/** Reminder lines on a page: its plain-text sections (headings are mrkdwn). */
const linesOn = (page: ReadonlyArray<KnownBlock>): number =>
  page.filter((block) => block.type === 'section' && block.text?.type === 'plain_text').length;

/**
 * The App Home tab: the last runs; for allowed users the pending tasks with their Set-status
 * buttons (the most overdue that fit in Slack's 100 blocks), for others a count and whom to ask
 * for access; the commands.
 */
export const homeView = (input: HomeInput): HomeTabView => {
  const { access, reminders } = input;
  const head: KnownBlock[] = [
    headerBlock('sync360: Lucca to 360Learning'),
    sectionBlock(runsText(input.runs)),
    dividerBlock(),
  ];
  const tail: KnownBlock[] = [
    dividerBlock(),
    sectionBlock(['*Commands*', ...commandLines.map((line) => `• ${line}`)].join('\n')),
    contextBlock('The nightly sync runs at 03:07 Europe/Paris in GitHub Actions.'),
  ];
  const middle: KnownBlock[] = [];
  if (!access.allowed) {
    middle.push(sectionBlock(reminders === null ? unavailable : countText(reminders.length)));
    middle.push(sectionBlock(askForAccess(access)));
  } else if (reminders === null) {
    middle.push(sectionBlock(unavailable));
  } else {
    const off =
      access.buttonsOff === null ? [] : [contextBlock(safeMrkdwn(access.buttonsOff, 1000))];
    const room = maxHomeBlocks - head.length - tail.length - off.length;
    middle.push(...taskBlocks(reminders, access.buttonsOff === null, room), ...off);
  }
  return { type: 'home', blocks: [...head, ...middle, ...tail] };
};
