import { api360ErrorHints, hintOfCode } from './error-codes.js';
import { tokenSchema } from './schemas.js';
import type { Api360Settings } from './settings.js';
import { api360Failed, describeStatus, type SendRequest } from './transport.js';

export const apiVersionHeader = { '360-api-version': 'v2.0' } as const;

/** Hands out a Bearer token, fetching a new one before it expires or when told it went stale. */
export interface TokenSource {
  /** The current token; `stale` is a token 360Learning refused, replaced once by a new one. */
  get(stale?: string): Promise<string>;
}

const hintFor = (code: string | null, status: number): string =>
  hintOfCode(code)?.hint ??
  (status === 401
    ? api360ErrorHints.invalid_client.hint
    : 'check the API360_* variables and API360_BASE_URL; report the message if it persists');

export const createTokenSource = (
  settings: Api360Settings,
  send: SendRequest,
  now: () => number,
): TokenSource => {
  let current: { readonly value: string; readonly renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    const body = {
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      ...(settings.companyId === null ? {} : { company_id: settings.companyId }),
    };
    const response = await send(
      {
        method: 'POST',
        url: new URL('/api/v2/oauth2/token', settings.baseUrl).href,
        headers: { ...apiVersionHeader, accept: 'application/json' },
        body,
      },
      'getting an access token',
      null,
    );
    if (response.status !== 200) {
      throw api360Failed(
        `360Learning refused the token request: ${describeStatus(response)}`,
        hintFor(response.errorCode, response.status),
        { status: response.status, apiCode: response.errorCode },
      );
    }
    const parsed = tokenSchema.safeParse(response.body);
    if (!parsed.success)
      throw api360Failed(
        '360Learning answered the token request with an unexpected body (no access_token)',
        'check API360_BASE_URL points at 360Learning itself (https://app.360learning.com or https://app.us.360learning.com)',
        { status: response.status },
      );
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Renew a tenth of the lifetime early (at most a minute), so no request carries a dying token.
    current = {
      value: parsed.data.access_token,
      renewAt: now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10),
    };
    return parsed.data.access_token;
  };

  const refresh = (): Promise<string> => {
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  };

  return {
    get: (stale) => {
      if (pending !== null) return pending;
      if (current !== null && current.value !== stale && now() < current.renewAt)
        return Promise.resolve(current.value);
      return refresh();
    },
  };
};
