import { describe, expect, it } from 'vitest';
import { account, groupId, plan, row } from './helpers.js';

describe('planApi360: one row against the live account', () => {
  it('creates an Active row without account, joining the default group as learner', () => {
    const result = plan([row('1', { title: '' })], []);
    expect(result.operations).toEqual([
      {
        operation: 'create',
        uniqueId: '1',
        body: {
          mail: 'person1@acme.test',
          firstName: 'First1',
          lastName: 'Last1',
          lang: 'fr',
          membership: { groupId, role: 'learner' },
        },
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('leaves a language 360Learning lacks unset, with a language-not-in-360 warning', () => {
    const result = plan(
      [row('1', { language: 'ar' }), row('2', { language: 'ar' })],
      [account('2', '2', { lang: 'en' })],
    );
    expect(result.operations).toHaveLength(1);
    const [create] = result.operations;
    expect(create?.operation === 'create' ? Object.keys(create.body) : []).not.toContain('lang');
    expect(result.warnings.map((w) => [w.uniqueId, w.code, w.field])).toEqual([
      ['1', 'language-not-in-360', 'language'],
      ['2', 'language-not-in-360', 'language'],
    ]);
  });

  it('patches only the fields that differ, and never clears a job for an empty title', () => {
    const live = account('1', '1', {
      firstName: 'Old',
      job: 'Boss',
      lang: 'en',
      status: 'invited',
    });
    const result = plan([row('1', { title: '' })], [live]);
    expect(result.operations).toEqual([
      {
        operation: 'update',
        uniqueId: '1',
        userId: live.id,
        patch: { firstName: 'First1', lang: 'fr' },
        before: { firstName: 'Old', lang: 'en' },
      },
    ]);
    expect(plan([row('1')], [account('1', '1')]).operations).toEqual([]);
  });

  it('restores a deleted account, then patches what differs from it', () => {
    const gone = account('1', '1', { status: 'deleted', lastName: 'Maiden' });
    const result = plan([row('1')], [gone]);
    expect(result.operations.map((op) => op.operation)).toEqual(['restore', 'update']);
    expect(result.operations[0]).toMatchObject({ userId: gone.id });
    expect(result.operations[1]).toMatchObject({ userId: null, patch: { lastName: 'Last1' } });
    expect(plan([row('1')], [account('1', '1', { status: 'deleted' })]).operations).toHaveLength(1);
  });

  it('deletes Inactive rows with an active or invited account, nothing else', () => {
    const rows = ['1', '2', '3', '4'].map((id) => row(id, { status: 'Inactive' }));
    const users = [
      account('1', '1'),
      account('2', '2', { status: 'invited' }),
      account('3', '3', { status: 'deleted' }),
    ];
    const result = plan(rows, users);
    expect(result.operations).toEqual([
      { operation: 'delete', uniqueId: '1', userId: users[0]?.id, mail: 'person1@acme.test' },
      { operation: 'delete', uniqueId: '2', userId: users[1]?.id, mail: 'person2@acme.test' },
    ]);
    expect(result.deletes).toBe(2);
    expect(result.previouslyActive).toBe(2);
  });

  it('activates created and restored users when asked', () => {
    const result = plan([row('1'), row('2')], [account('2', '2', { status: 'deleted' })], {
      options: { defaultGroupId: groupId, activateUsers: true },
    });
    expect(result.operations.map((op) => [op.uniqueId, op.operation])).toEqual([
      ['1', 'create'],
      ['1', 'activate'],
      ['2', 'restore'],
      ['2', 'activate'],
    ]);
  });
});
