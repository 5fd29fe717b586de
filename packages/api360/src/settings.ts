export interface Api360Settings {
  /** `https://app.360learning.com` (EU) or `https://app.us.360learning.com` (US). */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Sent as `company_id` with the token request when set. */
  readonly companyId: string | null;
  readonly timeoutMs: number;
  /** Attempts per request, the first included, on 429, 5xx, timeouts and network errors. */
  readonly attempts: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the request fails. */
  readonly maxRetryAfterMs: number;
  /** 360Learning's limits per company: 10 writes and 50 reads a second. */
  readonly writesPerSecond: number;
  readonly readsPerSecond: number;
}

export const api360Defaults = {
  baseUrl: 'https://app.360learning.com',
  timeoutMs: 30_000,
  attempts: 5,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 16_000,
  maxRetryAfterMs: 60_000,
  writesPerSecond: 10,
  readsPerSecond: 50,
} as const;

/** 360Learning asks clients to wait at least a second after a 429. */
export const minRateLimitWaitMs = 1000;
