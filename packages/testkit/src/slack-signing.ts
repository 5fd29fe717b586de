import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
const slackSignature = (signingSecret: string, timestamp: number, body: string): string =>
  `v0=${createHmac('sha256', signingSecret)
    .update(`v0:${String(timestamp)}:${body}`)
    .digest('hex')}`;

export interface SignedRequestInit {
  /** The bot's events URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  readonly url: string;
  readonly signingSecret: string;
  /** Unix seconds; default now. Pass an old one to test the 5-minute window. */
  readonly timestamp?: number;
  /** Replaces the computed signature (to send a forged one). */
  readonly signature?: string;
}

export interface SignedResponse {
  readonly status: number;
  readonly body: string;
  readonly elapsedMs: number;
}

/** POSTs `body` with Slack's signature headers, the way Slack calls a bot. */
export const sendSignedRequest = async (
  init: SignedRequestInit,
  body: string,
  contentType: string,
): Promise<SignedResponse> => {
  const timestamp = init.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(init.url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': init.signature ?? slackSignature(init.signingSecret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, elapsedMs: performance.now() - started };
};
