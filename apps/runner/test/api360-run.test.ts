import { fakeApi360GroupId } from '@sync360/testkit/api360-server';
import { describe, expect, it } from 'vitest';
import { user, writeUsers } from './cli-harness.js';
import {
  account,
  exists,
  inactive,
  live,
  mailOf,
  outsider,
  scene,
  statePath,
  team,
} from './api360-scene.js';

describe('sync360 run to 360-api (API360_CLIENT_ID)', () => {
  it('creates, restores, patches, deletes and sets the manager; leaves 360-only users alone; a second run writes nothing', async () => {
    const s = await scene(team(), { users: live() });
    const before = s.server.userByMail(outsider.mail);
    const first = await s.run([]);
    expect(first.code, first.stderr).toBe(0);

    const one = s.server.userByMail(mailOf(1));
    expect(one?.job).toBe('Comptable');
    expect(s.server.userByMail(mailOf(2))).toMatchObject({ firstName: 'Jeanne', job: 'Comptable' });
    expect(s.server.userByMail(mailOf(2))?.status).not.toBe('deleted');
    const three = s.server.userByMail(mailOf(3));
    expect(three?.status).toBe('invited');
    expect(s.server.managersOf(three?._id ?? '')).toEqual([one?._id]);
    expect(s.server.userByMail(mailOf(4))?.status).toBe('deleted');
    // An empty title is left out (360Learning's text fields need a character).
    expect(s.server.userByMail(mailOf(5))?.job).toBeUndefined();
    expect(s.server.userByMail(outsider.mail)).toEqual(before);
    expect(s.server.writes().some((w) => w.path.includes(before?._id ?? 'none'))).toBe(false);
    expect(s.server.invitations()).toEqual([]);
    const created = s.server
      .writes()
      .filter((w) => w.method === 'POST' && w.path === '/api/v2/users');
    for (const write of created)
      expect(write.body).toMatchObject({
        membership: { groupId: fakeApi360GroupId, role: 'learner' },
      });

    const report = await s.report();
    expect(report.outcome).toBe('delivered');
    expect(report.destination).toEqual({ kind: '360-api', path: s.server.url });
    expect(report.operations).toMatchObject({
      create: 2,
      restore: 1,
      update: 2,
      delete: 1,
      managers: 1,
      rejected: 0,
    });
    expect(report.operations?.items.every((item) => item.status === 'done')).toBe(true);
    expect(report.operations?.items).toContainEqual({
      uniqueId: '1',
      operation: 'update',
      fields: ['job'],
      status: 'done',
      error: null,
    });
    expect(first.stdout).toContain("Outcome: delivered to 360Learning's API");
    expect(await exists(statePath(s.dir))).toBe(true);

    const writes = s.server.writes().length;
    const second = await s.run([]);
    expect(second.code, second.stderr).toBe(0);
    expect(s.server.writes().length).toBe(writes);
    expect((await s.report()).operations).toMatchObject({
      create: 0,
      restore: 0,
      update: 0,
      delete: 0,
      managers: 0,
    });
  });

  it('--dry-run reads 360Learning, prints every operation with its values and writes nothing; --redact names fields only', async () => {
    const s = await scene(team(), { users: live() });
    const result = await s.run(['--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(s.server.writes()).toEqual([]);
    expect(await exists(statePath(s.dir))).toBe(false);
    expect(result.stdout).toContain(
      '360Learning operations: 2 create, 1 restore, 2 update, 1 delete, 1 manager changes, 0 rejected',
    );
    expect(result.stdout).toMatch(/update +1 job "Stagiaire" -> "Comptable"/);
    expect(result.stdout).toMatch(/delete +4 jeanne\.martin4@exemple\.fr/);
    expect(result.stdout).toMatch(/add-manager +3 manager 1/);
    const report = await s.report();
    expect(report.outcome).toBe('dry-run');
    expect(report.destination).toBeNull();
    expect(report.operations?.items.every((item) => item.status === 'planned')).toBe(true);

    const redacted = await s.run(['--dry-run', '--redact']);
    expect(redacted.code, redacted.stderr).toBe(0);
    expect(redacted.stdout).toMatch(/update +1 job$/m);
    expect(redacted.stdout).not.toContain('@');
    expect(redacted.stdout).not.toContain('Stagiaire');
    expect(s.server.writes()).toEqual([]);
  });

  it('one user 360Learning refuses is a warning with a fix-data reminder; the others are delivered and the state saved', async () => {
    const s = await scene([user(1), user(2), user(3)], {
      users: [],
      invalidMails: [mailOf(2)],
    });
    const result = await s.run([]);
    expect(result.code, result.stderr).toBe(0);
    expect(s.server.userByMail(mailOf(1))).toBeDefined();
    expect(s.server.userByMail(mailOf(3))).toBeDefined();
    expect(s.server.userByMail(mailOf(2))).toBeUndefined();
    const report = await s.report();
    expect(report.outcome).toBe('delivered');
    expect(report.operations).toMatchObject({ create: 2, rejected: 1 });
    expect(report.operations?.items).toContainEqual({
      uniqueId: '2',
      operation: 'create',
      fields: ['mail', 'firstName', 'lastName', 'job', 'lang'],
      status: 'rejected',
      error: 'HTTP 400 mailInvalid',
    });
    const problem = report.problems.find((item) => item.code === 'api360-rejected');
    expect(problem).toMatchObject({ employeeNumber: '2', severity: 'warning', field: 'email' });
    expect(problem?.message).not.toContain('@');
    expect(report.counts.warnings).toBe(1);
    expect(report.reminders).toContainEqual(
      expect.objectContaining({ employeeNumber: '2', kind: 'fix-data', name: 'Jeanne Martin2' }),
    );
    expect(await exists(statePath(s.dir))).toBe(true);
  });

  it('the guard counts the planned deletes: over the cap it blocks before any write; --approve of that file releases it', async () => {
    // 60 Active rows not yet in 360Learning and 6 leavers still active there: the file alone
    // passes (cap 6), the 6 deletes do not (cap max(5, 10 % of the 6 live accounts matched)).
    const items = [
      ...Array.from({ length: 60 }, (_, n) => user(n + 1)),
      ...Array.from({ length: 6 }, (_, n) => user(n + 101, {}, inactive)),
    ];
    const s = await scene(items, {
      users: Array.from({ length: 6 }, (_, n) => account(n + 101)),
    });
    const blocked = await s.run([]);
    expect(blocked.code, blocked.stderr).toBe(3);
    expect(s.server.writes()).toEqual([]);
    const report = await s.report();
    expect(report.outcome).toBe('blocked');
    expect(report.guard.reasons).toContain('too-many-deactivations');
    expect(report.operations?.delete).toBe(6);
    expect(await exists(statePath(s.dir))).toBe(false);

    const sha = report.file?.sha256 ?? '';
    const approved = await s.run(['--approve', sha]);
    expect(approved.code, approved.stderr).toBe(0);
    expect(s.server.users().filter((u) => u.status === 'deleted')).toHaveLength(6);
    expect((await s.report()).approvedSha256).toBe(sha);
  }, 90_000);

  it('an email change in Lucca patches the old account instead of creating a second one', async () => {
    const s = await scene([user(1), user(2)], { users: [account(1), account(2)] });
    expect((await s.run([])).code).toBe(0);
    const id = s.server.userByMail(mailOf(1))?._id;
    await writeUsers(s.input, [user(1, { mail: 'jeanne.new@exemple.fr' }), user(2)]);
    const result = await s.run([]);
    expect(result.code, result.stderr).toBe(0);
    expect(s.server.users()).toHaveLength(2);
    expect(s.server.userByMail('jeanne.new@exemple.fr')?._id).toBe(id);
    expect((await s.report()).operations?.items).toEqual([
      { uniqueId: '1', operation: 'update', fields: ['mail'], status: 'done', error: null },
    ]);
  });

  it('a missing users:write scope is exit 5 api360-failed naming the fix, and the state is not saved', async () => {
    const s = await scene([user(1)], { users: [], scopes: ['users:read'] });
    const result = await s.run([]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('users:write');
    const report = await s.report();
    expect(report.outcome).toBe('failed');
    expect(report.failure?.code).toBe('api360-failed');
    expect(report.destination).toBeNull();
    expect(await exists(statePath(s.dir))).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(s.server.clientSecret);
  });

  it('wrong credentials are exit 5 before any write, the secret never printed', async () => {
    const s = await scene([user(1)], { users: [] });
    const result = await s.run([], { API360_CLIENT_SECRET: 'not-the-secret-4471' });
    expect(result.code).toBe(5);
    expect(s.server.writes()).toEqual([]);
    expect((await s.report()).failure?.code).toBe('api360-failed');
    expect(result.stdout + result.stderr).not.toContain('not-the-secret-4471');
  });
});
