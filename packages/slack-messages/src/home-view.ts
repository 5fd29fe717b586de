import type { KnownBlock } from '@slack/types';
import { contextBlock, dividerBlock, headerBlock, sectionBlock } from './blocks.js';
import { safeMrkdwn } from './escape.js';
import { plural } from './format.js';
import { commandLines } from './help.js';
import { runLine, type WorkflowRunInfo } from './workflow-run.js';

const pendingText = (pendingCount: number | null): string =>
  pendingCount === null
    ? '*Pending 360 tasks:* unavailable right now (Lucca is not configured for the bot, or did not answer).'
    : pendingCount === 0
      ? '*Pending 360 tasks:* none, every 360 status is set.'
      : `*Pending 360 tasks:* ${plural(pendingCount, 'employee')} waiting for an HR admin. See them with \`/sync360 pending\`.`;

/** A Home tab view (assignable to `@slack/types`' `HomeView`), with known blocks only. */
export interface HomeTabView {
  readonly type: 'home';
  readonly blocks: KnownBlock[];
}

/** The App Home tab: last run, pending count, commands; `notes` say what could not be read. */
export const homeView = (
  lastRun: WorkflowRunInfo | null,
  pendingCount: number | null,
  notes: ReadonlyArray<string> = [],
): HomeTabView => {
  const blocks: KnownBlock[] = [
    headerBlock('sync360: Lucca to 360Learning'),
    sectionBlock(lastRun === null ? '*Last run:* none yet.' : `*Last run:* ${runLine(lastRun)}`),
    sectionBlock(pendingText(pendingCount)),
    ...notes.slice(0, 5).map((note) => contextBlock(`:warning: ${safeMrkdwn(note, 500)}`)),
    dividerBlock(),
    sectionBlock(['*Commands*', ...commandLines.map((line) => `• ${line}`)].join('\n')),
    contextBlock('The nightly sync runs at 03:07 Europe/Paris in GitHub Actions.'),
  ];
  return { type: 'home', blocks };
};
