import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isKnownTimeZone } from './local-time.js';
import type { GuardEventInfo } from './paris-hour-guard.js';

export interface GuardInput {
  readonly event: GuardEventInfo;
  readonly now: Date;
  readonly timeZone: string;
  readonly hour: number;
  /** `$GITHUB_OUTPUT`, where `proceed=true|false` goes; null outside Actions. */
  readonly outputFile: string | null;
  readonly summaryFile: string | null;
}

export const USAGE = `Usage: tsx tools/workflows/src/paris-hour-guard-cli.ts [--hour 3] [--time-zone Europe/Paris]
Writes proceed=true|false to $GITHUB_OUTPUT. Reads GITHUB_EVENT_NAME, the cron that fired from
GUARD_SCHEDULE (set it to \${{ github.event.schedule }}) or else from $GITHUB_EVENT_PATH, and
GUARD_NOW (ISO instant, replays and tests only).`;

export class UsageError extends Error {}

const eventFile = z.object({ schedule: z.string().optional() });

const nonEmpty = (value: string | undefined): string | null =>
  value === undefined || value.trim() === '' ? null : value.trim();

/** The cron that fired: GUARD_SCHEDULE, else the `schedule` field of the event payload file. */
const scheduleFrom = (env: NodeJS.ProcessEnv): string | undefined => {
  const direct = nonEmpty(env['GUARD_SCHEDULE']);
  if (direct !== null) return direct;
  const path = nonEmpty(env['GITHUB_EVENT_PATH']);
  if (path === null) return undefined;
  try {
    const parsed = eventFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.schedule : undefined;
  } catch {
    return undefined;
  }
};

export const readGuardInput = (argv: readonly string[], env: NodeJS.ProcessEnv): GuardInput => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      hour: { type: 'string', default: '3' },
      'time-zone': { type: 'string', default: 'Europe/Paris' },
    },
    strict: true,
  });
  const hour = Number(values.hour);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new UsageError(`--hour must be a whole hour 0-23, got "${values.hour}".`);
  }
  const timeZone = values['time-zone'];
  if (!isKnownTimeZone(timeZone)) {
    throw new UsageError(
      `--time-zone must be an IANA time zone such as Europe/Paris, got "${timeZone}".`,
    );
  }
  const name = nonEmpty(env['GITHUB_EVENT_NAME']);
  if (name === null)
    throw new UsageError('GITHUB_EVENT_NAME is not set (run it inside GitHub Actions).');
  const nowText = nonEmpty(env['GUARD_NOW']);
  const now = nowText === null ? new Date() : new Date(nowText);
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`GUARD_NOW is not an ISO instant: "${nowText ?? ''}".`);
  return {
    event: { name, schedule: scheduleFrom(env) },
    now,
    timeZone,
    hour,
    outputFile: nonEmpty(env['GITHUB_OUTPUT']),
    summaryFile: nonEmpty(env['GITHUB_STEP_SUMMARY']),
  };
};
