import { describe, expect, it } from 'vitest';
import { plannedOperations } from '../src/index.js';
import { account, plan, row } from './helpers.js';

describe('planApi360: matching by mail', () => {
  it('matches case-insensitively, ignores accounts without mail, never touches others', () => {
    const users = [
      account('1', '1', { mail: 'PERSON1@Acme.Test', firstName: 'Other' }),
      account('2', 'x', { mail: null }),
      account('3', 'only-in-360'),
    ];
    const result = plan([row('1')], users);
    expect(result.operations).toEqual([
      expect.objectContaining({ operation: 'update', userId: users[0]?.id }),
    ]);
    const touched = result.operations.map((op) => ('userId' in op ? op.userId : null));
    expect(touched).not.toContain(users[1]?.id);
    expect(touched).not.toContain(users[2]?.id);
  });

  it('prefers the non-deleted account; two non-deleted ones make the row fail', () => {
    const deleted = account('1', '1', { status: 'deleted' });
    const live = account('2', '1', { firstName: 'Old' });
    expect(plan([row('1')], [deleted, live]).operations).toEqual([
      expect.objectContaining({ operation: 'update', userId: live.id }),
    ]);
    const twice = plan([row('1'), row('2')], [live, account('3', '1', { status: 'invited' })]);
    expect(twice.operations).toHaveLength(1);
    expect(twice.operations[0]).toMatchObject({ operation: 'create', uniqueId: '2' });
    expect(twice.conflicts).toEqual([
      expect.objectContaining({ uniqueId: '1', operation: 'update' }),
    ]);
    expect(twice.warnings).toEqual([
      expect.objectContaining({ uniqueId: '1', code: 'api360-rejected' }),
    ]);
    expect(plannedOperations(twice)).toMatchObject({ create: 1, rejected: 1 });
  });

  it("patches the old account's mail when the employee's email changed", () => {
    const old = account('1', '1');
    const result = plan([row('1', { email: 'new1@acme.test' })], [old], {
      baselineRows: [row('1')],
    });
    expect(result.operations).toEqual([
      {
        operation: 'update',
        uniqueId: '1',
        userId: old.id,
        patch: { mail: 'new1@acme.test' },
        before: { mail: 'person1@acme.test' },
      },
    ]);
  });

  it('does not take an old mail another row now uses, nor restore it', () => {
    const rows = [row('1', { email: 'new1@acme.test' }), row('2', { email: 'person1@acme.test' })];
    const takenOver = plan(rows, [account('1', '1')], { baselineRows: [row('1')] });
    expect(takenOver.operations.map((op) => [op.uniqueId, op.operation])).toEqual([
      ['1', 'create'],
      ['2', 'update'],
    ]);
    const deletedOld = plan([rows[0] ?? row('1')], [account('1', '1', { status: 'deleted' })], {
      baselineRows: [row('1')],
    });
    expect(deletedOld.operations.map((op) => op.operation)).toEqual(['create']);
  });
});
