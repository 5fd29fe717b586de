import { defaultPlanOptions, mapEmployees, type PlanOptions } from '../src/index.js';

export const map = (
  records: Parameters<typeof mapEmployees>[0],
  options: Partial<PlanOptions> = {},
) => mapEmployees(records, { ...defaultPlanOptions, ...options });
export const codes = (result: ReturnType<typeof map>, number: string | null) =>
  result.problems
    .filter((problem) => problem.employeeNumber === number)
    .map((problem) => problem.code);
