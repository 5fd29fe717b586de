import type { FakeLuccaRoutes } from './lucca-server.js';

/**
 * Lucca's Training API (`/talent-training`, legacy API key) with the rules its documents give:
 * the catalogue (Ready or Archived trainings, paged by cursor, no state filter), trainings created
 * Ready; realized trainings that must refer to a Ready training, end in the past, and be unique
 * per owner + training + end date; no update or delete. Error bodies are not documented: a
 * refusal is a bare status with an empty error object.
 */
export interface FakeTraining {
  readonly id: number;
  readonly title: string;
  readonly state: 'Ready' | 'Archived';
}

export interface FakeRealized {
  readonly id: number;
  readonly ownerId: number;
  readonly trainingId: number;
  readonly sessionStartsOn: string;
  readonly sessionEndsOn: string;
  readonly durationInHours: number;
  readonly hasAttended: boolean;
}

export interface FakeTrainingOptions {
  /** The key whose role has rights on the Training module. */
  readonly apiKey: string;
  /** Other keys of the tenant: they get 403 here (no rights on the module). */
  readonly otherKeys?: ReadonlyArray<string>;
  readonly trainings?: ReadonlyArray<FakeTraining>;
  readonly realized?: ReadonlyArray<Omit<FakeRealized, 'id'>>;
  /** Lucca's "today": an end date must be before it. */
  readonly today: string;
  /**
   * Which training reference a POST of a realized training must use: the example's `trainingId`,
   * the schema's `training: {id}`, or either (default).
   */
  readonly trainingField?: 'trainingId' | 'training' | 'either';
  /** Items a page at most (Lucca's usual maximum is 100). */
  readonly maxLimit?: number;
  /** After this many accepted realized trainings, every request answers 503 (an outage). */
  readonly outageAfterWrites?: number;
}

export interface FakeTrainingApi {
  readonly routes: FakeLuccaRoutes;
  trainings(): FakeTraining[];
  realized(): FakeRealized[];
  /** Every request to `/talent-training`, in order. */
  readonly requests: Array<{
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
    status: number;
  }>;
  addTraining(training: Omit<FakeTraining, 'id'>): number;
}

const prefix = '/talent-training';

const parse = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const fieldOf = (body: unknown, name: string): unknown =>
  typeof body === 'object' && body !== null ? Reflect.get(body, name) : undefined;

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export const createFakeTrainingApi = (options: FakeTrainingOptions): FakeTrainingApi => {
  let nextId = 1000;
  const trainings: FakeTraining[] = [...(options.trainings ?? [])];
  const realized: FakeRealized[] = (options.realized ?? []).map((item) => ({
    ...item,
    id: (nextId += 1),
  }));
  const requests: FakeTrainingApi['requests'] = [];
  let accepted = 0;

  const paged = (items: ReadonlyArray<unknown>, url: URL) => {
    const limit = Math.min(
      Math.max(1, Number(url.searchParams.get('limit') ?? '25') || 25),
      options.maxLimit ?? 100,
    );
    const page = url.searchParams.get('page');
    const offset =
      page === null
        ? 0
        : page.startsWith('~')
          ? parseInt(page.slice(1), 36)
          : (Math.max(1, Number(page) || 1) - 1) * limit;
    const slice = items.slice(offset, offset + limit);
    const root = (url.searchParams.get('fields.root') ?? '').split(',');
    const more = offset + limit < items.length;
    return {
      items: slice,
      ...(root.includes('count') ? { count: items.length } : {}),
      ...(root.includes('next') ? { next: more ? `~${(offset + limit).toString(36)}` : null } : {}),
      ...(root.includes('prev')
        ? { prev: offset > 0 ? `~${Math.max(0, offset - limit).toString(36)}` : null }
        : {}),
    };
  };

  const refuse = (status: number) => ({ status, body: { error: {} } });

  const postRealized = (body: unknown) => {
    const ownerId = fieldOf(body, 'ownerId');
    const mode = options.trainingField ?? 'either';
    const byId = fieldOf(body, 'trainingId');
    const byObject = fieldOf(fieldOf(body, 'training'), 'id');
    const trainingId =
      mode === 'trainingId' ? byId : mode === 'training' ? byObject : (byId ?? byObject);
    const starts = fieldOf(body, 'sessionStartsOn');
    const ends = fieldOf(body, 'sessionEndsOn');
    const hours = fieldOf(body, 'durationInHours');
    const attended = fieldOf(body, 'hasAttended') ?? true;
    if (
      typeof ownerId !== 'number' ||
      !Number.isInteger(ownerId) ||
      ownerId < 1 ||
      typeof trainingId !== 'number' ||
      !isDate(starts) ||
      !isDate(ends) ||
      typeof hours !== 'number' ||
      Math.abs(Math.round(hours * 100) - hours * 100) > 1e-6 ||
      attended !== true
    )
      return refuse(400);
    const training = trainings.find((item) => item.id === trainingId);
    if (training?.state !== 'Ready') return refuse(400);
    if (!(ends < options.today)) return refuse(400);
    if (
      realized.some(
        (r) => r.ownerId === ownerId && r.trainingId === trainingId && r.sessionEndsOn === ends,
      )
    )
      return refuse(400);
    const item: FakeRealized = {
      id: (nextId += 1),
      ownerId,
      trainingId,
      sessionStartsOn: starts,
      sessionEndsOn: ends,
      durationInHours: hours,
      hasAttended: true,
    };
    realized.push(item);
    accepted += 1;
    return { status: 201, body: item };
  };

  const realizedView = (item: FakeRealized) => {
    const training = trainings.find((t) => t.id === item.trainingId);
    return {
      id: item.id,
      ownerId: item.ownerId,
      training: {
        id: item.trainingId,
        title: training?.title ?? '',
        categoryId: null,
        providerUrl: null,
        level: null,
      },
      trainingDemandId: null,
      sessionId: null,
      sessionStartsOn: item.sessionStartsOn,
      sessionEndsOn: item.sessionEndsOn,
      hasAttended: item.hasAttended,
      durationInHours: item.durationInHours,
    };
  };

  const answer = (method: string, url: URL, body: unknown) => {
    const path = url.pathname.slice(prefix.length);
    if (options.outageAfterWrites !== undefined && accepted >= options.outageAfterWrites)
      return refuse(503);
    if (path === '/api/v1/trainings') {
      if (method === 'GET') return { status: 200, body: paged(trainings, url) };
      if (method === 'POST') {
        const title = fieldOf(body, 'title');
        if (typeof title !== 'string' || title.trim() === '' || title.length > 250)
          return refuse(400);
        const training: FakeTraining = { id: (nextId += 1), title, state: 'Ready' };
        trainings.push(training);
        return {
          status: 201,
          body: { ...training, type: 'External', provider: null, category: null },
        };
      }
      return refuse(405);
    }
    if (path === '/api/v2/realized-trainings') {
      if (method === 'POST') return postRealized(body);
      if (method !== 'GET') return refuse(405);
      const after = url.searchParams.get('sessionEndOnAfter');
      const before = url.searchParams.get('sessionEndOnBefore');
      const owners = url.searchParams
        .getAll('ownerIds')
        .flatMap((v) => v.split(','))
        .map(Number);
      const items = realized.filter(
        (item) =>
          (after === null || item.sessionEndsOn > after) &&
          (before === null || item.sessionEndsOn < before) &&
          (owners.length === 0 || owners.includes(item.ownerId)),
      );
      return { status: 200, body: paged(items.map(realizedView), url) };
    }
    const one = /^\/api\/(?:v1\/trainings|v2\/realized-trainings)\/(\d+)$/.exec(path);
    if (one !== null) {
      if (method !== 'GET') return refuse(405);
      const id = Number(one[1]);
      const found = path.includes('realized')
        ? realized.find((item) => item.id === id)
        : trainings.find((item) => item.id === id);
      if (found === undefined) return refuse(404);
      return { status: 200, body: 'ownerId' in found ? realizedView(found) : found };
    }
    return refuse(404);
  };

  return {
    requests,
    trainings: () => [...trainings],
    realized: () => [...realized],
    addTraining: (training) => {
      const id = (nextId += 1);
      trainings.push({ ...training, id });
      return id;
    },
    routes: ({ method, url, authorization, body }) => {
      if (!url.pathname.startsWith(`${prefix}/`)) return null;
      const parsed = parse(body);
      const record = (status: number) =>
        requests.push({
          method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: parsed,
          status,
        });
      let result: { status: number; body: unknown };
      if (authorization === `lucca application=${options.apiKey}`)
        result = answer(method, url, parsed);
      else if (
        (options.otherKeys ?? []).some((key) => authorization === `lucca application=${key}`)
      )
        result = refuse(403);
      else result = refuse(401);
      record(result.status);
      return result;
    },
  };
};
