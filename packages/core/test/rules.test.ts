import { describe, expect, it } from 'vitest';
import {
  evaluateRules,
  ruleAttributeKeys,
  type EmployeeRecord,
  type GroupRules,
} from '../src/index.js';
import { map } from './mapping-helpers.js';
import { employee } from './records.js';

const g1 = 'aaaaaaaaaaaaaaaaaaaa0001';
const g2 = 'aaaaaaaaaaaaaaaaaaaa0002';
const field = 'bbbbbbbbbbbbbbbbbbbb0001';

const evaluate = (rules: GroupRules, records: EmployeeRecord[]) => {
  const mapped = map(records);
  return evaluateRules(rules, mapped.rows, mapped.employees);
};
const matched = (result: ReturnType<typeof evaluate>, number: string) =>
  result.wishes.find((wish) => wish.uniqueId === number)?.rules;

const dept = (id: string | null, ...texts: string[]) => ({
  department: { kind: 'value' as const, id, texts },
});

describe('evaluateRules (§7c)', () => {
  it('compares text after rule-1 normalisation, case-insensitively; a number is an id, digits match the id too', () => {
    const rules: GroupRules = {
      groups: [
        {
          group: g1,
          role: 'learner',
          line: 2,
          when: [{ key: 'department', values: ['  sales\tteam '] }],
        },
        { group: g1, role: 'coach', line: 5, when: [{ key: 'department', values: [13] }] },
        { group: g2, role: 'learner', line: 8, when: [{ key: 'department', values: ['13'] }] },
      ],
      customFields: [],
    };
    const result = evaluate(rules, [
      employee({ employeeNumber: '1', ruleAttributes: dept('13', 'Sales  Team') }),
      employee({ employeeNumber: '2', ruleAttributes: dept('14', '13') }),
      employee({ employeeNumber: '3', ruleAttributes: dept('99', 'Marketing') }),
    ]);
    expect(matched(result, '1')).toEqual([0, 1, 2]);
    // A number never matches a name; the string "13" matches the name "13" too.
    expect(matched(result, '2')).toEqual([2]);
    expect(matched(result, '3')).toEqual([]);
  });

  it('every key must hold, a list means any; an empty when matches every Active row, never an Inactive one', () => {
    const rules: GroupRules = {
      groups: [
        {
          group: g1,
          role: 'learner',
          line: 2,
          when: [
            { key: 'jobTitle', values: ['Comptable', 'Juriste'] },
            { key: 'legalEntity', values: [1] },
          ],
        },
        { group: g2, role: 'learner', line: 9, when: [] },
      ],
      customFields: [],
    };
    const result = evaluate(rules, [
      employee({ employeeNumber: '1', title: 'juriste' }),
      employee({ employeeNumber: '2', legalEntityId: '2' }),
      employee({ employeeNumber: '3', statusLabel: 'Inactif' }),
    ]);
    expect(matched(result, '1')).toEqual([0, 1]);
    expect(matched(result, '2')).toEqual([1]);
    expect(matched(result, '3')).toBeUndefined();
  });

  it('manager: true means direct reports among the exported rows', () => {
    const rules: GroupRules = {
      groups: [{ group: g1, role: 'coach', line: 2, when: [{ key: 'manager', manager: true }] }],
      customFields: [],
    };
    const boss = employee({ employeeNumber: '1' });
    const result = evaluate(rules, [
      boss,
      employee({ employeeNumber: '2', managerLuccaId: boss.luccaId }),
      employee({ employeeNumber: '3' }),
    ]);
    expect(matched(result, '1')).toEqual([0]);
    expect(matched(result, '2')).toEqual([]);
  });

  it('a field a rule reads that cannot be read leaves that employee alone, with a warning naming the field', () => {
    const rules: GroupRules = {
      groups: [
        { group: g1, role: 'learner', line: 2, when: [{ key: 'e_site', values: ['Lyon'] }] },
      ],
      customFields: [{ field, from: 'department', line: 6 }],
    };
    const result = evaluate(rules, [
      employee({
        employeeNumber: '1',
        ruleAttributes: { e_site: { kind: 'unreadable' }, ...dept('1', 'Sales') },
      }),
      employee({
        employeeNumber: '2',
        ruleAttributes: { e_site: { kind: 'value', id: '7', texts: ['lyon'] } },
      }),
    ]);
    expect(result.untouched).toEqual(['1']);
    expect(result.problems).toEqual([
      expect.objectContaining({ uniqueId: '1', field: 'extendedData.e_site' }),
    ]);
    expect(matched(result, '2')).toEqual([0]);
    // An empty attribute is no value (the managed field's value is removed).
    expect(result.wishes.find((wish) => wish.uniqueId === '2')?.values.get(field)).toBeNull();
  });

  it('custom values: the name (normalised) or the contract start date', () => {
    const rules: GroupRules = {
      groups: [],
      customFields: [
        { field, from: 'department', line: 2 },
        { field: g2, from: 'dtContractStart', line: 4 },
      ],
    };
    const result = evaluate(rules, [
      employee({
        employeeNumber: '1',
        contractStart: '2024-03-01',
        ruleAttributes: dept('3', ' Sales\nEurope '),
      }),
    ]);
    expect(Object.fromEntries(result.wishes[0]?.values ?? [])).toEqual({
      [field]: 'Sales Europe',
      [g2]: '2024-03-01',
    });
    expect(
      ruleAttributeKeys({
        ...rules,
        groups: [
          {
            group: g1,
            role: 'learner',
            line: 1,
            when: [
              { key: 'e_x', values: ['a'] },
              { key: 'manager', manager: false },
            ],
          },
        ],
      }),
    ).toEqual(['department', 'e_x']);
  });
});
