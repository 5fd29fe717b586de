import { createHostLimiter } from '@sync360/http';
import { makeLuccaUsers, startFakeLucca } from '@sync360/testkit/lucca-server';
import { describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { settingsFor, today } from './helpers.js';

describe('the Lucca rate limit', () => {
  it('slows a real fetch down to the injected limit', async () => {
    const server = await startFakeLucca({ users: makeLuccaUsers(50) });
    try {
      const limiter = createHostLimiter(2, 200);
      // A generous timeout: a retry on a busy machine would add a request.
      const { settings } = settingsFor(server, { pageSize: 10, limiter, timeoutMs: 60_000 });
      const result = await fetchLuccaRecords(settings, today);
      expect(result.records).toHaveLength(50);
      // 1 definitions + 6 pages = 7 requests, 2 per 200 ms
      expect(server.requests).toHaveLength(7);
      // On the server's clock, any 3 requests span at least a window: it never counts more than
      // 2 in one, whatever the latency.
      const arrivals = server.requests.map((request) => request.at).sort((a, b) => a - b);
      for (const [index, at] of arrivals.slice(2).entries())
        expect(at - (arrivals[index] ?? Number.NaN)).toBeGreaterThanOrEqual(200);
    } finally {
      await server.close();
    }
  });
});
