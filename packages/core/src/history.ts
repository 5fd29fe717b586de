import { createHash } from 'node:crypto';
import { addDays } from './dates.js';
import type { MappedEmployee } from './map-employees.js';
import { compareUniqueIds, type UserRow } from './user-file.js';

/** A path enrollment of `GET /api/v2/paths/stats`, only the fields history reads. */
export interface PathCompletion {
  readonly userId: string;
  readonly pathId: string;
  readonly statusType: string;
  readonly completedAt: string | null;
  readonly startedAt: string | null;
  readonly enrolledAt: string | null;
  readonly timeSpentMs: number;
}

/** A course attempt of `GET /api/v2/courses/stats`, only the fields history reads. */
export interface CourseCompletion {
  readonly userId: string;
  readonly courseId: string;
  /** Set when the course was played inside a path. */
  readonly pathId: string | null;
  readonly completedAt: string | null;
  readonly firstActivityAt: string | null;
  readonly progress: number;
  readonly timeSpentMs: number;
}

export interface CatalogueTraining {
  readonly id: number;
  readonly title: string;
  readonly state: string;
}

export interface RealizedTraining {
  readonly ownerId: number;
  readonly trainingId: number;
  readonly sessionEndsOn: string;
}

export interface HistoryWindow {
  /** `completedAt[gte]`: the start of the first day of the window, in the time zone. */
  readonly from: string;
  /** `completedAt[lt]`: the start of today, in the time zone (a completion today waits). */
  readonly until: string;
}

/** One realized training to write; the first five fields are what a reviewer reads. */
export interface HistoryItem {
  readonly luccaId: string;
  readonly employeeNumber: string;
  readonly title: string;
  readonly sessionEndsOn: string;
  /** The training does not exist yet: it is created (title only) before the record. */
  readonly create: boolean;
  readonly sessionStartsOn: string;
  readonly durationInHours: number;
  /** Null when `create` is true. */
  readonly trainingId: number | null;
}

export type HistoryWarningCode =
  | 'history-owner-unknown'
  | 'history-training-ambiguous'
  | 'history-training-not-in-lucca'
  | 'history-name-unknown'
  | 'history-rejected';

export interface HistoryWarning {
  readonly code: HistoryWarningCode;
  readonly message: string;
  /** The 360Learning user it is about (never their mail), or null. */
  readonly userId: string | null;
  readonly title: string | null;
}

export interface HistoryPlanInput {
  readonly window: HistoryWindow;
  readonly timeZone: string;
  readonly paths: ReadonlyArray<PathCompletion>;
  /** Null when courses are not read (`SYNC360_HISTORY_KINDS` without `courses`). */
  readonly courses: ReadonlyArray<CourseCompletion> | null;
  readonly pathNames: ReadonlyMap<string, string>;
  readonly courseNames: ReadonlyMap<string, string>;
  /** 360Learning user id -> mail (null when the user has none). */
  readonly userMails: ReadonlyMap<string, string | null>;
  /** The built file: its rows give the mails, the employees their Lucca ids. */
  readonly rows: ReadonlyArray<UserRow>;
  readonly employees: ReadonlyArray<MappedEmployee>;
  readonly catalogue: ReadonlyArray<CatalogueTraining>;
  readonly existing: ReadonlyArray<RealizedTraining>;
  readonly createTrainings: boolean;
}

export interface HistoryPlan {
  readonly window: HistoryWindow;
  /** Completions read from 360Learning (paths, and courses when asked). */
  readonly read: number;
  /** Completions that count and whose owner and training were found (or will be created). */
  readonly matched: number;
  /** Users skipped because 360Learning has no mail for them. */
  readonly withoutMail: number;
  readonly skippedExisting: number;
  readonly items: ReadonlyArray<HistoryItem>;
  /** Titles of the trainings to create, once each. */
  readonly trainingsToCreate: ReadonlyArray<string>;
  readonly warnings: ReadonlyArray<HistoryWarning>;
  readonly sha256: string;
}

const offsetMs = (instant: number, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
};

/** The instant a calendar day starts in a time zone, as 360Learning's filters want it. */
const startOfDay = (date: string, timeZone: string): string => {
  const midnightUtc = Date.parse(`${date}T00:00:00.000Z`);
  let instant = midnightUtc - offsetMs(midnightUtc, timeZone);
  instant = midnightUtc - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
};

/** The calendar day of an instant in a time zone. */
const dayIn = (instant: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));

/** The last `days` days before today: Lucca wants an end date in the past. */
export const historyWindow = (today: string, days: number, timeZone: string): HistoryWindow => ({
  from: startOfDay(addDays(today, -days), timeZone),
  until: startOfDay(today, timeZone),
});

/** Time spent in hours, rounded up to 0.01 h and at least 0.01 h (Lucca's multiple of 0.01). */
export const durationInHours = (timeSpentMs: number): number =>
  Math.max(1, Math.ceil(Math.max(0, timeSpentMs) / 36_000)) / 100;

const titleKey = (title: string): string => title.trim().toLowerCase();

/** The sha256 an approval names: of the items only, so the same plan keeps its sha day after day. */
const historyPlanSha256 = (items: ReadonlyArray<HistoryItem>): string =>
  createHash('sha256').update(JSON.stringify(items)).digest('hex');

const compareItems = (a: HistoryItem, b: HistoryItem): number =>
  a.sessionEndsOn.localeCompare(b.sessionEndsOn) ||
  compareUniqueIds(a.employeeNumber, b.employeeNumber) ||
  a.title.localeCompare(b.title) ||
  a.sessionStartsOn.localeCompare(b.sessionStartsOn);

interface Completion {
  readonly userId: string;
  readonly title: string | null;
  readonly sourceId: string;
  readonly completedAt: string;
  readonly startedAt: string | null;
  readonly timeSpentMs: number;
}

type Owner =
  | { readonly kind: 'one'; readonly luccaId: string; readonly employeeNumber: string }
  | { readonly kind: 'several' };

/** Lower-cased mail -> the one employee of the built file with it (Active or Inactive). */
const ownersByMail = (
  rows: ReadonlyArray<UserRow>,
  employees: ReadonlyArray<MappedEmployee>,
): Map<string, Owner> => {
  const luccaIds = new Map<string, string | null>();
  for (const employee of employees)
    if (employee.exported && employee.uniqueId !== null)
      luccaIds.set(employee.uniqueId, employee.luccaId);
  const owners = new Map<string, Owner>();
  // The file leaves out users who share a mail: they are still several Lucca users with it.
  const seen = new Set<string>();
  for (const employee of employees) {
    const mail = (employee.record.email ?? '').trim().toLowerCase();
    if (mail === '') continue;
    if (seen.has(mail)) owners.set(mail, { kind: 'several' });
    seen.add(mail);
  }
  for (const row of rows) {
    const mail = row.email.trim().toLowerCase();
    const luccaId = luccaIds.get(row.uniqueId) ?? null;
    if (mail === '' || luccaId === null || owners.get(mail)?.kind === 'several') continue;
    owners.set(
      mail,
      owners.has(mail)
        ? { kind: 'several' }
        : { kind: 'one', luccaId, employeeNumber: row.uniqueId },
    );
  }
  return owners;
};

const inWindow = (instant: string, window: HistoryWindow): boolean => {
  const at = Date.parse(instant);
  return at >= Date.parse(window.from) && at < Date.parse(window.until);
};

/**
 * What to record in Lucca: each completion of the window whose owner and training are known
 * and that Lucca does not already hold (owner + training + end date), sorted, with its sha256.
 */
export const planHistory = (input: HistoryPlanInput): HistoryPlan => {
  const { window, timeZone } = input;
  const completions: Completion[] = [];
  for (const row of input.paths) {
    if (row.statusType !== 'successful' || row.completedAt === null) continue;
    completions.push({
      userId: row.userId,
      title: input.pathNames.get(row.pathId) ?? null,
      sourceId: row.pathId,
      completedAt: row.completedAt,
      startedAt: row.startedAt ?? row.enrolledAt,
      timeSpentMs: row.timeSpentMs,
    });
  }
  const readPaths = new Set(input.paths.map((row) => row.pathId));
  for (const row of input.courses ?? []) {
    if (row.completedAt === null || row.progress !== 100) continue;
    if (row.pathId !== null && readPaths.has(row.pathId)) continue;
    completions.push({
      userId: row.userId,
      title: input.courseNames.get(row.courseId) ?? null,
      sourceId: row.courseId,
      completedAt: row.completedAt,
      startedAt: row.firstActivityAt,
      timeSpentMs: row.timeSpentMs,
    });
  }

  const owners = ownersByMail(input.rows, input.employees);
  const ready = new Map<string, CatalogueTraining[]>();
  for (const training of input.catalogue) {
    if (training.state.toLowerCase() !== 'ready') continue;
    const key = titleKey(training.title);
    ready.set(key, [...(ready.get(key) ?? []), training]);
  }
  const existing = new Set(
    input.existing.map((r) => `${String(r.ownerId)}|${String(r.trainingId)}|${r.sessionEndsOn}`),
  );

  const warnings = new Map<string, HistoryWarning>();
  const warn = (warning: HistoryWarning): void => {
    warnings.set(`${warning.code}|${warning.userId ?? ''}|${warning.title ?? ''}`, warning);
  };
  const items = new Map<string, HistoryItem>();
  const withoutMail = new Set<string>();
  let matched = 0;
  let skippedExisting = 0;
  for (const completion of completions) {
    if (!inWindow(completion.completedAt, window)) continue;
    const mail = input.userMails.get(completion.userId);
    if (mail === undefined || mail === null || mail.trim() === '') {
      withoutMail.add(completion.userId);
      continue;
    }
    const owner = owners.get(mail.trim().toLowerCase());
    if (owner === undefined || owner.kind === 'several') {
      warn({
        code: 'history-owner-unknown',
        message:
          owner === undefined
            ? `360Learning user ${completion.userId}: no employee read from Lucca has this user's mail, nothing recorded for them`
            : `360Learning user ${completion.userId}: several Lucca users have this user's mail, nothing recorded for them`,
        userId: completion.userId,
        title: null,
      });
      continue;
    }
    if (completion.title === null) {
      warn({
        code: 'history-name-unknown',
        message: `360Learning did not list the course or path ${completion.sourceId} (deleted?): nothing recorded for it`,
        userId: null,
        title: null,
      });
      continue;
    }
    const title = completion.title.trim();
    const found = ready.get(titleKey(title)) ?? [];
    if (found.length > 1) {
      warn({
        code: 'history-training-ambiguous',
        message: `${String(found.length)} Ready trainings in Lucca are titled "${title}": nothing recorded for it until only one is Ready`,
        userId: null,
        title,
      });
      continue;
    }
    const training = found[0] ?? null;
    if (training === null && !input.createTrainings) {
      warn({
        code: 'history-training-not-in-lucca',
        message: `no Ready training in Lucca is titled "${title}": create it in Lucca's training catalogue; the next runs record it while the completion is in the window`,
        userId: null,
        title,
      });
      continue;
    }
    matched += 1;
    const sessionEndsOn = dayIn(completion.completedAt, timeZone);
    if (
      training !== null &&
      existing.has(`${owner.luccaId}|${String(training.id)}|${sessionEndsOn}`)
    ) {
      skippedExisting += 1;
      continue;
    }
    const started = completion.startedAt === null ? null : dayIn(completion.startedAt, timeZone);
    const item: HistoryItem = {
      luccaId: owner.luccaId,
      employeeNumber: owner.employeeNumber,
      title: training?.title ?? title,
      sessionEndsOn,
      create: training === null,
      sessionStartsOn: started !== null && started <= sessionEndsOn ? started : sessionEndsOn,
      durationInHours: durationInHours(completion.timeSpentMs),
      trainingId: training?.id ?? null,
    };
    // Lucca keeps one record per owner, training and end date: the longest time spent wins.
    const key = `${item.luccaId}|${titleKey(item.title)}|${sessionEndsOn}`;
    const kept = items.get(key);
    if (kept === undefined || kept.durationInHours < item.durationInHours) items.set(key, item);
  }

  const sorted = [...items.values()].sort(compareItems);
  const toCreate = new Map<string, string>();
  for (const item of sorted)
    if (item.create && !toCreate.has(titleKey(item.title)))
      toCreate.set(titleKey(item.title), item.title);
  return {
    window,
    read: input.paths.length + (input.courses?.length ?? 0),
    matched,
    withoutMail: withoutMail.size,
    skippedExisting,
    items: sorted,
    trainingsToCreate: [...toCreate.values()],
    warnings: [...warnings.values()],
    sha256: historyPlanSha256(sorted),
  };
};
