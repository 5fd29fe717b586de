/** What one GET gave, before any retry decision. */
export type HttpOutcome =
  | { readonly kind: 'json'; readonly body: unknown }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfter: string | null;
      readonly bodyStart: string;
    }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly reason: string }
  | { readonly kind: 'malformed'; readonly reason: string };

const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = Reflect.get(cause, 'code');
    return `${error.message}: ${cause.message}${typeof code === 'string' && !cause.message.includes(code) ? ` (${code})` : ''}`;
  }
  return error.message;
};

const oneLine = (text: string, max: number): string =>
  text.replace(/\s+/g, ' ').trim().slice(0, max);

/** One GET with a timeout covering headers and body; never throws. */
export const getOnce = async (
  url: string,
  authorization: string,
  timeoutMs: number,
): Promise<HttpOutcome> => {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      headers: { authorization, accept: 'application/json' },
      signal,
    });
    const text = await response.text();
    if (!response.ok) {
      return {
        kind: 'status',
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        bodyStart: oneLine(text, 160),
      };
    }
    try {
      const body: unknown = JSON.parse(text);
      return { kind: 'json', body };
    } catch (error) {
      const type = response.headers.get('content-type') ?? 'no content type';
      const start = oneLine(text, 60);
      return {
        kind: 'malformed',
        reason: `${reasonOf(error)} (${type}, ${text.length} bytes${start === '' ? '' : `, starting ${JSON.stringify(start)}`})`,
      };
    }
  } catch (error) {
    if (signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', reason: reasonOf(error) };
  }
};
