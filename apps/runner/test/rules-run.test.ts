import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { user } from './cli-harness.js';
import { account, inactive, mailOf, outsider, scene } from './api360-scene.js';

const sales = 'aaaaaaaaaaaaaaaaaaaa0001';
const salesPublic = 'aaaaaaaaaaaaaaaaaaaa0002';
const salesPrivate = 'aaaaaaaaaaaaaaaaaaaa0003';
const salesPublicBelowPrivate = 'aaaaaaaaaaaaaaaaaaaa0004';
const managers = 'aaaaaaaaaaaaaaaaaaaa0005';
const lyon = 'aaaaaaaaaaaaaaaaaaaa0006';
const unmanaged = 'aaaaaaaaaaaaaaaaaaaa0007';
const departmentField = 'bbbbbbbbbbbbbbbbbbbb0001';
const startField = 'bbbbbbbbbbbbbbbbbbbb0002';
const otherField = 'bbbbbbbbbbbbbbbbbbbb0003';

const rulesYaml = `groups:
  - group: ${sales}
    when:
      department: sales
  - group: ${managers}
    role: coach
    when:
      manager: true
  - group: ${lyon}
    when:
      e_site: [Lyon, 77]
customFields:
  - field: ${departmentField}
    from: department
  - field: ${startField}
    from: dtContractStart
`;

const department = (name: string, id: number) => ({ department: { id, name, url: 'x' } });
const site = (value: unknown) => ({ id: 5, value });

/** Employees 1..5 and their 360Learning accounts (ids are fixed so roles can be seeded). */
const idOf = (n: number): string => String(n).padStart(24, 'c');
const outsiderId = 'dddddddddddddddddddd0001';

const items = (overrides: Record<number, Record<string, unknown>> = {}) => [
  // 1: Sales, manager of 2, in Lyon: gains Sales learner, Managers coach and Lyon learner.
  { ...user(1), ...department(' SALES ', 10), ...overrides[1] },
  // 2: moved to Tech, Lyon as list entry 77: leaves Sales (and its public subgroup), joins Lyon.
  {
    ...user(2, { manager: { id: 1 } }),
    ...department('Tech', 11),
    extendedData: {
      e_360_status: { id: 9002, value: { id: 1, name: 'Actif' } },
      e_site: site(77),
    },
    ...overrides[2],
  },
  // 3: a site value that cannot be read: roles and values left as they are.
  {
    ...user(3),
    ...department('Tech', 11),
    extendedData: {
      e_360_status: { id: 9003, value: { id: 1, name: 'Actif' } },
      e_site: site({ unexpected: true }),
    },
  },
  // 4: Inactive: deleted, never given or stripped of a role.
  { ...user(4, {}, inactive), ...department('Tech', 11) },
];

const liveUsers = () => [
  { _id: idOf(1), ...account(1) },
  { _id: idOf(2), ...account(2) },
  { _id: idOf(3), ...account(3) },
  { _id: idOf(4), ...account(4) },
  { _id: outsiderId, ...outsider, status: 'active' as const },
];

const groups = () => ({
  groups: [
    {
      _id: sales,
      name: 'Sales',
      public: false,
      roles: {
        [idOf(2)]: ['learner'],
        [idOf(3)]: ['learner'],
        [idOf(4)]: ['learner'],
        [outsiderId]: ['learner'],
      },
    },
    {
      _id: salesPublic,
      name: 'Sales public',
      public: true,
      parentId: sales,
      roles: { [idOf(2)]: ['learner'] },
    },
    { _id: salesPrivate, name: 'Sales private', public: false, parentId: salesPublic },
    { _id: salesPublicBelowPrivate, name: 'Deep', public: true, parentId: salesPrivate },
    { _id: managers, name: 'Managers', public: false, roles: { [idOf(2)]: ['coach', 'learner'] } },
    { _id: lyon, name: 'Lyon', public: false },
    { _id: unmanaged, name: 'Other', public: false, roles: { [idOf(2)]: ['learner'] } },
  ],
  customFields: [
    {
      _id: departmentField,
      name: 'Department',
      targetType: 'users' as const,
      type: 'string' as const,
    },
    { _id: startField, name: 'Start', targetType: 'users' as const, type: 'date' as const },
    { _id: otherField, name: 'Badge', targetType: 'users' as const, type: 'string' as const },
  ],
  customValues: {
    [idOf(1)]: [
      { customFieldId: departmentField, type: 'string' as const, value: 'Old' },
      { customFieldId: otherField, type: 'string' as const, value: 'kept by hand' },
    ],
    [idOf(2)]: [
      { customFieldId: departmentField, type: 'string' as const, value: 'Tech' },
      { customFieldId: startField, type: 'date' as const, value: '2020-01-01' },
    ],
  },
});

const sceneWithRules = async (yaml = rulesYaml) => {
  const s = await scene(items(), { users: liveUsers(), groups: groups() });
  const rulesPath = join(s.dir, 'rules.yaml');
  await writeFile(rulesPath, yaml);
  // The site list's entries: entry 77 is labelled through the definitions, as statuses are.
  const definitions = join(s.dir, 'definitions.json');
  await writeFile(
    definitions,
    JSON.stringify({
      data: {
        items: [
          {
            id: 14,
            name: 'Site',
            code: 'site',
            extensionUserPropertyListEntries: [{ id: 77, name: 'Villeurbanne' }],
          },
        ],
      },
    }),
  );
  return {
    ...s,
    rulesPath,
    env: { SYNC360_RULES_FILE: rulesPath },
    run: (args: ReadonlyArray<string>, env: Record<string, string>) =>
      s.run(['--definitions', definitions, ...args], env),
  };
};

describe('sync360 run with SYNC360_RULES_FILE (group rules and custom fields)', () => {
  it('adds and removes managed roles, sets managed custom values, leaves everything else alone; a second run writes nothing', async () => {
    const s = await sceneWithRules();
    const first = await s.run([], s.env);
    expect(first.code, first.stderr).toBe(0);
    const g = s.server.groups;
    // 1 matches Sales (normalised, case-insensitive), is a manager, and is in Lyon by list entry.
    expect(g.holds(sales, idOf(1), 'learner')).toBe(true);
    expect(g.holds(managers, idOf(1), 'coach')).toBe(true);
    expect(g.holds(lyon, idOf(1), 'learner')).toBe(false);
    // 2 no longer matches Sales: removed there and, by 360Learning's cascade, in its public subgroup.
    expect(g.holds(sales, idOf(2), 'learner')).toBe(false);
    expect(g.holds(salesPublic, idOf(2), 'learner')).toBe(false);
    expect(g.holds(lyon, idOf(2), 'learner')).toBe(true);
    // Not a manager any more: coach removed; the learner role in the same group is not managed.
    expect(g.holds(managers, idOf(2), 'coach')).toBe(false);
    expect(g.holds(managers, idOf(2), 'learner')).toBe(true);
    expect(g.holds(unmanaged, idOf(2), 'learner')).toBe(true);
    // 3's site cannot be read: left as it is. 4 is Inactive, the outsider is not in the file.
    expect(g.holds(sales, idOf(3), 'learner')).toBe(true);
    expect(g.holds(sales, idOf(4), 'learner')).toBe(true);
    expect(g.holds(sales, outsiderId, 'learner')).toBe(true);
    expect(s.server.writes().some((w) => w.path.includes(outsiderId))).toBe(false);
    expect(s.server.writes().some((w) => w.path.includes(idOf(3)))).toBe(false);

    // Managed values changed, the unmanaged one survives the replace.
    expect(g.valuesOf(idOf(1))).toEqual(
      expect.arrayContaining([
        { customFieldId: otherField, type: 'string', value: 'kept by hand' },
        { customFieldId: departmentField, type: 'string', value: 'SALES' },
        { customFieldId: startField, type: 'date', value: '2020-01-01' },
      ]),
    );
    expect(g.valuesOf(idOf(1))).toHaveLength(3);
    expect(g.valuesOf(idOf(2))).toHaveLength(2);

    const report = await s.report();
    expect(report.rules).toMatchObject({ file: s.rulesPath, groups: 3, customFields: 2 });
    const csv = await readFile(join(s.dir, '.sync360', 'last-delivered.csv'));
    const rules = await readFile(s.rulesPath);
    expect(report.approvalSha256).toBe(
      createHash('sha256').update(csv).update(rules).digest('hex'),
    );
    expect(report.operations).toMatchObject({ addRole: 3, removeRole: 2, setCustomFields: 1 });
    expect(report.operations?.items).toContainEqual(
      expect.objectContaining({
        uniqueId: '2',
        operation: 'remove-role',
        groupId: sales,
        role: 'learner',
        alsoLeaves: [salesPublic],
        status: 'done',
      }),
    );
    expect(report.operations?.items).toContainEqual(
      expect.objectContaining({
        uniqueId: '1',
        operation: 'set-custom-fields',
        customFieldIds: [departmentField, startField],
      }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        employeeNumber: '3',
        code: 'invalid-lucca-value',
        severity: 'warning',
        field: 'extendedData.e_site',
      }),
    );

    const writes = s.server.writes().length;
    const second = await s.run([], s.env);
    expect(second.code, second.stderr).toBe(0);
    expect(s.server.writes()).toHaveLength(writes);
    expect((await s.report()).operations).toMatchObject({
      addRole: 0,
      removeRole: 0,
      setCustomFields: 0,
    });
  });

  it('a dry run reads only and prints the role and custom-field operations', async () => {
    const s = await sceneWithRules();
    const result = await s.run(['--dry-run'], s.env);
    expect(result.code, result.stderr).toBe(0);
    expect(s.server.writes()).toEqual([]);
    expect(result.stdout + result.stderr).toContain(`remove-role`);
    expect(result.stdout + result.stderr).toContain(`also leaves ${salesPublic}`);
    expect(result.stdout + result.stderr).toContain('set-custom-fields');
    const rolesReads = s.server.requests.filter((r) => r.path.endsWith('/roles'));
    expect(rolesReads.map((r) => r.path).sort()).toEqual(
      [sales, managers, lyon].map((id) => `/api/v2/groups/${id}/roles`).sort(),
    );
  });

  it('blocks a removal storm before any write and lets --approve of the file-and-rules sha release it', async () => {
    // Ten Tech employees hold Sales learner: ten removals against a cap of max(5, 10% of 10).
    const ids = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    const s = await scene(
      ids.map((id) => ({ ...user(id), ...department('Tech', 11) })),
      {
        users: ids.map((id) => ({ _id: idOf(id), ...account(id) })),
        groups: {
          groups: [
            {
              _id: sales,
              name: 'Sales',
              public: false,
              roles: Object.fromEntries(ids.map((id) => [idOf(id), ['learner']])),
            },
          ],
        },
      },
    );
    const rulesPath = join(s.dir, 'rules.yaml');
    await writeFile(
      rulesPath,
      `groups:\n  - group: ${sales}\n    when:\n      department: Sales\n`,
    );
    const env = { SYNC360_RULES_FILE: rulesPath };
    const blocked = await s.run([], env);
    expect(blocked.code, blocked.stderr).toBe(3);
    expect(s.server.writes()).toEqual([]);
    const report = await s.report();
    expect(report.outcome).toBe('blocked');
    expect(report.guard.reasons).toContain('too-many-role-removals');
    expect(report.operations?.removeRole).toBe(10);
    const approval = report.approvalSha256 ?? '';
    expect(approval).not.toBe(report.file?.sha256);

    // The file's own sha does not cover the rules: refused, still nothing written.
    const fileOnly = await s.run(['--approve', report.file?.sha256 ?? ''], env);
    expect(fileOnly.code).toBe(3);
    expect(s.server.writes()).toEqual([]);

    const approved = await s.run(['--approve', approval], env);
    expect(approved.code, approved.stderr).toBe(0);
    expect(s.server.groups.rolesOf(sales)).toEqual([]);
    expect((await s.report()).approvedSha256).toBe(approval);
    expect(s.server.userByMail(mailOf(11))?.status).toBe('active');
  });

  it('SYNC360_MAX_ROLE_REMOVALS=0 blocks any removal before any write', async () => {
    const s = await sceneWithRules();
    const result = await s.run([], { ...s.env, SYNC360_MAX_ROLE_REMOVALS: '0' });
    expect(result.code).toBe(3);
    expect(s.server.writes()).toEqual([]);
    expect((await s.report()).guard.reasons).toEqual(['too-many-role-removals', 'no-baseline']);
  });
});
