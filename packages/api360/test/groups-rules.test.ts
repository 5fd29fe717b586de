import type { GroupRules, RulesEvaluation } from '@sync360/core';
import { startFakeApi360, type FakeApi360 } from '@sync360/testkit/api360-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi360Client, planRules, rulesFitProblems } from '../src/index.js';
import { account, plan, row, settingsFor } from './helpers.js';

const servers: FakeApi360[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const root = 'aaaaaaaaaaaaaaaaaaaa0001';
const pub = 'aaaaaaaaaaaaaaaaaaaa0002';
const pubChild = 'aaaaaaaaaaaaaaaaaaaa0003';
const priv = 'aaaaaaaaaaaaaaaaaaaa0004';
const belowPrivate = 'aaaaaaaaaaaaaaaaaaaa0005';
const field = 'bbbbbbbbbbbbbbbbbbbb0001';
const other = 'bbbbbbbbbbbbbbbbbbbb0002';
const userId = (n: number): string => String(n).padStart(24, 'e');

describe('360Learning client: group roles and custom fields', () => {
  it('reads roles page by page through the Link header, with the vendor enum names', async () => {
    const roles = Object.fromEntries(
      Array.from({ length: 1001 }, (_, n) => [
        userId(n),
        n === 0 ? ['userAdmin', 'learner'] : ['learner'],
      ]),
    );
    const server = await startFakeApi360({
      groups: { groups: [{ _id: root, name: 'Root', public: false, roles }] },
    });
    servers.push(server);
    const client = createApi360Client(settingsFor(server));
    const result = await client.listGroupRoles(root);
    expect(result.ok && result.value.length).toBe(1002);
    expect(result.ok && result.value.filter((item) => item.role === 'userAdmin')).toEqual([
      { userId: userId(0), role: 'userAdmin' },
    ]);
    expect(server.requests.filter((r) => r.path.endsWith('/roles'))).toHaveLength(2);
    // A group that does not exist is that read's rejection, with 360Learning's code.
    expect(await client.listGroupRoles(pub)).toEqual({
      ok: false,
      status: 404,
      code: 'groupNotFound',
    });
  });

  it('adds and removes roles (the learner cascade to public subgroups), and refuses what the vendor refuses', async () => {
    const u = userId(1);
    const server = await startFakeApi360({
      users: [{ _id: u, mail: 'u@acme.test' }],
      groups: {
        groups: [
          { _id: root, name: 'Root', public: false, roles: { [u]: ['learner'] } },
          { _id: pub, name: 'Pub', public: true, parentId: root, roles: { [u]: ['learner'] } },
          { _id: priv, name: 'Priv', public: false, parentId: pub, roles: { [u]: ['learner'] } },
        ],
      },
    });
    servers.push(server);
    const client = createApi360Client(settingsFor(server));
    expect(await client.addRole(root, 'coach', u)).toEqual({ ok: true, value: null });
    expect(await client.removeRole(root, 'learner', u)).toEqual({ ok: true, value: null });
    expect(server.groups.holds(pub, u, 'learner')).toBe(false);
    expect(server.groups.holds(priv, u, 'learner')).toBe(true);
    expect(server.groups.holds(root, u, 'coach')).toBe(true);
    expect(await client.removeRole(root, 'learner', u)).toEqual({
      ok: false,
      status: 404,
      code: 'userNotFoundInGroup',
    });
    expect(await client.addRole(root, 'learner', userId(9))).toEqual({
      ok: false,
      status: 404,
      code: 'userNotFound',
    });
  });

  it('lists users custom fields only, reads and replaces a user values; a wrong type is a rejection', async () => {
    const u = userId(1);
    const server = await startFakeApi360({
      users: [{ _id: u, mail: 'u@acme.test' }],
      groups: {
        customFields: [
          { _id: field, name: 'Dept', targetType: 'users', type: 'string' },
          { _id: other, name: 'Start', targetType: 'users', type: 'date' },
          { _id: root, name: 'Course tag', targetType: 'contents', type: 'string' },
        ],
        customValues: { [u]: [{ customFieldId: field, type: 'string', value: 'Old' }] },
      },
    });
    servers.push(server);
    const client = createApi360Client(settingsFor(server));
    expect((await client.listUserCustomFields()).map((item) => item.id)).toEqual([field, other]);
    expect(server.requests.at(-1)?.query).toEqual({ 'targetType[eq]': 'users' });
    expect(await client.readCustomValues(u)).toEqual({
      ok: true,
      value: [{ customFieldId: field, type: 'string', value: 'Old' }],
    });
    const values = [
      { customFieldId: field, type: 'string', value: 'New' },
      { customFieldId: other, type: 'date', value: '2024-01-02' },
    ];
    expect(await client.replaceCustomValues(u, values)).toEqual({ ok: true, value: null });
    expect(server.groups.valuesOf(u)).toEqual(values);
    expect(
      await client.replaceCustomValues(u, [{ customFieldId: other, type: 'string', value: 'x' }]),
    ).toEqual({ ok: false, status: 400, code: 'wrongTypeValue' });
  });
});

describe('planRules', () => {
  const groups = [
    { id: root, public: false, parentId: null },
    { id: pub, public: true, parentId: root },
    { id: pubChild, public: true, parentId: pub },
    { id: priv, public: false, parentId: pub },
    { id: belowPrivate, public: true, parentId: priv },
  ];
  const rules: GroupRules = {
    groups: [{ group: root, role: 'learner', line: 2, when: [] }],
    customFields: [{ field, from: 'department', line: 5 }],
  };
  const rows = Array.from({ length: 12 }, (_, n) => row(String(n + 1)));
  const users = rows.map((item, n) => account(String(n + 1), item.uniqueId));
  const base = plan(rows, users);
  const holders = new Map([[root, new Map(users.map((user) => [user.id, new Set(['learner'])]))]]);
  const noWish: RulesEvaluation = {
    wishes: rows.map((item) => ({
      uniqueId: item.uniqueId,
      rules: [],
      values: new Map([[field, null]]),
    })),
    untouched: [],
    problems: [],
  };
  const live = {
    groups,
    holders,
    fieldTypes: new Map([[field, 'string']]),
    values: new Map([
      [
        users[0]?.id ?? '',
        [
          { customFieldId: field, type: 'string', value: 'Sales' },
          { customFieldId: other, type: 'string', value: 'hand' },
        ],
      ],
    ]),
  };

  it('lists the public subgroups a learner removal also leaves, down to the first private one, each counting toward the cap', () => {
    const planned = planRules(base, rules, noWish, live, null);
    const removal = planned.operations.find((operation) => operation.operation === 'remove-role');
    expect(removal).toMatchObject({
      groupId: root,
      role: 'learner',
      alsoLeaves: [pub, pubChild].sort(),
    });
    // 12 removals x 3 groups each, plus one value cleared; cap = max(5, 10% of 12 roles held).
    expect(planned.rules).toEqual({ removals: 37, cap: 5 });
    const cleared = planned.operations.find(
      (operation) => operation.operation === 'set-custom-fields',
    );
    expect(cleared).toMatchObject({
      uniqueId: '1',
      customFieldIds: [field],
      values: [{ customFieldId: other, type: 'string', value: 'hand' }],
      cleared: 1,
    });
    expect(planRules(base, rules, noWish, live, 40).rules).toEqual({ removals: 37, cap: 40 });
  });

  it('never replaces the values of an account whose values could not all be read', () => {
    const want: RulesEvaluation = {
      ...noWish,
      wishes: noWish.wishes.map((wish) => ({ ...wish, values: new Map([[field, 'Tech']]) })),
    };
    const planned = planRules(base, rules, want, { ...live, values: new Map() }, null);
    expect(planned.operations.filter((item) => item.operation === 'set-custom-fields')).toEqual([]);
    const read = planRules(base, rules, want, live, null);
    expect(read.operations.filter((item) => item.operation === 'set-custom-fields')).toHaveLength(
      1,
    );
  });

  it('a default group that is a public subgroup of a managed learner group does not fit', () => {
    expect(rulesFitProblems(rules, groups, [{ id: field, type: 'string' }], pubChild)).toEqual([
      expect.stringContaining('line 2: API360_DEFAULT_GROUP_ID'),
    ]);
    expect(rulesFitProblems(rules, groups, [{ id: field, type: 'string' }], belowPrivate)).toEqual(
      [],
    );
    expect(rulesFitProblems(rules, groups, [], belowPrivate)).toEqual([
      expect.stringContaining('line 5: custom field'),
    ]);
  });
});
