import { type SlackMessage, contextBlock, headerBlock, sectionBlock } from './blocks.js';
import { type WorkflowRunInfo, runLine } from './runs.js';
import { failureAdvice, failureCodeText, type FailureFacts } from './failures.js';
import { safeMrkdwn } from './text.js';

/** What the watchdog concluded (structurally `@sync360/github`'s verdict). */
export interface WatchdogVerdictInfo {
  readonly healthy: boolean;
  readonly lastSuccess: WorkflowRunInfo | null;
  readonly reason: string;
  /** The window judged, in hours. */
  readonly maxAgeHours: number;
}

/** Alert: the nightly workflow has had no successful run for too long. */
export const watchdogAlertMessage = (verdict: WatchdogVerdictInfo): SlackMessage => {
  const hours = verdict.maxAgeHours;
  const title = verdict.healthy
    ? 'sync360 watchdog: the nightly sync is healthy'
    : `sync360 watchdog: no successful nightly sync in the last ${hours} hours`;
  const last =
    verdict.lastSuccess === null
      ? '*Last success:* none found among recent runs.'
      : `*Last success:* ${runLine(verdict.lastSuccess)}`;
  const todo = verdict.healthy
    ? 'Nothing to do.'
    : [
        '*What to do*',
        '• Open the nightly workflow in GitHub Actions: if it says the schedule was disabled (GitHub does this after 60 days without activity on public repositories), click *Enable workflow*.',
        '• Look at the last failed run and its Slack alert; an admin can check every system sync360 reaches.',
        '• Start a run now with `/sync360 now`.',
      ].join('\n');
  return {
    text: `${title}. ${verdict.reason}`.replace(/[<>&]/g, ' '),
    blocks: [
      headerBlock(`${verdict.healthy ? ':white_check_mark:' : ':rotating_light:'} ${title}`),
      sectionBlock(`*Why:* ${safeMrkdwn(verdict.reason, 800)}\n${last}`),
      sectionBlock(todo),
      contextBlock('The bot checks this once a day.'),
    ],
  };
};

/**
 * Alert: the bot could not ask GitHub whether the nightly sync runs (e.g. its token was refused),
 * so it cannot tell a stopped sync from a healthy one. For the ops channel: no URL, no setting.
 */
export const watchdogUnavailableMessage = (failure: FailureFacts): SlackMessage => {
  const title = 'sync360 watchdog: cannot check the nightly sync';
  return {
    text: `${title} (${failure.code})`,
    blocks: [
      headerBlock(`:warning: ${title}`),
      sectionBlock(
        `*Why:* GitHub could not be asked (${failureCodeText(failure)}). Until this is fixed nobody is told when the nightly sync stops running.`,
      ),
      sectionBlock(
        `*What to do*\n• ${failureAdvice(failure)}\n• Meanwhile \`/sync360 status\` shows whether recent runs succeeded.`,
      ),
      contextBlock('The bot checks this once a day.'),
    ],
  };
};
