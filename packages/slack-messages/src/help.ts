import { type SlackMessage, contextBlock, headerBlock, sectionBlock } from './blocks.js';

export const commandLines: ReadonlyArray<string> = [
  '`/sync360 now`: start the nightly sync now (allowed users only)',
  '`/sync360 preview`: dry run: shows what tonight would change, delivers nothing (allowed users only)',
  '`/sync360 status`: the last runs: delivery or preview, who asked, outcome, link',
  '`/sync360 pending`: employees whose 360 status an HR admin must set (allowed users only, only you see it)',
  '`/sync360 help`: this message',
];

/** Why help is shown instead of doing something: an unknown word, or words after a command. */
export type HelpReason =
  { readonly unknown: string } | { readonly command: string; readonly extraWords: string };

const quoted = (text: string): string => text.replace(/[`<>&]/g, '').slice(0, 40);

const introOf = (reason: HelpReason | undefined): string => {
  if (reason === undefined)
    return 'sync360 keeps 360Learning users in step with Lucca every night.';
  // Only a plain word is quoted back: a typed flag or variable is never shown in Slack.
  if ('unknown' in reason)
    return /^[a-z0-9]{1,40}$/i.test(reason.unknown)
      ? `I don't know \`${quoted(reason.unknown)}\`. Here is what I can do:`
      : "I don't know that command. Here is what I can do:";
  return `:no_entry_sign: \`/sync360 ${quoted(reason.command)}\` takes no options or extra words, so I did nothing. Type the command alone:`;
};

/** What `/sync360` can do; also the answer to an unknown subcommand or one given extra words. */
export const helpMessage = (reason?: HelpReason): SlackMessage => ({
  text: `sync360 commands: now, preview, status, pending, help.${reason === undefined ? '' : ' (nothing was done)'}`,
  blocks: [
    headerBlock('sync360 commands'),
    sectionBlock(introOf(reason)),
    sectionBlock(commandLines.map((line) => `• ${line}`).join('\n')),
    contextBlock(
      'Whoever runs the sync360 bot decides who is allowed. Runs happen in GitHub Actions; their summaries are posted to the sync360 channel.',
    ),
  ],
});
