import {
  fakeApi360GroupId,
  startFakeApi360,
  type FakeApi360,
} from '@sync360/testkit/api360-server';
import { afterEach, describe, expect, it } from 'vitest';
import { checkApi360, operationLines, planApi360, plannedOperations } from '../src/index.js';
import { account, groupId, row, settingsFor } from './helpers.js';

let fake: FakeApi360 | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('checkApi360 (doctor)', () => {
  it('gets a token, reads a first page, explains the write scope, and writes nothing', async () => {
    fake = await startFakeApi360({
      users: [{ mail: 'a@acme.test' }, { mail: 'b@acme.test' }],
      pageSize: 1,
    });
    const checks = await checkApi360(settingsFor(fake), fakeApi360GroupId);
    expect(checks.map((c) => [c.system, c.name, c.ok])).toEqual([
      ['api360', 'default group', true],
      ['api360', 'token', true],
      ['api360', 'users', true],
      ['api360', 'write scope', true],
    ]);
    expect(checks[2]?.detail).toContain('1 users, more pages follow');
    expect(checks[3]?.detail).toContain('users:write');
    expect(fake.writes()).toEqual([]);
  });

  it('fails the token check on refused credentials and the group check on a bad id', async () => {
    fake = await startFakeApi360();
    const checks = await checkApi360(settingsFor(fake, { clientSecret: 'nope' }), 'not-an-id');
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['default group', false],
      ['token', false],
    ]);
    expect(checks[1]?.fix).toContain('API360_CLIENT_SECRET');
  });
});

describe('operationLines (dry run)', () => {
  const live = account('1', '1', { firstName: 'Old' });
  const plan = planApi360({
    rows: [row('1'), row('2', { managerId: '1' }), row('3', { status: 'Inactive' })],
    users: [live, account('3', '3')],
    baselineRows: null,
    options: { defaultGroupId: groupId, activateUsers: false },
    managers: new Map(),
  });

  it('names who and what changes, with values unless redacted', () => {
    const lines = operationLines(plan, plannedOperations(plan), false);
    expect(lines).toEqual([
      '360Learning operations: 1 create, 0 restore, 1 update, 1 delete, 1 manager changes, 0 rejected',
      `  create         2 mail "person2@acme.test", firstName "First2", lastName "Last2", job "Engineer", lang "fr"; group ${groupId} as learner`,
      '  update         1 firstName "Old" -> "First1"',
      '  delete         3 person3@acme.test',
      '  add-manager    2 manager 1',
    ]);
    const redacted = operationLines(plan, plannedOperations(plan), true).join('\n');
    expect(redacted).not.toMatch(/@|First|Old/);
    expect(redacted).toContain('  update         1 firstName');
  });
});
