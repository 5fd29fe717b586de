import { helpMessage } from '@sync360/slack-messages';
import type { Subcommand } from '../command-context.js';

/** `help`, and the answer to any subcommand the bot does not know. */
export const helpCommand: Subcommand = ({ reply }) => reply(helpMessage());

export const unknownCommand =
  (word: string): Subcommand =>
  ({ reply }) =>
    reply(helpMessage(word));
