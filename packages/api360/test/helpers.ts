import type { UserRow } from '@sync360/core';
import type { FakeApi360 } from '@sync360/testkit/api360-server';
import {
  api360Defaults,
  planApi360,
  type Api360PlanInput,
  type Api360Settings,
  type Api360User,
} from '../src/index.js';

export const groupId = '64b7f0c2a1d3e4f5a6b7c8d9';

export const row = (uniqueId: string, overrides: Partial<UserRow> = {}): UserRow => ({
  uniqueId,
  email: `person${uniqueId}@acme.test`,
  firstName: `First${uniqueId}`,
  lastName: `Last${uniqueId}`,
  title: 'Engineer',
  language: 'fr',
  managerId: '',
  status: 'Active',
  ...overrides,
});

/** The 360Learning account that matches `row(uniqueId)` field for field. */
export const account = (
  id: string,
  uniqueId: string,
  overrides: Partial<Api360User> = {},
): Api360User => ({
  id: id.padStart(24, 'a'),
  mail: `person${uniqueId}@acme.test`,
  status: 'active',
  firstName: `First${uniqueId}`,
  lastName: `Last${uniqueId}`,
  job: 'Engineer',
  lang: 'fr',
  ...overrides,
});

/** Plans `rows` against `users` as if they were also the last delivered file. */
export const plan = (
  rows: ReadonlyArray<UserRow>,
  users: ReadonlyArray<Api360User>,
  extra: Partial<Api360PlanInput> = {},
) =>
  planApi360({
    rows,
    users,
    baselineRows: rows,
    options: { defaultGroupId: groupId, activateUsers: false },
    managers: new Map(),
    ...extra,
  });

export const settingsFor = (
  fake: FakeApi360,
  overrides: Partial<Api360Settings> = {},
): Api360Settings => ({
  ...api360Defaults,
  baseUrl: fake.url,
  clientId: fake.clientId,
  clientSecret: fake.clientSecret,
  companyId: null,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 200,
  ...overrides,
});
