import {
  doctorCheckFor,
  isSync360Error,
  type CourseCompletion,
  type DoctorCheck,
  type HistoryWindow,
  type PathCompletion,
} from '@sync360/core';
import { z } from 'zod';
import { createApi360Client, type Api360Client } from './client.js';
import type { Api360Settings } from './settings.js';
import { api360Failed } from './transport.js';

/** What `sync360 history` reads from 360Learning for one window. */
export interface LearningHistory {
  readonly paths: ReadonlyArray<PathCompletion>;
  /** Null when courses are not read. */
  readonly courses: ReadonlyArray<CourseCompletion> | null;
  readonly pathNames: ReadonlyMap<string, string>;
  readonly courseNames: ReadonlyMap<string, string>;
  readonly userMails: ReadonlyMap<string, string | null>;
  /** Rows that lacked a field history needs (skipped, counted). */
  readonly unreadable: number;
}

const optionalText = z.string().optional();

const pathStatSchema = z.object({
  userId: z.string(),
  pathId: z.string(),
  status: z.object({ type: z.string() }),
  completedAt: optionalText,
  startedAt: optionalText,
  enrolledAt: optionalText,
  timeSpent: z.number(),
});

const courseStatSchema = z.object({
  userId: z.string(),
  courseId: z.string(),
  pathId: optionalText,
  completedAt: optionalText,
  firstActivityAt: optionalText,
  progress: z.number(),
  timeSpent: z.number(),
});

const namedSchema = z.object({ _id: z.string(), name: z.string() });

const userMailSchema = z.object({ _id: z.string(), mail: z.string().optional() });

const anyItems = z.array(z.unknown());

interface Endpoint {
  readonly path: string;
  readonly scope: string;
  readonly what: string;
}

const endpoints = {
  pathStats: {
    path: '/api/v2/paths/stats',
    scope: 'pathStats:read',
    what: 'reading path statistics',
  },
  courseStats: {
    path: '/api/v2/courses/stats',
    scope: 'courseStats:read',
    what: 'reading course statistics',
  },
  paths: { path: '/api/v2/paths', scope: 'paths:read', what: 'listing paths' },
  courses: { path: '/api/v2/courses', scope: 'courses:read', what: 'listing courses' },
  users: { path: '/api/v2/users', scope: 'users:read', what: 'listing users' },
} as const satisfies Record<string, Endpoint>;

/** A refused scope names the one this endpoint needs; other errors pass unchanged. */
const read = async (
  client: Api360Client,
  endpoint: Endpoint,
  query: Readonly<Record<string, string>>,
): Promise<unknown[]> => {
  const scopeFix = `in 360Learning's API v2 admin panel, give the API client the ${endpoint.scope} scope`;
  let result;
  try {
    result = await client.readList(endpoint.path, query, endpoint.what, anyItems);
  } catch (error) {
    if (isSync360Error(error) && error.details['status'] === 403)
      throw api360Failed(
        `360Learning refused ${endpoint.what} (HTTP 403): the API client lacks the ${endpoint.scope} scope`,
        scopeFix,
        { status: 403, scope: endpoint.scope },
      );
    throw error;
  }
  if (!result.ok)
    throw api360Failed(
      `360Learning API: ${endpoint.what}: HTTP ${String(result.status)}${result.code === null ? '' : ` ${result.code}`}`,
      'check API360_BASE_URL (https://app.360learning.com or https://app.us.360learning.com)',
      { status: result.status, apiCode: result.code },
    );
  return result.value;
};

/** Each item checked alone: one odd row is skipped and counted, never the run's failure. */
const parseEach = <T, U>(
  items: ReadonlyArray<unknown>,
  schema: z.ZodType<T>,
  map: (item: T) => U,
): { readonly parsed: U[]; readonly unreadable: number } => {
  const parsed: U[] = [];
  let unreadable = 0;
  for (const item of items) {
    const result = schema.safeParse(item);
    if (result.success) parsed.push(map(result.data));
    else unreadable += 1;
  }
  return { parsed, unreadable };
};

const names = (items: ReadonlyArray<unknown>): Map<string, string> =>
  new Map(parseEach(items, namedSchema, (item) => [item._id, item.name] as const).parsed);

/**
 * The completions of the window (`completedAt[gte]`, `completedAt[lt]`), the names of paths
 * (and courses) and the mails of users.
 */
export const readLearningHistory = async (
  settings: Api360Settings,
  window: HistoryWindow,
  withCourses: boolean,
  progress: (line: string) => void,
): Promise<LearningHistory> => {
  const client = createApi360Client(settings, { progress });
  const filter = { 'completedAt[gte]': window.from, 'completedAt[lt]': window.until };
  const paths = parseEach(
    await read(client, endpoints.pathStats, filter),
    pathStatSchema,
    (row): PathCompletion => ({
      userId: row.userId,
      pathId: row.pathId,
      statusType: row.status.type,
      completedAt: row.completedAt ?? null,
      startedAt: row.startedAt ?? null,
      enrolledAt: row.enrolledAt ?? null,
      timeSpentMs: row.timeSpent,
    }),
  );
  const courses = withCourses
    ? parseEach(
        await read(client, endpoints.courseStats, filter),
        courseStatSchema,
        (row): CourseCompletion => ({
          userId: row.userId,
          courseId: row.courseId,
          pathId: row.pathId ?? null,
          completedAt: row.completedAt ?? null,
          firstActivityAt: row.firstActivityAt ?? null,
          progress: row.progress,
          timeSpentMs: row.timeSpent,
        }),
      )
    : null;
  const pathNames = names(await read(client, endpoints.paths, {}));
  const courseNames = withCourses ? names(await read(client, endpoints.courses, {})) : new Map();
  // Only the id and the mail: a user whose other fields are odd still has their history read.
  const users = parseEach(
    await read(client, endpoints.users, {}),
    userMailSchema,
    (user) => [user._id, user.mail ?? null] as const,
  );
  progress(
    `360Learning: ${String(paths.parsed.length)} path enrollments${courses === null ? '' : ` and ${String(courses.parsed.length)} course attempts`} completed in the window`,
  );
  return {
    paths: paths.parsed,
    courses: courses?.parsed ?? null,
    pathNames,
    courseNames,
    userMails: new Map(users.parsed),
    unreadable: paths.unreadable + (courses?.unreadable ?? 0),
  };
};

const check = doctorCheckFor('api360');

/** `doctor` for `history`: one small read per scope it needs. */
export const checkHistoryScopes = async (
  settings: Api360Settings,
  window: HistoryWindow,
): Promise<DoctorCheck[]> => {
  const client = createApi360Client(settings);
  const filter = { 'completedAt[gte]': window.from, 'completedAt[lt]': window.until };
  const checks: DoctorCheck[] = [];
  for (const endpoint of Object.values(endpoints)) {
    const name = `scope ${endpoint.scope}`;
    try {
      const stats = endpoint.path.endsWith('/stats');
      await read(client, endpoint, stats ? filter : {});
      checks.push(check(name, true, `${endpoint.path} answered`));
    } catch (error) {
      if (!isSync360Error(error)) throw error;
      checks.push(check(name, false, error.message, error.hint));
    }
  }
  return checks;
};
