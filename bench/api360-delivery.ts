import type { UserRow } from '@sync360/core';
import { z } from 'zod';
import {
  api360Defaults,
  applyApi360Plan,
  createApi360Client,
  planFromLive,
} from '../packages/api360/src/index.js';
import { fakeApi360GroupId, startFakeApi360 } from '../packages/testkit/src/api360-server.js';
import { peakRssMb, sendResult } from './child.js';

export const api360ResultSchema = z.object({
  writes: z.number(),
  seconds: z.number(),
  floorSeconds: z.number(),
  ratio: z.number(),
  refused: z.number(),
  readSeconds: z.number(),
  peakRssMb: z.number(),
});

export type Api360BenchResult = z.infer<typeof api360ResultSchema>;

const existing = 1000;
const creates = 1000;
const updates = 600;
const deletes = 400;

const rowOf = (n: number, overrides: Partial<UserRow> = {}): UserRow => ({
  uniqueId: String(n),
  email: `employee${n}@acme.test`,
  firstName: `First${n}`,
  lastName: `Last${n}`,
  title: 'Analyst',
  language: 'fr',
  managerId: '',
  status: 'Active',
  ...overrides,
});

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * An API delivery of 2,000 changes (1,000 creates, 600 patched titles, 400 deletes) to the local
 * 360Learning with its limits on (10 writes, 50 reads a second), production client settings.
 * Floor: writes / 10 per second. Timed from the first read of the users to the last write.
 */
const benchApi360Delivery = async (): Promise<Api360BenchResult> => {
  const baseline = Array.from({ length: existing }, (_, n) => rowOf(n));
  const server = await startFakeApi360({
    users: baseline.map((row) => ({
      mail: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      job: row.title,
      lang: row.language,
    })),
  });
  try {
    const rows = [
      ...baseline.map((row, n) =>
        n < updates
          ? { ...row, title: 'Senior analyst' }
          : n < updates + deletes
            ? { ...row, status: 'Inactive' as const }
            : row,
      ),
      ...Array.from({ length: creates }, (_, n) => rowOf(existing + n)),
    ];
    const client = createApi360Client({
      ...api360Defaults,
      baseUrl: server.url,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      companyId: null,
    });
    const started = performance.now();
    const { plan } = await planFromLive(client, {
      rows,
      baselineRows: baseline,
      options: { defaultGroupId: fakeApi360GroupId, activateUsers: false },
    });
    const readSeconds = (performance.now() - started) / 1000;
    const delivery = await applyApi360Plan(client, plan, { sendInvitations: false });
    const seconds = (performance.now() - started) / 1000;
    const { operations } = delivery;
    if (
      delivery.failure !== null ||
      operations.create !== creates ||
      operations.update !== updates ||
      operations.delete !== deletes ||
      operations.rejected !== 0
    )
      throw new Error(
        `unexpected delivery: ${JSON.stringify({ ...operations, items: undefined })}`,
      );
    const writes = server.writes().length;
    const floorSeconds = writes / api360Defaults.writesPerSecond;
    return {
      writes,
      seconds: round(seconds, 1),
      floorSeconds,
      ratio: round(seconds / floorSeconds, 3),
      refused: server.requests.filter((request) => request.status === 429).length,
      readSeconds: round(readSeconds, 2),
      peakRssMb: peakRssMb(),
    };
  } finally {
    await server.close();
  }
};

if (process.argv[2] === 'run') sendResult(await benchApi360Delivery());
