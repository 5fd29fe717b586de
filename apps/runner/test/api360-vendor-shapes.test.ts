import { describe, expect, it } from 'vitest';
import { live, mailOf, scene, statePath, exists, team } from './api360-scene.js';

// SPEC §7b "What 360Learning really sends": the real CLI against the fake answering as
// 360Learning's guides and examples show (expires_in "3600", every documented optional field on
// every user, the first listed user without status).

describe('sync360 run to 360-api when 360Learning answers in its documented shapes', () => {
  it('delivers; the user without status is its warning and nothing is written for it', async () => {
    const s = await scene(team(), { users: live(), documentedShapes: true });
    // The fake lists users in seeding order: account 1 (title "Stagiaire") comes without status.
    const first = s.server.userByMail(mailOf(1));
    const result = await s.run([]);
    expect(result.code, result.stderr).toBe(0);

    const report = await s.report();
    expect(report.outcome).toBe('delivered');
    expect(report.failure).toBeNull();
    const unreadable = report.problems.filter((item) => item.code === 'api360-unreadable-user');
    expect(unreadable).toEqual([
      expect.objectContaining({ employeeNumber: '1', severity: 'warning', field: 'email' }),
    ]);
    expect(unreadable[0]?.message).not.toContain('@');
    expect(report.operations?.items.filter((item) => item.uniqueId === '1')).toEqual([]);
    expect(s.server.userByMail(mailOf(1))).toEqual(first);
    expect(s.server.writes().some((write) => write.path.includes(first?._id ?? 'none'))).toBe(
      false,
    );

    // Everyone else is delivered as usual.
    expect(s.server.userByMail(mailOf(2))?.status).not.toBe('deleted');
    expect(s.server.userByMail(mailOf(3))?.status).toBe('invited');
    expect(s.server.userByMail(mailOf(4))?.status).toBe('deleted');
    expect(s.server.userByMail(mailOf(5))?.status).toBe('invited');
    expect(report.operations).toMatchObject({ create: 2, restore: 1, delete: 1, rejected: 0 });
    expect(result.stdout).toContain('api360-unreadable-user');
    expect(await exists(statePath(s.dir))).toBe(true);
  });
});
