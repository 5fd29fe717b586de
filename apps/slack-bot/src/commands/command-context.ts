import type { WebClient } from '@slack/web-api';
import type { BotConfig } from '../config/bot-config.js';
import type { BotDeps } from '../deps.js';
import type { Reply } from './reply.js';

/** Everything a subcommand needs: who asked, their words, how to answer, what to call. */
export interface CommandContext {
  readonly userId: string;
  readonly args: ReadonlyArray<string>;
  readonly reply: Reply;
  readonly config: BotConfig;
  readonly deps: BotDeps;
  readonly client: WebClient;
  readonly log: (line: string) => void;
}

export type Subcommand = (context: CommandContext) => Promise<void>;
