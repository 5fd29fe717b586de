import type { DoctorCheck } from '@sync360/core';
import { namesRefusalText } from '@sync360/slack-messages';
import { z } from 'zod';
import type { SlackConfig } from '../config/runner-config.js';
import { createNotifyClient } from '../notify/slack-client.js';
import { describeSlackError, slackErrorCode } from '../notify/slack-error.js';
import { channelFacts, namesRefusal } from '../notify/slack-post.js';

const authAnswer = z.object({ team: z.string().optional(), user: z.string().optional() });

const check = (name: string, ok: boolean, detail: string, fix: string | null): DoctorCheck => ({
  system: 'slack',
  name,
  ok,
  detail,
  fix,
});

const channelFix = (variable: string, code: string | null): string =>
  code === 'missing_scope'
    ? 'The app lacks channels:read / groups:read: update it from apps/slack-bot/manifest.yaml and reinstall it.'
    : `Check ${variable}; a private channel is visible only once the app is in it: /invite @sync360 there.`;

/**
 * One configured channel: the bot can post in it (it is a member); for the HR channel also that
 * it is private and not shared with another organisation, since names are posted there.
 */
const checkChannel = async (
  client: ReturnType<typeof createNotifyClient>,
  variable: 'SLACK_CHANNEL_ID' | 'SLACK_HR_CHANNEL_ID',
  channel: string,
  token: string,
): Promise<DoctorCheck> => {
  const name = variable === 'SLACK_CHANNEL_ID' ? 'ops channel' : 'HR channel';
  try {
    const facts = await channelFacts(client, channel);
    if (!facts.isMember)
      return check(
        name,
        false,
        `${variable} ${channel}: the bot is not a member, so it cannot post there`,
        'Invite the app: type /invite @sync360 in that channel.',
      );
    const refused = variable === 'SLACK_HR_CHANNEL_ID' ? namesRefusal(facts) : null;
    if (refused !== null)
      return check(
        name,
        false,
        `${variable} ${channel}: ${namesRefusalText(refused)}, and names are posted there`,
        'Use a private channel of HR admins only, not shared with another organisation.',
      );
    const kind = facts.isPrivate ? 'private' : 'public';
    return check(
      name,
      true,
      `${variable} ${channel}: ${kind}, the bot is a member and can post`,
      null,
    );
  } catch (error) {
    return check(
      name,
      false,
      `${variable} ${channel}: ${describeSlackError(error, [token])}`,
      channelFix(variable, slackErrorCode(error)),
    );
  }
};

/** `auth.test` (the token works, and where), then every configured channel. */
export const checkSlack = async (slack: SlackConfig): Promise<DoctorCheck[]> => {
  const client = createNotifyClient({ ...slack, retries: 0 });
  try {
    const parsed = authAnswer.safeParse(await client.auth.test());
    const who = parsed.success ? parsed.data : {};
    const checks = [
      check(
        'bot token',
        true,
        `connected to workspace ${who.team ?? '?'} as ${who.user ?? '?'}`,
        null,
      ),
      await checkChannel(client, 'SLACK_CHANNEL_ID', slack.channel, slack.token),
    ];
    if (slack.hrChannel !== null)
      checks.push(await checkChannel(client, 'SLACK_HR_CHANNEL_ID', slack.hrChannel, slack.token));
    return checks;
  } catch (error) {
    return [
      check(
        'bot token',
        false,
        `auth.test failed (${describeSlackError(error, [slack.token])})`,
        'Check SLACK_BOT_TOKEN (xoxb-…, app installed in the workspace) and SLACK_API_URL.',
      ),
    ];
  }
};
