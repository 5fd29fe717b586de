import { problemCodes, type Problem, type ProblemCode } from '../problems.js';

export interface Subject {
  readonly employeeNumber: string | null;
  readonly luccaId: string | null;
}

/** Shared by rules that found nothing, so a clean employee costs no array allocation. */
export const noProblems: ReadonlyArray<Problem> = [];

export const problem = (
  subject: Subject,
  code: ProblemCode,
  field: string | null,
  message: string,
): Problem => ({
  employeeNumber: subject.employeeNumber,
  luccaId: subject.luccaId,
  code,
  severity: problemCodes[code],
  field,
  message,
});
