import type { RateLimiter } from './rate-limiter.js';

/** How to reach one Lucca tenant; the CLI builds it from `LUCCA_*` variables (SPEC §3). */
export interface LuccaSettings {
  /** e.g. `https://acme.ilucca.net` */
  readonly baseUrl: string;
  /** Sent as `Authorization: lucca application=<key>`; never printed. */
  readonly apiKey: string;
  /** Key of the Active/Inactive list field in `extendedData`, e.g. `e_360_status`. */
  readonly statusField: string;
  /** Users per page, 1..1000; default 1000. */
  readonly pageSize?: number | undefined;
  /** Client-side limit, default 50 (Lucca's documented tenant limit). */
  readonly requestsPerMinute?: number | undefined;
  /** Per-request timeout (headers and body), default 30000. */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt for 429/408/5xx/network errors/timeouts; default 5. */
  readonly maxRetries?: number | undefined;
  /** First backoff step; doubles each retry, with jitter. Default 1000. */
  readonly retryBaseDelayMs?: number | undefined;
  /** Backoff ceiling; default 30000. */
  readonly retryMaxDelayMs?: number | undefined;
  /** A `Retry-After` longer than this fails the run instead of waiting; default 120000. */
  readonly maxRetryAfterMs?: number | undefined;
  /** Share one limiter between calls (bot, doctor then run) or speed up tests. */
  readonly limiter?: RateLimiter | undefined;
  /** Extra status labels (`SYNC360_ACTIVE_LABELS` / `SYNC360_INACTIVE_LABELS`), used by `checkLucca`. */
  readonly extraActiveLabels?: ReadonlyArray<string> | undefined;
  readonly extraInactiveLabels?: ReadonlyArray<string> | undefined;
  /** One line per page or retry, for stderr. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** Each warning as it is found (they are also returned). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

export const luccaDefaults = {
  pageSize: 1000,
  requestsPerMinute: 50,
  timeoutMs: 30_000,
  maxRetries: 5,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
} as const;

/** Lucca refuses pages over 1000 users (SPEC §9). */
export const maxPageSize = 1000;
