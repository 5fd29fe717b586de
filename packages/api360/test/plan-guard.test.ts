import { describe, expect, it } from 'vitest';
import { guardWithDeletes } from '../src/index.js';
import { account, plan, row } from './helpers.js';

describe('guardWithDeletes', () => {
  const clear = { tripped: false, reasons: [], noBaseline: false, deactivationCap: 5 } as const;
  const leavers = (count: number, active: number) =>
    plan(
      [
        ...Array.from({ length: count }, (_, n) => row(`L${n}`, { status: 'Inactive' })),
        ...Array.from({ length: active }, (_, n) => row(`A${n}`)),
      ],
      [
        ...Array.from({ length: count }, (_, n) => account(`l${n}`, `L${n}`)),
        ...Array.from({ length: active }, (_, n) => account(`a${n}`, `A${n}`)),
      ],
    );

  it('trips on more planned deletes than the cap of the matched live accounts', () => {
    expect(guardWithDeletes(clear, leavers(5, 10), null)).toBe(clear);
    expect(guardWithDeletes(clear, leavers(6, 10), null)).toMatchObject({
      tripped: true,
      reasons: ['too-many-deactivations'],
    });
    expect(guardWithDeletes(clear, leavers(11, 89), null).tripped).toBe(true);
    expect(guardWithDeletes(clear, leavers(10, 90), null).tripped).toBe(false);
    expect(guardWithDeletes(clear, leavers(3, 10), 2).tripped).toBe(true);
  });
});
