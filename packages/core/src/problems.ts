export const problemCodes = {
  'unknown-status': 'error',
  'missing-employee-number': 'error',
  'duplicate-employee-number': 'error',
  'missing-email': 'error',
  'invalid-email': 'error',
  'duplicate-email': 'error',
  'duplicate-email-inactive-dropped': 'warning',
  'missing-name': 'error',
  'unknown-language': 'warning',
  'manager-not-found': 'warning',
  'manager-without-number': 'warning',
  'manager-self': 'warning',
  'manager-not-exported': 'warning',
  'formula-like-value': 'warning',
} as const;

export type ProblemCode = keyof typeof problemCodes;
export type Severity = 'error' | 'warning';

export interface Problem {
  readonly employeeNumber: string | null;
  readonly luccaId: string | null;
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly field: string | null;
  readonly message: string;
}
