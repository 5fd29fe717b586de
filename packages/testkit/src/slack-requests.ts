import { sendSignedRequest, type SignedRequestInit, type SignedResponse } from './slack-signing.js';

export interface SlashCommandInit extends SignedRequestInit {
  /** Text after the command, e.g. `now`. */
  readonly text?: string;
  readonly userId?: string;
  readonly userName?: string;
  readonly command?: string;
  readonly channelId?: string;
  readonly teamId?: string;
  /** Where the bot's `respond()` posts; see `startResponseCapture`. */
  readonly responseUrl: string;
}

/** A signed slash-command request, form-encoded exactly as Slack sends it. */
export const sendSlashCommand = (init: SlashCommandInit): Promise<SignedResponse> => {
  const form = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: init.teamId ?? 'T0ACME',
    team_domain: 'acme-hr',
    channel_id: init.channelId ?? 'C0HR',
    channel_name: 'hr-ops',
    user_id: init.userId ?? 'U0ALLOWED',
    user_name: init.userName ?? 'camille',
    command: init.command ?? '/sync360',
    text: init.text ?? '',
    api_app_id: 'A0SYNC360',
    is_enterprise_install: 'false',
    response_url: init.responseUrl,
    trigger_id: `${String(Date.now())}.trigger`,
  });
  return sendSignedRequest(init, form.toString(), 'application/x-www-form-urlencoded');
};

export interface SlackEventInit extends SignedRequestInit {
  /** The inner event, e.g. `appHomeOpenedEvent('U0ALLOWED')`. */
  readonly event: Readonly<Record<string, unknown>>;
  readonly teamId?: string;
}

let eventCounter = 0;

/** A signed Events API `event_callback`, JSON-encoded as Slack sends it. */
export const sendSlackEvent = (init: SlackEventInit): Promise<SignedResponse> => {
  eventCounter += 1;
  const body = JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: init.teamId ?? 'T0ACME',
    api_app_id: 'A0SYNC360',
    event: init.event,
    type: 'event_callback',
    event_id: `Ev${String(eventCounter).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: init.teamId ?? 'T0ACME', user_id: 'U0SYNC360', is_bot: true }],
  });
  return sendSignedRequest(init, body, 'application/json');
};

/** The `app_home_opened` event Slack sends when a user opens the bot's Home tab. */
export const appHomeOpenedEvent = (userId: string): Readonly<Record<string, unknown>> => ({
  type: 'app_home_opened',
  user: userId,
  channel: 'D0HOME',
  tab: 'home',
  event_ts: `${String(Math.floor(Date.now() / 1000))}.000100`,
});
