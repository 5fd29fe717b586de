import { errorCodeOf } from './schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** What one request gave, before any retry decision; never carries a response body's text. */
export type HttpOutcome =
  | {
      readonly kind: 'response';
      readonly status: number;
      /** Parsed JSON, or undefined for an empty or non-JSON body. */
      readonly body: unknown;
      readonly errorCode: string | null;
      readonly link: string | null;
      readonly retryAfter: string | null;
    }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly reason: string };

const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (!(cause instanceof Error)) return error.message;
  const code = Reflect.get(cause, 'code');
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
};

const parseJson = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** One HTTP request with a timeout covering headers and body; never throws. */
export const sendOnce = async (request: HttpRequest, timeoutMs: number): Promise<HttpOutcome> => {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers:
        request.body === undefined
          ? request.headers
          : { ...request.headers, 'content-type': 'application/json' },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
      redirect: 'manual',
    });
    const body = parseJson(await response.text());
    return {
      kind: 'response',
      status: response.status,
      body,
      errorCode: response.ok ? null : errorCodeOf(body),
      link: response.headers.get('link'),
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', reason: reasonOf(error) };
  }
};

/**
 * The `rel="next"` target of a `Link` header (`<url>; rel="next"`, several links comma
 * separated), resolved against `baseUrl`. Null when there is no next page.
 */
export const nextPageUrl = (link: string | null, baseUrl: string): URL | null => {
  if (link === null) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match === null) continue;
    const params = match[2] ?? '';
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(params))
      return new URL(match[1] ?? '', baseUrl);
  }
  return null;
};
