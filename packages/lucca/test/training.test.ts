import { isSync360Error } from '@sync360/core';
import { createFakeTrainingApi } from '@sync360/testkit/lucca-training';
import { startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createLuccaTrainingClient } from '../src/index.js';

const key = 'training-key-for-tests-0b7d';
const servers: FakeLucca[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const setUp = async (options: Parameters<typeof createFakeTrainingApi>[0]) => {
  const training = createFakeTrainingApi(options);
  const lucca = await startFakeLucca({ extraRoutes: training.routes });
  servers.push(lucca);
  const settings = { baseUrl: lucca.url, apiKey: key, maxRetries: 0, retryBaseDelayMs: 1 };
  return { training, settings };
};

const record = {
  ownerId: 7,
  trainingId: 1,
  sessionStartsOn: '2026-01-02',
  sessionEndsOn: '2026-01-03',
  durationInHours: 1.25,
};

describe('the Lucca Training client', () => {
  it('reads the whole catalogue over its cursor pages, Ready and Archived alike', async () => {
    const { training, settings } = await setUp({
      apiKey: key,
      today: '2026-02-01',
      maxLimit: 2,
      trainings: Array.from({ length: 5 }, (_, index) => ({
        id: index + 1,
        title: `T${String(index)}`,
        state: index === 4 ? 'Archived' : 'Ready',
      })),
    });
    const client = createLuccaTrainingClient(settings);
    expect((await client.listTrainings()).map((t) => [t.id, t.state])).toEqual([
      [1, 'Ready'],
      [2, 'Ready'],
      [3, 'Ready'],
      [4, 'Ready'],
      [5, 'Archived'],
    ]);
    expect(training.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('reads realized trainings from the day before the window (the bound may be exclusive)', async () => {
    const { training, settings } = await setUp({
      apiKey: key,
      today: '2026-02-01',
      trainings: [{ id: 1, title: 'T', state: 'Ready' }],
      realized: [
        { ...record, hasAttended: true },
        { ...record, sessionEndsOn: '2025-12-01', hasAttended: true },
      ],
    });
    const realized = await createLuccaTrainingClient(settings).listRealized('2026-01-03');
    expect(realized).toEqual([{ ownerId: 7, trainingId: 1, sessionEndsOn: '2026-01-03' }]);
    expect(training.requests[0]?.query['sessionEndOnAfter']).toBe('2026-01-02');
  });

  it('returns a refused record as its status, and keeps the form Lucca accepted', async () => {
    const { training, settings } = await setUp({
      apiKey: key,
      today: '2026-02-01',
      trainingField: 'training',
      trainings: [
        { id: 1, title: 'T', state: 'Ready' },
        { id: 2, title: 'Old', state: 'Archived' },
      ],
    });
    const client = createLuccaTrainingClient(settings);
    expect(await client.recordRealized(record)).toEqual({ ok: true, value: null });
    expect(client.trainingField()).toBe('training');
    // A duplicate (same owner, training, end date) and an Archived training are refused.
    expect(await client.recordRealized(record)).toEqual({ ok: false, status: 400 });
    expect(await client.recordRealized({ ...record, trainingId: 2 })).toEqual({
      ok: false,
      status: 400,
    });
    const forms = training.requests
      .filter((r) => r.method === 'POST')
      .map((r) => JSON.stringify(r.body));
    expect(forms[0]).toContain('"trainingId":1');
    for (const form of forms.slice(2)) expect(form).not.toContain('"trainingId"');
  });

  it('stops on a refused key (lucca-training-auth) and on an outage', async () => {
    const { settings } = await setUp({ apiKey: 'another-key-entirely', today: '2026-02-01' });
    const refused = await createLuccaTrainingClient(settings)
      .listTrainings()
      .catch((error: unknown) => error);
    expect(isSync360Error(refused) && refused.code).toBe('lucca-training-auth');
    const down = await setUp({ apiKey: key, today: '2026-02-01', outageAfterWrites: 0 });
    const outage = await createLuccaTrainingClient(down.settings)
      .recordRealized(record)
      .catch((error: unknown) => error);
    expect(isSync360Error(outage) && outage.kind).toBe('source');
  });
});
