import { fakeApi360GroupId } from '@sync360/testkit/api360-server';
import { startFakeSlack } from '@sync360/testkit/slack-api';
import { describe, expect, it } from 'vitest';
import { runCli, user } from './cli-harness.js';
import { account, cleanups, inactive, mailOf, scene } from './api360-scene.js';

describe('360-api: Slack summary and doctor', () => {
  it('the Slack summary gives created, updated and removed counts and the refusals, with no email', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const s = await scene([user(1), user(2), user(3, {}, inactive)], {
      users: [account(1, { job: 'Stagiaire' }), account(3)],
      invalidMails: [mailOf(2)],
    });
    const result = await s.run([], {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_CHANNEL_ID: 'C0OPS',
      SLACK_API_URL: slack.url,
    });
    expect(result.code, result.stderr).toBe(0);
    const posted = JSON.stringify(slack.callsTo('chat.postMessage').map((call) => call.body));
    expect(posted).toContain('*360Learning:* 0 created, 1 updated, 1 removed, 0 manager changes');
    expect(posted).toContain('1 operation refused by 360Learning');
    expect(posted).not.toContain('@exemple.fr');
  });

  it('doctor checks the token, the first page of users and the group, and explains the write scope', async () => {
    const s = await scene([user(1)], { users: [account(1)] });
    const env = {
      API360_BASE_URL: s.server.url,
      API360_CLIENT_ID: s.server.clientId,
      API360_CLIENT_SECRET: s.server.clientSecret,
      API360_DEFAULT_GROUP_ID: fakeApi360GroupId,
    };
    const ok = await runCli(['doctor', '--input', s.input], { cwd: s.dir, env });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/ok +api360 token/);
    expect(ok.stdout).toMatch(/ok +api360 users: first page read: 1 users/);
    expect(ok.stdout).toContain('users:write');
    const bad = await runCli(['doctor', '--input', s.input], {
      cwd: s.dir,
      env: { ...env, API360_CLIENT_SECRET: 'wrong-secret-0042' },
    });
    expect(bad.code).toBe(5);
    expect(bad.stdout).toMatch(/FAIL +api360 token/);
    expect(bad.stdout).not.toContain('wrong-secret-0042');
    expect(s.server.writes()).toEqual([]);
  });
});
