import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeApi360GroupId, startFakeApi360 } from '@sync360/testkit/api360-server';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { describe, expect, it } from 'vitest';
import { runCli, user, writeUsers } from './cli-harness.js';
import { cleanups, scene } from './api360-scene.js';

const group = 'aaaaaaaaaaaaaaaaaaaa0001';
const field = 'bbbbbbbbbbbbbbbbbbbb0001';

/** Each mistake, the line it must name, and a word of the message. */
const mistakes: ReadonlyArray<readonly [string, string, number, string]> = [
  ['not YAML', `groups:\n  - group: ${group}\n\twhen: x\n`, 3, 'not valid YAML'],
  ['a duplicate key', `groups:\n  - group: ${group}\n    group: ${group}\n`, 3, 'duplicate key'],
  ['not the shape', `groups:\n  - ${group}\n`, 2, 'each group rule is a map'],
  ['an empty file', ``, 1, 'must be a map'],
  ['an id that is not 24 hex', `groups:\n  - group: ${group}\n  - group: 5f1e2d\n`, 3, '24 hex'],
  [
    'an unknown when key',
    `groups:\n  - group: ${group}\n    when:\n      department: Sales\n      site: Lyon\n`,
    5,
    'unknown when key "site"',
  ],
  [
    'an unknown from',
    `customFields:\n  - field: ${field}\n    from: department\n  - field: ${field.replace('1', '2')}\n    from: salary\n`,
    5,
    'unknown from',
  ],
  [
    'the same (group, role) twice',
    `groups:\n  - group: ${group}\n    role: coach\n  - group: ${group}\n    role: coach\n`,
    4,
    'already managed',
  ],
  [
    'a role other than learner or coach',
    `groups:\n  - group: ${group}\n    role: admin\n`,
    3,
    'learner or coach',
  ],
  [
    'the default group managed',
    `groups:\n  - group: ${fakeApi360GroupId}\n`,
    2,
    'API360_DEFAULT_GROUP_ID',
  ],
  ['an unknown key', `groups: []\ncustomfields: []\n`, 2, 'unknown key "customfields"'],
];

describe('SYNC360_RULES_FILE checks (exit 2, before any network call, naming the line)', () => {
  it.each(mistakes)('%s', async (_name, yaml, line, words) => {
    const s = await scene([user(1)], {});
    const rules = join(s.dir, 'rules.yaml');
    await writeFile(rules, yaml);
    const result = await s.run(['--dry-run'], { SYNC360_RULES_FILE: rules });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`line ${String(line)}: `);
    expect(result.stderr).toContain(words);
    expect(s.server.requests).toEqual([]);
    expect((await s.report()).failure?.code).toBe('rules-invalid');
  });

  it('a rules file with a destination other than the API is exit 2; with --out it is checked, not applied', async () => {
    const temp = await makeTempDir('sync360-rules-');
    cleanups.push(temp.cleanup);
    const input = await writeUsers(join(temp.path, 'users.json'), [user(1)]);
    const rules = join(temp.path, 'rules.yaml');
    await writeFile(rules, `groups:\n  - group: ${group}\n`);
    const local = await runCli(['run', '--input', input], {
      cwd: temp.path,
      env: { SYNC360_RULES_FILE: rules },
    });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('rules-need-api');

    const server = await startFakeApi360();
    cleanups.push(() => server.close());
    const out = await runCli(['run', '--input', input, '--out', join(temp.path, 'out')], {
      cwd: temp.path,
      env: {
        SYNC360_RULES_FILE: rules,
        API360_BASE_URL: server.url,
        API360_CLIENT_ID: server.clientId,
        API360_CLIENT_SECRET: server.clientSecret,
        API360_DEFAULT_GROUP_ID: fakeApi360GroupId,
      },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('checked (1 group rules, 0 custom fields), not applied');
    expect(server.requests).toEqual([]);

    // A broken rules file fails --out runs too, but never `build`, which ignores the rules.
    await writeFile(rules, `groups:\n  - group: nope\n`);
    const broken = await runCli(['run', '--input', input, '--out', join(temp.path, 'out')], {
      cwd: temp.path,
      env: {
        SYNC360_RULES_FILE: rules,
        API360_BASE_URL: server.url,
        API360_CLIENT_ID: server.clientId,
        API360_CLIENT_SECRET: server.clientSecret,
        API360_DEFAULT_GROUP_ID: fakeApi360GroupId,
      },
    });
    expect(broken.code).toBe(2);
    const build = await runCli(['build', '--input', input, '--out', join(temp.path, 'built.csv')], {
      cwd: temp.path,
      env: { SYNC360_RULES_FILE: rules },
    });
    expect(build.code, build.stderr).toBe(0);
  });

  it('a group or custom field missing in 360Learning is exit 2 before any write; a date field fed by text too', async () => {
    const s = await scene([user(1)], {
      groups: {
        groups: [{ _id: group, name: 'Sales', public: false }],
        customFields: [{ _id: field, name: 'Start', targetType: 'users', type: 'date' }],
      },
    });
    const rules = join(s.dir, 'rules.yaml');
    await writeFile(
      rules,
      `groups:\n  - group: ${group}\n  - group: ${group.replace('1', '9')}\ncustomFields:\n  - field: ${field}\n    from: jobTitle\n`,
    );
    const result = await s.run([], { SYNC360_RULES_FILE: rules });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`line 3: group ${group.replace('1', '9')} does not exist`);
    expect(result.stderr).toContain(`line 5: custom field ${field} is a date`);
    expect(s.server.writes()).toEqual([]);
    expect((await s.report()).failure?.code).toBe('rules-do-not-fit');
  });

  it('360Learning refusing the groups read (no groups:read scope) is exit 5, nothing written', async () => {
    const s = await scene([user(1)], {
      scopes: ['users:read', 'users:write'],
      groups: { groups: [{ _id: group, name: 'Sales', public: false }] },
    });
    const rules = join(s.dir, 'rules.yaml');
    await writeFile(rules, `groups:\n  - group: ${group}\n`);
    const result = await s.run([], { SYNC360_RULES_FILE: rules });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain('invalid_scope');
    expect(s.server.requests.some((r) => r.path === '/api/v2/groups' && r.status === 403)).toBe(
      true,
    );
    expect(s.server.writes()).toEqual([]);
  });

  it('custom fields alone need no group scope: a user gets the value, the others they hold survive', async () => {
    const finance = { ...user(1), department: { id: 3, name: 'Finance' } };
    const s = await scene([finance], {
      scopes: ['users:read', 'users:write', 'customFields:read'],
      users: [
        {
          _id: 'c'.repeat(24),
          mail: 'jeanne.martin1@exemple.fr',
          firstName: 'Jeanne',
          lastName: 'Martin1',
          job: 'Comptable',
          lang: 'fr',
          status: 'active',
        },
      ],
      groups: {
        customFields: [
          { _id: field, name: 'Dept', targetType: 'users', type: 'string' },
          { _id: field.replace('1', '2'), name: 'Badge', targetType: 'users', type: 'string' },
        ],
        customValues: {
          ['c'.repeat(24)]: [
            { customFieldId: field.replace('1', '2'), type: 'string', value: 'B-7' },
          ],
        },
      },
    });
    const rules = join(s.dir, 'rules.yaml');
    await writeFile(rules, `customFields:\n  - field: ${field}\n    from: department\n`);
    const result = await s.run([], { SYNC360_RULES_FILE: rules });
    expect(result.code, result.stderr).toBe(0);
    expect(s.server.groups.valuesOf('c'.repeat(24))).toEqual([
      { customFieldId: field.replace('1', '2'), type: 'string', value: 'B-7' },
      { customFieldId: field, type: 'string', value: 'Finance' },
    ]);
    expect(s.server.requests.some((r) => r.path.startsWith('/api/v2/groups'))).toBe(false);
  });
});

describe('sync360 rules (preview, no 360Learning access)', () => {
  const demoRules = `groups:
  - group: ${group}
    when:
      department: Sales
  - group: ${group}
    role: coach
    when:
      department: sales
      manager: true
  - group: aaaaaaaaaaaaaaaaaaaa0002
    when:
      legalEntity: 1
customFields:
  - field: ${field}
    from: department
`;

  it('counts and names who each rule matches on the demo, and who no group rule matches', async () => {
    const temp = await makeTempDir('sync360-rules-');
    cleanups.push(temp.cleanup);
    const rules = join(temp.path, 'rules.yaml');
    await writeFile(rules, demoRules);
    const named = await runCli(['rules', '--names'], {
      cwd: temp.path,
      env: { SYNC360_RULES_FILE: rules, API360_BASE_URL: 'http://127.0.0.1:9' },
    });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('DEMO DATA');
    expect(named.stdout).toContain(`line 2: group ${group} as learner: 8 Active employees`);
    expect(named.stdout).toContain(`line 5: group ${group} as coach: 1 Active employees`);
    expect(named.stdout).toContain('1004 Oliver Bennett');
    expect(named.stdout).toContain('custom field');

    const json = await runCli(['rules', '--json', '--names'], {
      cwd: temp.path,
      env: { SYNC360_RULES_FILE: rules, GITHUB_ACTIONS: 'true' },
    });
    expect(json.code, json.stderr).toBe(0);
    const parsed: unknown = JSON.parse(json.stdout);
    expect(parsed).toMatchObject({
      groups: [{ matches: 8 }, { matches: 1, employees: [{ employeeNumber: '1004' }] }, {}],
      customFields: [{ field, from: 'department' }],
    });
    expect(json.stdout).not.toContain('Oliver');
    expect(parsed).toMatchObject({
      noGroupRule: { count: 1, employees: [{ employeeNumber: '1005' }] },
    });
    expect(named.stdout).toContain('No group rule matches 1 Active employees');
  });
});
