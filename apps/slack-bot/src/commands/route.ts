import type { Subcommand } from './command-context.js';
import { helpCommand, unknownCommand } from './subcommands/help.js';
import { pendingCommand } from './subcommands/pending.js';
import { nowCommand, previewCommand } from './subcommands/run-workflow.js';
import { statusCommand } from './subcommands/status.js';

const subcommands: Readonly<Record<string, Subcommand>> = {
  now: nowCommand,
  preview: previewCommand,
  status: statusCommand,
  pending: pendingCommand,
  help: helpCommand,
};

export interface ParsedText {
  readonly name: string;
  readonly args: ReadonlyArray<string>;
}

/** `  Now  please` -> `{ name: 'now', args: ['please'] }`; empty text -> help. */
export const parseCommandText = (text: string): ParsedText => {
  const [first, ...args] = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  return { name: (first ?? 'help').toLowerCase(), args };
};

export const routeSubcommand = (name: string): Subcommand =>
  Object.hasOwn(subcommands, name)
    ? (subcommands[name] ?? unknownCommand(name))
    : unknownCommand(name);
