import type { FakeApi360Route } from './api360-server.js';

/**
 * 360Learning's learning endpoints as its stats OpenAPI document defines them: path and course
 * statistics filtered on `completedAt[gte]` / `completedAt[lt]`, the paths and courses lists,
 * each paged with a `Link: <…>; rel="next"` header at the documented page size.
 */
export interface FakeLearningData {
  /** Path Session User Stat items (`status: {type}`, `completedAt` only when completed). */
  readonly pathStats: ReadonlyArray<Record<string, unknown>>;
  readonly courseStats?: ReadonlyArray<Record<string, unknown>>;
  readonly paths: ReadonlyArray<{ readonly _id: string; readonly name: string }>;
  readonly courses?: ReadonlyArray<{ readonly _id: string; readonly name: string }>;
  /** Overrides the documented page sizes (2000, 500, 200, 500), to exercise paging. */
  readonly pageSize?: number;
}

const completedIn = (url: URL) => {
  const gte = url.searchParams.get('completedAt[gte]');
  const lt = url.searchParams.get('completedAt[lt]');
  return (item: Record<string, unknown>): boolean => {
    if (gte === null && lt === null) return true;
    const at = item['completedAt'];
    if (typeof at !== 'string') return false;
    const time = Date.parse(at);
    return (gte === null || time >= Date.parse(gte)) && (lt === null || time < Date.parse(lt));
  };
};

const stamp = '2025-01-02T03:04:05.000Z';
const owner = '5f0c1a2b3c4d5e6f7a8b9c0d';

/** A path as `GET /api/v2/paths` lists it: the required fields, with its id and name. */
const pathItem = (path: { _id: string; name: string }) => ({
  ...path,
  authorId: owner,
  groupId: owner,
  coAuthorIds: [],
  createdAt: stamp,
  modifiedAt: stamp,
  defaultLang: 'en',
  sourceLang: 'en',
  options: {},
  status: 'published',
  steps: [],
  translations: [],
});

const courseItem = (course: { _id: string; name: string }) => ({
  ...course,
  sourceLang: 'en',
  authorId: owner,
  groupId: owner,
  coAuthorIds: [],
  createdAt: stamp,
  modifiedAt: stamp,
  defaultLang: 'en',
  status: 'published',
  translations: [],
  type: 'native',
});

export const learningRoutes = (data: FakeLearningData): FakeApi360Route[] => [
  {
    path: '/api/v2/paths/stats',
    scope: 'pathStats:read',
    answer: (url, page) => page(data.pathStats.filter(completedIn(url)), data.pageSize ?? 2000),
  },
  {
    path: '/api/v2/courses/stats',
    scope: 'courseStats:read',
    answer: (url, page) =>
      page((data.courseStats ?? []).filter(completedIn(url)), data.pageSize ?? 500),
  },
  {
    path: '/api/v2/paths',
    scope: 'paths:read',
    answer: (_url, page) => page(data.paths.map(pathItem), data.pageSize ?? 200),
  },
  {
    path: '/api/v2/courses',
    scope: 'courses:read',
    answer: (_url, page) => page((data.courses ?? []).map(courseItem), data.pageSize ?? 500),
  },
];

/** Every scope `sync360 history` and its `doctor` checks use. */
export const learningScopes = [
  'users:read',
  'pathStats:read',
  'courseStats:read',
  'paths:read',
  'courses:read',
] as const;
