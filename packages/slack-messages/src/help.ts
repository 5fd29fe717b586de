import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import type { SlackMessage } from './message.js';

export const commandLines: ReadonlyArray<string> = [
  '`/sync360 now`: start the nightly sync now (allowed users only)',
  '`/sync360 preview`: dry run: shows what tonight would change, delivers nothing (allowed users only)',
  '`/sync360 status`: the last runs, their outcome and a link to each',
  '`/sync360 pending`: employees whose 360 status an HR admin must set (allowed users only, only you see it)',
  '`/sync360 help`: this message',
];

/** What `/sync360` can do; also the answer to an unknown subcommand. */
export const helpMessage = (unknown?: string): SlackMessage => {
  const intro =
    unknown === undefined
      ? 'sync360 keeps 360Learning users in step with Lucca every night.'
      : `I don't know \`${unknown.replace(/[`<>&]/g, '').slice(0, 40)}\`. Here is what I can do:`;
  return {
    text: `sync360 commands: now, preview, status, pending, help.${unknown === undefined ? '' : ' (unknown subcommand)'}`,
    blocks: [
      headerBlock('sync360 commands'),
      sectionBlock(intro),
      sectionBlock(commandLines.map((line) => `• ${line}`).join('\n')),
      contextBlock(
        'Allowed users are listed in the bot’s `SLACK_ALLOWED_USER_IDS`. Runs happen in GitHub Actions; run summaries are posted to the sync360 channel.',
      ),
    ],
  };
};
