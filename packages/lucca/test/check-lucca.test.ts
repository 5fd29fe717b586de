import type { DoctorCheck } from '@sync360/core';
import {
  makeLuccaDefinitions,
  makeLuccaUsers,
  startFakeLucca,
  type FakeLucca,
} from '@sync360/testkit/lucca-server';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLucca } from '../src/index.js';
import { settingsFor, today } from './helpers.js';

let server: FakeLucca | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const summary = (checks: ReadonlyArray<DoctorCheck>): string[] =>
  checks.map((check) => `${check.name}: ${check.ok ? 'ok' : 'FAIL'}`);

describe('checkLucca (doctor)', () => {
  it('passes on a healthy tenant and counts employees', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(30, { formerEvery: 10 }) });
    const checks = await checkLucca(settingsFor(server).settings, today);
    expect(summary(checks)).toEqual([
      'reachable: ok',
      'API key: ok',
      'status field: ok',
      'employees: ok',
      'former employees: ok',
    ]);
    expect(checks.every((check) => check.system === 'lucca')).toBe(true);
    expect(checks.find((check) => check.name === 'status field')?.detail).toBe(
      '"e_360_status" found with entries Actif, Inactif',
    );
    expect(checks.find((check) => check.name === 'employees')?.detail).toBe(
      '30 users read, 2 of them former employees',
    );
  });

  it('fails "reachable" when Lucca cannot be reached', async () => {
    const closed = await startFakeLucca();
    await closed.close();
    const checks = await checkLucca(settingsFor(closed, { maxRetries: 0 }).settings, today);
    expect(summary(checks)).toEqual(['reachable: FAIL']);
    expect(checks[0]?.fix).toContain('LUCCA_BASE_URL');
  });

  it('fails "API key" with the fix when the key is refused', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3) });
    const checks = await checkLucca(
      settingsFor(server, { apiKey: 'revoked-key-1' }).settings,
      today,
    );
    expect(summary(checks)).toEqual(['reachable: ok', 'API key: FAIL']);
    expect(checks[1]?.fix).toContain('key revoked or missing rights');
  });

  it('fails "status field" listing the fields that exist', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3) });
    const checks = await checkLucca(
      settingsFor(server, { statusField: 'e_access' }).settings,
      today,
    );
    expect(summary(checks)).toEqual(['reachable: ok', 'API key: ok', 'status field: FAIL']);
    expect(checks[2]?.detail).toContain('e_access');
    expect(checks[2]?.fix).toContain('e_360_status');
  });

  it('fails "status field" when its entries lack Active or Inactive', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(3),
      definitions: makeLuccaDefinitions({ activeLabel: 'Oui', inactiveLabel: 'Non' }),
    });
    const checks = await checkLucca(settingsFor(server).settings, today);
    const status = checks.find((check) => check.name === 'status field');
    expect(status?.ok).toBe(false);
    expect(status?.detail).toContain('Oui, Non');
    expect(status?.fix).toContain('SYNC360_ACTIVE_LABELS');
  });

  it('accepts extra labels such as Aktiv / Inaktiv', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(3),
      definitions: makeLuccaDefinitions({ activeLabel: 'Aktiv', inactiveLabel: 'Inaktiv' }),
    });
    const checks = await checkLucca(
      settingsFor(server, { extraActiveLabels: ['aktiv'], extraInactiveLabels: ['Inaktiv'] })
        .settings,
      today,
    );
    expect(checks.find((check) => check.name === 'status field')?.ok).toBe(true);
  });

  it('passes "status field" found on users when definitions are not readable', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(3, { statusStyle: 'label' }),
      definitionsStatus: 403,
    });
    const checks = await checkLucca(settingsFor(server).settings, today);
    expect(summary(checks)).toEqual([
      'reachable: ok',
      'API key: ok',
      'status field: ok',
      'employees: ok',
      'former employees: ok',
    ]);
    expect(checks[2]?.detail).toContain('definitions not readable');
  });

  it('adds a warning line when no former employee is visible', async () => {
    server = await startFakeLucca({
      users: makeLuccaUsers(30, { formerEvery: 10 }),
      hideFormerEmployees: true,
    });
    const checks = await checkLucca(settingsFor(server).settings, today);
    const former = checks.find((check) => check.name === 'former employees');
    expect(former?.detail).toBe(
      'warning: no former employee came back: the API key may lack the right to see them',
    );
  });

  it('fails "employees" when no user comes back', async () => {
    server = await startFakeLucca({ users: [] });
    const checks = await checkLucca(settingsFor(server).settings, today);
    expect(checks.find((check) => check.name === 'employees')?.ok).toBe(false);
  });

  it('reports server errors on the users check after retries', async () => {
    server = await startFakeLucca({ users: makeLuccaUsers(3), faults: ['500', '500', '500'] });
    const checks = await checkLucca(settingsFor(server, { maxRetries: 2 }).settings, today);
    expect(summary(checks)).toEqual(['reachable: ok', 'API key: ok', 'users: FAIL']);
  });
});
