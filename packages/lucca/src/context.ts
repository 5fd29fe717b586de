import { SourceError, redactSecrets, type ErrorDetails } from '@sync360/core';
import { createHostLimiter, type HostLimiter, type HttpPolicy } from '@sync360/http';

/** Client-side limiter shared by every request of one Lucca tenant. */
export type RateLimiter = HostLimiter;

/**
 * How to reach one Lucca tenant. The apps parse the environment once and pass plain values here;
 * this package does not validate them again.
 */
export interface LuccaSettings {
  /** The tenant's origin, e.g. `https://acme.ilucca.net`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: lucca application=<key>`; never printed. */
  readonly apiKey: string;
  /** Key of the Active/Inactive list field in `extendedData` (`e_360_status`) or its code. */
  readonly statusField: string;
  /** Users per page, 1..1000. */
  readonly pageSize?: number | undefined;
  /** Per-request timeout (headers and body). */
  readonly timeoutMs?: number | undefined;
  /** Retries after the first attempt for 429/408/5xx/network errors/timeouts. */
  readonly maxRetries?: number | undefined;
  /** First backoff step; doubles each retry, with jitter. */
  readonly retryBaseDelayMs?: number | undefined;
  readonly retryMaxDelayMs?: number | undefined;
  /** More users than this is `lucca-too-many`: the fetch is always bounded. */
  readonly maxEmployees?: number | undefined;
  /** Share one limiter between calls (the bot's whole life) or speed up tests. */
  readonly limiter?: RateLimiter | undefined;
  /** Extra status labels (`SYNC360_ACTIVE_LABELS` / `SYNC360_INACTIVE_LABELS`). */
  readonly extraActiveLabels?: ReadonlyArray<string> | undefined;
  readonly extraInactiveLabels?: ReadonlyArray<string> | undefined;
  /** Leave response-body snippets out of messages (CI logs, `--redact`). */
  readonly redactData?: boolean | undefined;
  /** One line per page or retry, for stderr. */
  readonly onProgress?: ((message: string) => void) | undefined;
  /** Each warning as it is found (they are also returned). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

export const luccaDefaults = {
  pageSize: 1000,
  /** Lucca's documented limit: about 50 requests per minute per tenant. */
  requestsPerMinute: 50,
  timeoutMs: 30_000,
  maxRetries: 5,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 30_000,
  maxEmployees: 200_000,
  /** A `Retry-After` longer than this fails at once instead of waiting. */
  maxRetryAfterMs: 120_000,
} as const;

/** One limiter for a tenant: never more than its quota in any minute, whoever calls. */
export const luccaRateLimiter = (): RateLimiter =>
  createHostLimiter(luccaDefaults.requestsPerMinute, 60_000);

/** Lucca's 408 (a request over 5 s) and 429 are retried with 5xx; 401/403 never. */
const retryStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** What every request of one call needs, with the defaults resolved. */
export interface LuccaContext {
  readonly apiRoot: string;
  readonly authorization: string;
  readonly statusField: string;
  readonly pageSize: number;
  readonly http: HttpPolicy;
  readonly maxEmployees: number;
  readonly labels: StatusLabels;
  readonly redactData: boolean;
  readonly redact: (text: string) => string;
  readonly progress: (message: string) => void;
  readonly warn: (message: string) => void;
  readonly sourceError: (
    code: string,
    message: string,
    hint: string,
    details?: ErrorDetails,
  ) => SourceError;
}

/** The extra labels of rule 2, beside active/actif and inactive/inactif. */
export interface StatusLabels {
  readonly extraActiveLabels: ReadonlyArray<string>;
  readonly extraInactiveLabels: ReadonlyArray<string>;
}

export const createLuccaContext = (settings: LuccaSettings): LuccaContext => {
  const redact = (text: string): string => redactSecrets(text, [settings.apiKey]);
  const { onProgress, onWarning } = settings;
  return {
    apiRoot: `${settings.baseUrl.replace(/\/+$/, '')}/api/v3`,
    authorization: `lucca application=${settings.apiKey}`,
    statusField: settings.statusField,
    pageSize: settings.pageSize ?? luccaDefaults.pageSize,
    http: {
      timeoutMs: settings.timeoutMs ?? luccaDefaults.timeoutMs,
      attempts: (settings.maxRetries ?? luccaDefaults.maxRetries) + 1,
      retryBaseDelayMs: settings.retryBaseDelayMs ?? luccaDefaults.retryBaseDelayMs,
      retryMaxDelayMs: settings.retryMaxDelayMs ?? luccaDefaults.retryMaxDelayMs,
      maxRetryAfterMs: luccaDefaults.maxRetryAfterMs,
      retryStatus,
      limiter: settings.limiter ?? luccaRateLimiter(),
    },
    maxEmployees: settings.maxEmployees ?? luccaDefaults.maxEmployees,
    labels: {
      extraActiveLabels: settings.extraActiveLabels ?? [],
      extraInactiveLabels: settings.extraInactiveLabels ?? [],
    },
    redactData: settings.redactData ?? false,
    redact,
    progress: (message) => onProgress?.(redact(message)),
    warn: (message) => onWarning?.(redact(message)),
    sourceError: (code, message, hint, details = {}) =>
      new SourceError(
        code,
        redact(message),
        redact(hint),
        Object.fromEntries(
          Object.entries(details).map(([key, value]) => [
            key,
            typeof value === 'string' ? redact(value) : value,
          ]),
        ),
      ),
  };
};
