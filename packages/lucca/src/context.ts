import { ConfigError, SourceError, redactSecrets, type ErrorDetails } from '@sync360/core';
import { z } from 'zod';
import { luccaRateLimiter, type RateLimiter } from './rate-limiter.js';
import { luccaDefaults, maxPageSize, type LuccaSettings } from './settings.js';

/** Everything one fetch needs, validated once; only `authorization` holds the key. */
export interface LuccaContext {
  readonly apiRoot: string;
  readonly authorization: string;
  readonly statusField: string;
  readonly pageSize: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly limiter: RateLimiter;
  readonly extraActiveLabels: ReadonlyArray<string>;
  readonly extraInactiveLabels: ReadonlyArray<string>;
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

const count = (min: number, max: number): z.ZodType<number | undefined> =>
  z.number().int().min(min).max(max).optional();

const settingsSchema = z.object({
  baseUrl: z.string().refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL such as https://acme.ilucca.net'),
  apiKey: z
    .string()
    .min(1, 'is empty')
    .regex(/^[\x21-\x7e]+$/, 'holds spaces or characters that cannot go in an HTTP header'),
  statusField: z.string().trim().min(1, 'is empty'),
  pageSize: count(1, maxPageSize),
  requestsPerMinute: count(1, 10_000),
  timeoutMs: count(1, 600_000),
  maxRetries: count(0, 20),
  retryBaseDelayMs: count(0, 600_000),
  retryMaxDelayMs: count(0, 600_000),
  maxRetryAfterMs: count(0, 3_600_000),
});

const settingName: Readonly<Record<string, string>> = {
  baseUrl: 'LUCCA_BASE_URL',
  apiKey: 'LUCCA_API_KEY',
  statusField: 'LUCCA_STATUS_FIELD',
};

const redactDetails = (details: ErrorDetails, redact: (text: string) => string): ErrorDetails =>
  Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      typeof value === 'string' ? redact(value) : value,
    ]),
  );

/** Validates the settings (ConfigError, before any network call) and resolves the defaults. */
export const createLuccaContext = (settings: LuccaSettings): LuccaContext => {
  const parsed = settingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'settings');
      return `${settingName[key] ?? key} ${issue.message}`;
    });
    throw new ConfigError(
      'lucca-settings-invalid',
      `Lucca settings are invalid: ${problems.join('; ')}`,
      'fix the LUCCA_* variables (LUCCA_BASE_URL like https://acme.ilucca.net, LUCCA_API_KEY as given by Lucca)',
    );
  }
  const valid = parsed.data;
  const base = new URL(valid.baseUrl);
  const redact = (text: string): string => redactSecrets(text, [settings.apiKey]);
  const onProgress = settings.onProgress;
  const onWarning = settings.onWarning;
  return {
    apiRoot: `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v3`,
    authorization: `lucca application=${valid.apiKey}`,
    statusField: valid.statusField.trim(),
    pageSize: valid.pageSize ?? luccaDefaults.pageSize,
    timeoutMs: valid.timeoutMs ?? luccaDefaults.timeoutMs,
    maxRetries: valid.maxRetries ?? luccaDefaults.maxRetries,
    retryBaseDelayMs: valid.retryBaseDelayMs ?? luccaDefaults.retryBaseDelayMs,
    retryMaxDelayMs: valid.retryMaxDelayMs ?? luccaDefaults.retryMaxDelayMs,
    maxRetryAfterMs: valid.maxRetryAfterMs ?? luccaDefaults.maxRetryAfterMs,
    limiter:
      settings.limiter ??
      luccaRateLimiter(valid.requestsPerMinute ?? luccaDefaults.requestsPerMinute),
    extraActiveLabels: settings.extraActiveLabels ?? [],
    extraInactiveLabels: settings.extraInactiveLabels ?? [],
    redact,
    progress: (message) => onProgress?.(redact(message)),
    warn: (message) => onWarning?.(redact(message)),
    sourceError: (code, message, hint, details = {}) =>
      new SourceError(code, redact(message), redact(hint), redactDetails(details, redact)),
  };
};
