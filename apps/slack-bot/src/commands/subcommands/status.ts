import { listRecentRuns } from '@sync360/github';
import { statusMessage } from '@sync360/slack-messages';
import type { Subcommand } from '../command-context.js';
import { errorMessage } from '../error-message.js';

/** `status`: the last runs of the nightly workflow (open to everyone). */
export const statusCommand: Subcommand = async ({ reply, config, log }) => {
  try {
    const runs = await listRecentRuns(config.github, 10);
    await reply(statusMessage(runs));
  } catch (error) {
    log(`status failed: ${error instanceof Error ? error.message : String(error)}`);
    await reply(errorMessage('read the last runs from GitHub', error, config.secrets));
  }
};
