import { planApi360, planRules } from '../packages/api360/src/index.js';
import {
  buildPlan,
  defaultPlanOptions,
  evaluateRules,
  type EmployeeRecord,
  type GroupRules,
} from '@sync360/core';
import { z } from 'zod';
import { median, sendResult, timeMs } from './child.js';
import { benchToday } from './fixtures.js';

export const rulesResultSchema = z.object({
  employees: z.number(),
  rules: z.number(),
  evaluateMs: z.number(),
  planMs: z.number(),
  operations: z.number(),
  rounds: z.number(),
});

const groupId = (n: number): string => String(n).padStart(24, 'a');
const accountId = (n: number): string => String(n).padStart(24, 'c');
const departments = ['Sales', 'Tech', 'Finance', 'HR', 'Support', 'Marketing'];
const sites = ['Lyon', 'Paris', 'Nantes', 'Lille'];

/** 10,000 Active employees with a department, a site and a manager every 10 people. */
const records = (count: number): EmployeeRecord[] =>
  Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const department = departments[n % departments.length] ?? 'Sales';
    return {
      luccaId: String(n),
      employeeNumber: String(n),
      firstName: 'Jeanne',
      lastName: `Martin${String(n)}`,
      email: `jeanne.martin${String(n)}@exemple.fr`,
      title: n % 7 === 0 ? 'Account Executive' : 'Engineer',
      culture: 1036,
      managerLuccaId: n > 10 ? String(Math.ceil(n / 10)) : null,
      legalEntityId: String(1 + (n % 3)),
      contractStart: '2020-01-01',
      contractEnd: null,
      statusLabel: 'Actif',
      ruleAttributes: {
        department: { kind: 'value', id: String(n % departments.length), texts: [department] },
        e_site: { kind: 'value', id: null, texts: [sites[n % sites.length] ?? 'Lyon'] },
      },
    };
  });

const rules: GroupRules = {
  groups: [
    {
      group: groupId(1),
      role: 'learner',
      line: 2,
      when: [{ key: 'department', values: ['Sales'] }],
    },
    {
      group: groupId(1),
      role: 'coach',
      line: 5,
      when: [
        { key: 'department', values: ['sales'] },
        { key: 'manager', manager: true },
      ],
    },
    {
      group: groupId(2),
      role: 'learner',
      line: 9,
      when: [{ key: 'e_site', values: ['Lyon', 'Paris'] }],
    },
    {
      group: groupId(3),
      role: 'learner',
      line: 12,
      when: [
        { key: 'legalEntity', values: [1, 2] },
        { key: 'jobTitle', values: ['Account Executive'] },
      ],
    },
    { group: groupId(4), role: 'learner', line: 15, when: [] },
  ],
  customFields: [],
};

/** Evaluating 5 rules on 10,000 rows, then planning the role operations against live holders. */
const benchRulesPlan = async (count: number, rounds: number) => {
  const plan = buildPlan({
    records: records(count),
    previousRows: null,
    today: benchToday,
    options: defaultPlanOptions,
  });
  const users = plan.rows.map((row, index) => ({
    id: accountId(index + 1),
    mail: row.email,
    status: 'active' as const,
    firstName: row.firstName,
    lastName: row.lastName,
    job: row.title,
    lang: row.language,
  }));
  const base = planApi360({
    rows: plan.rows,
    users,
    baselineRows: plan.rows,
    options: { defaultGroupId: groupId(9), activateUsers: false },
    managers: new Map(),
  });
  // Half of everyone holds every managed role already: adds and removals both happen.
  const holders = new Map(
    [1, 2, 3, 4].map((group) => [
      groupId(group),
      new Map(
        users
          .filter((_, index) => index % 2 === 0)
          .map((user) => [user.id, new Set(['learner', 'coach'])]),
      ),
    ]),
  );
  const live = {
    groups: [1, 2, 3, 4, 9].map((n) => ({ id: groupId(n), public: false, parentId: null })),
    holders,
    fieldTypes: new Map<string, string>(),
    values: new Map(),
  };
  const evaluateTimes: number[] = [];
  const planTimes: number[] = [];
  let operations = 0;
  for (let round = 0; round < rounds; round += 1) {
    let evaluation = evaluateRules(rules, plan.rows, plan.employees);
    evaluateTimes.push(
      await timeMs(() => (evaluation = evaluateRules(rules, plan.rows, plan.employees))),
    );
    planTimes.push(
      await timeMs(
        () => (operations = planRules(base, rules, evaluation, live, null).operations.length),
      ),
    );
  }
  return {
    employees: count,
    rules: rules.groups.length,
    evaluateMs: median(evaluateTimes),
    planMs: median(planTimes),
    operations,
    rounds,
  };
};

if (process.argv[2] === 'run') sendResult(await benchRulesPlan(10_000, 5));
