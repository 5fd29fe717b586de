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
  /** Slack's id of this invocation; default a fresh one. Repeat it to send the same request again. */
  readonly triggerId?: string;
}

let triggerCounter = 0;

/** A fresh trigger id, unique within the test process. */
const nextTriggerId = (): string => {
  triggerCounter += 1;
  return `${String(Date.now())}.${String(triggerCounter)}.trigger`;
};

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
    trigger_id: init.triggerId ?? nextTriggerId(),
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

export interface BlockActionInit extends SignedRequestInit {
  readonly actionId: string;
  readonly value: string;
  readonly userId: string;
  /** The message the button is on (ignored in the App Home). */
  readonly channelId: string;
  readonly messageTs: string;
  /** When the message is a reply in a thread. */
  readonly threadTs?: string;
  /** The blocks of that message, as Slack sends them back. */
  readonly blocks?: ReadonlyArray<unknown>;
  /**
   * The message is ephemeral (e.g. a slash command's answer): Slack sends no `message` back, and
   * the bot can only answer through `response_url`.
   */
  readonly ephemeral?: boolean;
  /** The button is in the App Home tab: a view container, no message, no `response_url`. */
  readonly home?: boolean;
  readonly responseUrl: string;
  readonly teamId?: string;
  readonly triggerId?: string;
}

/** A signed `block_actions` interaction (a button click), form-encoded as `payload=<json>`. */
export const sendBlockAction = (init: BlockActionInit): Promise<SignedResponse> => {
  const where =
    init.home === true
      ? {
          container: { type: 'view', view_id: 'V0HOME' },
          view: { id: 'V0HOME', type: 'home', blocks: init.blocks ?? [] },
        }
      : {
          container: {
            type: 'message',
            message_ts: init.messageTs,
            channel_id: init.channelId,
            is_ephemeral: init.ephemeral === true,
            ...(init.threadTs === undefined ? {} : { thread_ts: init.threadTs }),
          },
          channel: { id: init.channelId, name: 'sync360' },
          ...(init.ephemeral === true
            ? {}
            : {
                message: {
                  type: 'message',
                  ts: init.messageTs,
                  ...(init.threadTs === undefined ? {} : { thread_ts: init.threadTs }),
                  text: 'sync360',
                  blocks: init.blocks ?? [],
                },
              }),
          response_url: init.responseUrl,
        };
  const payload = {
    type: 'block_actions',
    user: { id: init.userId, username: 'someone', team_id: init.teamId ?? 'T0ACME' },
    api_app_id: 'A0SYNC360',
    token: 'deprecated-verification-token',
    trigger_id: init.triggerId ?? nextTriggerId(),
    team: { id: init.teamId ?? 'T0ACME', domain: 'acme-hr' },
    ...where,
    actions: [
      {
        type: 'button',
        action_id: init.actionId,
        block_id: init.actionId,
        value: init.value,
        text: { type: 'plain_text', text: 'Approve and deliver' },
        action_ts: `${String(Math.floor(Date.now() / 1000))}.000200`,
      },
    ],
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return sendSignedRequest(init, form.toString(), 'application/x-www-form-urlencoded');
};
