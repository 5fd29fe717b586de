import type { EmployeeRecord } from '../employee.js';
import type { UniqueIdStrategy } from '../options.js';
import { normalizeText } from '../text.js';

export const employeeNumberOf = (record: EmployeeRecord): string | null => {
  const number = normalizeText(record.employeeNumber);
  return number === '' ? null : number;
};

/** SPEC §4 rule 3 and `SYNC360_UNIQUE_ID`: the id 360Learning knows a user (and manager) by. */
export const uniqueIdOf = (record: EmployeeRecord, strategy: UniqueIdStrategy): string | null => {
  const number = employeeNumberOf(record);
  if (number === null) return null;
  if (strategy === 'employeeNumber') return number;
  const entity = normalizeText(record.legalEntityId);
  return entity === '' ? number : `${entity}-${number}`;
};
