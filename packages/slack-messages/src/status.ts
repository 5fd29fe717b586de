import { contextBlock, headerBlock, sectionBlock } from './blocks.js';
import type { SlackMessage } from './message.js';
import { runLine, runPlainLine, type WorkflowRunInfo } from './workflow-run.js';

/** `/sync360 status`: the last runs of the nightly workflow, newest first. */
export const statusMessage = (runs: ReadonlyArray<WorkflowRunInfo>, limit = 10): SlackMessage => {
  if (runs.length === 0) {
    return {
      text: 'sync360: no runs of the nightly workflow yet.',
      blocks: [
        headerBlock('sync360: last runs'),
        sectionBlock(
          'No runs of the nightly workflow yet. Start one with `/sync360 now` or `/sync360 preview`.',
        ),
      ],
    };
  }
  const shown = runs.slice(0, limit);
  const latest = shown[0];
  return {
    text: `sync360: last run ${latest === undefined ? '' : runPlainLine(latest)}`,
    blocks: [
      headerBlock('sync360: last runs'),
      sectionBlock(shown.map(runLine).join('\n')),
      contextBlock(
        'A blocked run (safety guard) shows as failed in GitHub; its Slack alert says why and can approve it.',
      ),
    ],
  };
};
