import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeApi360GroupId, startFakeApi360 } from '@sync360/testkit/api360-server';
import { makeLuccaDefinitions, startFakeLucca } from '@sync360/testkit/lucca-server';
import { startFakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { describe, expect, it } from 'vitest';
import { runCli, user } from './cli-harness.js';
import { account, cleanups } from './api360-scene.js';

const lyon = 'aaaaaaaaaaaaaaaaaaaa0006';
const sales = 'aaaaaaaaaaaaaaaaaaaa0001';
const departmentField = 'bbbbbbbbbbbbbbbbbbbb0001';
const idOf = (n: number): string => String(n).padStart(24, 'c');

const rules = `groups:
  - group: ${lyon}
    when:
      e_site: lyon
  - group: ${sales}
    when:
      department: 10
customFields:
  - field: ${departmentField}
    from: department
`;

const setUp = async () => {
  const temp = await makeTempDir('sync360-rules-lucca-');
  cleanups.push(temp.cleanup);
  const lucca = await startFakeLucca({
    users: [
      {
        ...user(1),
        department: { id: 10, name: 'Sales', url: 'https://example.test/api/v3/departments/10' },
        extendedData: {
          e_360_status: { id: 9001, value: { id: 1, name: 'Actif' } },
          // A list value as Lucca documents it: the entry id, labelled through the definitions.
          e_site: { id: 7, value: 501 },
        },
      },
      { ...user(2), department: { id: 11, name: 'Tech' } },
    ],
    definitions: [
      ...makeLuccaDefinitions(),
      {
        id: 14,
        name: 'Site',
        code: 'site',
        extensionUserPropertyListEntries: [
          { id: 501, name: 'Lyon', translation: { fr: 'Lyon', en: 'Lyon' } },
          { id: 502, name: 'Paris' },
        ],
      },
    ],
  });
  cleanups.push(() => lucca.close());
  const api = await startFakeApi360({
    users: [
      { _id: idOf(1), ...account(1) },
      { _id: idOf(2), ...account(2) },
    ],
    groups: {
      groups: [
        { _id: lyon, name: 'Lyon', public: false, roles: { [idOf(2)]: ['learner'] } },
        { _id: sales, name: 'Sales', public: false },
      ],
      customFields: [{ _id: departmentField, name: 'Dept', targetType: 'users', type: 'string' }],
    },
  });
  cleanups.push(() => api.close());
  const rulesPath = join(temp.path, 'rules.yaml');
  await writeFile(rulesPath, rules);
  const env = {
    LUCCA_BASE_URL: lucca.url,
    LUCCA_API_KEY: lucca.apiKey,
    API360_BASE_URL: api.url,
    API360_CLIENT_ID: api.clientId,
    API360_CLIENT_SECRET: api.clientSecret,
    API360_DEFAULT_GROUP_ID: fakeApi360GroupId,
    SYNC360_RULES_FILE: rulesPath,
  };
  return { temp, lucca, api, env, rulesPath };
};

describe('group rules on the Lucca API source', () => {
  it('reads department in the same users request, resolves list labels as for statuses, and posts the counts to Slack', async () => {
    const { temp, lucca, api, env } = await setUp();
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const result = await runCli(['run'], {
      cwd: temp.path,
      env: {
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_CHANNEL_ID: 'C0OPS',
        SLACK_API_URL: slack.url,
      },
    });
    expect(result.code, result.stderr).toBe(0);
    const fields = lucca.usersRequests()[0]?.query['fields']?.split(',') ?? [];
    expect(fields).toEqual(expect.arrayContaining(['department', 'extendedData', 'legalEntity']));
    expect(api.groups.holds(lyon, idOf(1), 'learner')).toBe(true);
    expect(api.groups.holds(lyon, idOf(2), 'learner')).toBe(false);
    expect(api.groups.holds(sales, idOf(1), 'learner')).toBe(true);
    expect(api.groups.valuesOf(idOf(2))).toEqual([
      { customFieldId: departmentField, type: 'string', value: 'Tech' },
    ]);
    const posted = JSON.stringify(slack.callsTo('chat.postMessage').map((call) => call.body));
    expect(posted).toContain('2 roles added, 1 removed, 2 custom-field updates');
    expect(posted).not.toContain('@exemple.fr');
  });

  it('without a rules file, department is not requested', async () => {
    const { temp, lucca, env } = await setUp();
    const result = await runCli(['run', '--dry-run'], {
      cwd: temp.path,
      env: { ...env, SYNC360_RULES_FILE: '' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(lucca.usersRequests()[0]?.query['fields']?.split(',')).not.toContain('department');
  });

  it('doctor checks the groups and custom fields and explains the scopes; a missing group is exit 2', async () => {
    const { temp, api, env, rulesPath } = await setUp();
    const ok = await runCli(['doctor'], { cwd: temp.path, env });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/ok +config rules file: .*2 group rules, 1 custom fields/);
    expect(ok.stdout).toMatch(/ok +config rules fit/);
    expect(ok.stdout).toContain('groups:write');
    expect(ok.stdout).toContain('customFields:read');
    await writeFile(rulesPath, rules.replace(sales, 'aaaaaaaaaaaaaaaaaaaa0009'));
    const missing = await runCli(['doctor'], { cwd: temp.path, env });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toMatch(
      /FAIL +config rules fit: .*line 5: group aaaaaaaaaaaaaaaaaaaa0009 does not exist/,
    );
    expect(api.writes()).toEqual([]);
  });
});
