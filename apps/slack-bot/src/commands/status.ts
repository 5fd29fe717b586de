import { messageOf } from '@sync360/core';
import { listRecentRuns } from '@sync360/github';
import { failureReply, statusMessage } from '@sync360/slack-messages';
import type { Subcommand } from '../bot-context.js';

/** `status`: the last runs of the nightly workflow, delivery or preview and who asked (everyone). */
export const statusCommand: Subcommand = {
  allowedOnly: false,
  ack: 'Reading the last runs…',
  run: async ({ bot, reply }) => {
    try {
      await reply(statusMessage(await listRecentRuns(bot.config.github, 10)));
    } catch (error) {
      bot.log(`status failed: ${messageOf(error)}`);
      await reply(failureReply('read the last runs from GitHub', error));
    }
  },
};
