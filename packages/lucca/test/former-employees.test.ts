import { defaultPlanOptions, mapEmployees } from '@sync360/core';
import { makeLuccaUsers, startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLuccaRecords } from '../src/index.js';
import { settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noFormer = 'no former employee came back: the API key may lack the right to see them';

describe('fetchLuccaRecords former employees', () => {
  it('counts former employees and lets core find a manager who left', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(100, { formerEvery: 10 }) });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(result.formerEmployees).toBe(9);
    expect(result.warnings).not.toContain(noFormer);
    expect(captured.warnings).toEqual([]);
    // user index 81 (E00082) reports to index 10 (E00011), who left
    const former = result.records.find((record) => record.employeeNumber === 'E00011');
    expect(former?.contractEnd).toBe('2025-12-16');
    const mapped = mapEmployees(result.records, defaultPlanOptions);
    const report = mapped.rows.find((row) => row.uniqueId === 'E00082');
    expect(report?.managerId).toBe('E00011');
  });

  it('warns when no former employee comes back (the key may not see them)', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(50, { formerEvery: 10 }),
      hideFormerEmployees: true,
    });
    const { settings, captured } = settingsFor(server);
    const result = await fetchLuccaRecords(settings, today);
    expect(result.records).toHaveLength(46);
    expect(result.formerEmployees).toBe(0);
    expect(result.warnings).toEqual([noFormer]);
    expect(captured.warnings).toEqual([noFormer]);
  });

  it('asks for former employees explicitly (the fake hides them otherwise)', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(20, { formerEvery: 10 }) });
    await fetchLuccaRecords(settingsFor(server).settings, today);
    expect(server.usersRequests()[0]?.query['formerEmployees']).toBe('true');
  });

  it('a contract ending today is not a former employee yet', async () => {
    const [boss, leaver] = makeLuccaUsers(2, { formerEvery: 0 });
    server = await startFakeLucca({
      users: [boss, { ...leaver, dtContractEnd: `${today}T00:00:00` }],
    });
    const result = await fetchLuccaRecords(settingsFor(server).settings, today);
    expect(result.formerEmployees).toBe(0);
  });
});
