import {
  doctorCheckFor,
  isSync360Error,
  type CatalogueTraining,
  type DoctorCheck,
  type RealizedTraining,
} from '@sync360/core';
import { z } from 'zod';
import { createLuccaContext, type LuccaContext, type LuccaSettings } from './context.js';
import { callLucca } from './request.js';

/** The Training module's API (legacy API key): `/talent-training` on the tenant. */
export type TrainingSettings = Omit<LuccaSettings, 'statusField' | 'pageSize' | 'maxEmployees'>;

/** `trainingId` (the document's example) or `training: {id}` (its schema): whichever Lucca took. */
export type TrainingField = 'trainingId' | 'training';

export interface RealizedTrainingBody {
  readonly ownerId: number;
  readonly trainingId: number;
  readonly sessionStartsOn: string;
  readonly sessionEndsOn: string;
  readonly durationInHours: number;
}

/** A write Lucca refused (a 4xx other than 401, 403 and 429): that record's, not the run's. */
export type TrainingWrite<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number };

export interface LuccaTrainingClient {
  /** The whole catalogue (it has no state filter): every page. */
  listTrainings(): Promise<CatalogueTraining[]>;
  /** Realized trainings whose end date is on or after `from` (one day earlier is asked). */
  listRealized(from: string): Promise<RealizedTraining[]>;
  /** `POST /api/v1/trainings`, title only: Ready, not shown in the public catalogue. */
  createTraining(title: string): Promise<TrainingWrite<number>>;
  recordRealized(body: RealizedTrainingBody): Promise<TrainingWrite<null>>;
  /** The form of the training reference Lucca accepted, once one was. */
  trainingField(): TrainingField | null;
}

const pageSize = 100;
/** The catalogue and a month of records are small; more pages than this is a paging loop. */
const maxPages = 10_000;

const pageSchema = z.object({
  items: z.array(z.unknown()),
  next: z.union([z.string(), z.number()]).nullish(),
});

const trainingSchema = z.object({ id: z.number(), title: z.string(), state: z.string() });

const realizedSchema = z.object({
  ownerId: z.number(),
  training: z.object({ id: z.number() }).nullish(),
  trainingId: z.number().nullish(),
  sessionEndsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
});

const createdSchema = z.object({ id: z.number() });

const dayBefore = (date: string): string => {
  const at = Date.parse(`${date}T00:00:00.000Z`) - 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
};

/** 401/403 said for the Training key (the users key's hint would mislead); others unchanged. */
const forTrainingKey = (context: LuccaContext, what: string, error: unknown): unknown => {
  if (!isSync360Error(error)) return error;
  const status = error.details['status'];
  if (status === 401 || status === 403)
    return context.sourceError(
      'lucca-training-auth',
      `Lucca refused the Training API key: ${what}: HTTP ${String(status)}`,
      'give the key in LUCCA_TRAINING_API_KEY a role with rights on the Training module (read the catalogue and realized trainings, create realized trainings, and create trainings when SYNC360_HISTORY_CREATE_TRAININGS is true)',
      { status },
    );
  return error;
};

/** A 4xx other than 401, 403 and 429 is the write's refusal; anything else stops the run. */
const refusedStatus = (context: LuccaContext, what: string, error: unknown): number => {
  const explained = forTrainingKey(context, what, error);
  const status = isSync360Error(explained) ? explained.details['status'] : undefined;
  if (
    explained === error &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    status !== 429
  )
    return status;
  throw explained;
};

export const createLuccaTrainingClient = (
  settings: TrainingSettings,
  remembered: TrainingField | null = null,
): LuccaTrainingClient => {
  const base = createLuccaContext({ ...settings, statusField: '' });
  const context: LuccaContext = {
    ...base,
    apiRoot: `${settings.baseUrl.replace(/\/+$/, '')}/talent-training`,
  };
  let field = remembered;

  /** Follows the `next` cursor (`fields.root=next`) until Lucca gives none. */
  const readPages = async (path: string, query: Record<string, string>): Promise<unknown[]> => {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 1; page <= maxPages; page += 1) {
      const params = new URLSearchParams({
        ...query,
        limit: String(pageSize),
        'fields.root': 'next',
      });
      if (cursor !== null) params.set('page', cursor);
      const what = `GET /talent-training${path} page ${String(page)}`;
      const body = await callLucca(context, {
        path: () => `${path}?${params.toString()}`,
        what: () => what,
      }).catch((error: unknown) => {
        throw forTrainingKey(context, what, error);
      });
      const parsed = pageSchema.safeParse(body);
      if (!parsed.success)
        throw context.sourceError(
          'lucca-bad-response',
          `Lucca's Training API: ${what}: the answer does not have the documented shape {items, next}`,
          'check LUCCA_BASE_URL points at the tenant itself; report the message if it persists',
        );
      items.push(...parsed.data.items);
      const next = parsed.data.next;
      if (next === null || next === undefined || next === '' || parsed.data.items.length === 0)
        return items;
      cursor = String(next);
      if (seen.has(cursor))
        throw context.sourceError(
          'lucca-bad-response',
          `Lucca's Training API: ${what}: the next page repeats an earlier one`,
          'run again later; report it to Lucca if it persists',
        );
      seen.add(cursor);
    }
    throw context.sourceError(
      'lucca-too-many',
      `Lucca's Training API: ${path}: more than ${String(maxPages)} pages`,
      'report it: the list never ended',
    );
  };

  const post = async <T>(
    path: string,
    what: string,
    body: unknown,
    parse: (answer: unknown) => T,
  ): Promise<TrainingWrite<T>> => {
    try {
      const answer = await callLucca(context, {
        method: 'POST',
        path: () => path,
        what: () => what,
        body,
      });
      return { ok: true, value: parse(answer) };
    } catch (error) {
      return { ok: false, status: refusedStatus(context, what, error) };
    }
  };

  return {
    listTrainings: async () =>
      (await readPages('/api/v1/trainings', {})).flatMap((item) => {
        const parsed = trainingSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    listRealized: async (from) =>
      (
        await readPages('/api/v2/realized-trainings', { sessionEndOnAfter: dayBefore(from) })
      ).flatMap((item) => {
        const parsed = realizedSchema.safeParse(item);
        const trainingId = parsed.data?.training?.id ?? parsed.data?.trainingId;
        if (!parsed.success || trainingId === undefined || trainingId === null) return [];
        return [
          {
            ownerId: parsed.data.ownerId,
            trainingId,
            sessionEndsOn: parsed.data.sessionEndsOn.slice(0, 10),
          },
        ];
      }),
    createTraining: (title) =>
      post('/api/v1/trainings', 'POST /talent-training/api/v1/trainings', { title }, (answer) => {
        const parsed = createdSchema.safeParse(answer);
        if (parsed.success) return parsed.data.id;
        throw context.sourceError(
          'lucca-bad-response',
          "Lucca's Training API created a training but its answer has no id",
          'check in Lucca that the training exists; the next run finds it by its title',
        );
      }),
    recordRealized: async ({ trainingId, ...rest }) => {
      const what = 'POST /talent-training/api/v2/realized-trainings';
      const send = (form: TrainingField) =>
        post(
          '/api/v2/realized-trainings',
          what,
          form === 'trainingId'
            ? { ...rest, trainingId, hasAttended: true }
            : { ...rest, training: { id: trainingId }, hasAttended: true },
          () => null,
        );
      if (field !== null) return send(field);
      const first = await send('trainingId');
      if (first.ok) field = 'trainingId';
      // Lucca's error bodies are not documented: any 400 before a form held may be about the
      // training reference, so the same record is tried once with the schema's form.
      if (first.ok || first.status !== 400) return first;
      const second = await send('training');
      if (second.ok) field = 'training';
      return second;
    },
    trainingField: () => field,
  };
};

const check = doctorCheckFor('lucca');

/** `doctor`: the Training key reads the catalogue (first page). */
export const checkTrainingAccess = async (settings: TrainingSettings): Promise<DoctorCheck> => {
  const context = createLuccaContext({ ...settings, statusField: '' });
  try {
    const body = await callLucca(
      { ...context, apiRoot: `${settings.baseUrl.replace(/\/+$/, '')}/talent-training` },
      {
        path: () => `/api/v1/trainings?limit=1&fields.root=count`,
        what: () => 'GET /talent-training/api/v1/trainings',
      },
    );
    const parsed = pageSchema.safeParse(body);
    return parsed.success
      ? check('training catalogue', true, 'the Training API key reads the training catalogue')
      : check(
          'training catalogue',
          false,
          "Lucca's Training API answered without the documented {items} shape",
          'check LUCCA_BASE_URL points at the tenant itself',
        );
  } catch (error) {
    if (!isSync360Error(error)) throw error;
    const status = error.details['status'];
    return check(
      'training catalogue',
      false,
      status === 401 || status === 403
        ? `Lucca refused the Training API key (HTTP ${String(status)})`
        : context.redact(error.message),
      status === 401 || status === 403
        ? 'give the key in LUCCA_TRAINING_API_KEY a role with rights on the Training module'
        : context.redact(error.hint),
    );
  }
};
