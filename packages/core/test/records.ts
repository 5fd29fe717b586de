import type { EmployeeRecord } from '../src/index.js';

let next = 1;

/** A valid, Active employee; override what the test is about. */
export const employee = (overrides: Partial<EmployeeRecord> = {}): EmployeeRecord => {
  const id = next++;
  return {
    luccaId: String(id),
    employeeNumber: String(1000 + id),
    firstName: 'Jeanne',
    lastName: 'Martin',
    email: `jeanne.martin${id}@exemple.fr`,
    title: 'Comptable',
    culture: 1036,
    managerLuccaId: null,
    legalEntityId: '1',
    contractStart: '2020-01-01',
    contractEnd: null,
    statusLabel: 'Actif',
    ...overrides,
  };
};
