/** Every problem code a mapping rule can raise, with its severity (error = row not exported). */
export const problemCodes = {
  'unknown-status': 'error',
  'missing-employee-number': 'error',
  'duplicate-employee-number': 'error',
  'missing-email': 'error',
  'invalid-email': 'error',
  'duplicate-email': 'error',
  'duplicate-email-inactive-dropped': 'warning',
  'missing-name': 'error',
  'invalid-lucca-value': 'error',
  'unknown-language': 'warning',
  'manager-not-found': 'warning',
  'manager-without-number': 'warning',
  'manager-self': 'warning',
  'manager-not-exported': 'warning',
  'formula-like-value': 'warning',
  // Delivery-stage warnings of the 360Learning API (§7b): raised while planning or applying.
  'manager-not-in-360': 'warning',
  'language-not-in-360': 'warning',
  'api360-rejected': 'warning',
  'api360-unreadable-user': 'warning',
} as const;

export type ProblemCode = keyof typeof problemCodes;

export interface Problem {
  readonly employeeNumber: string | null;
  readonly luccaId: string | null;
  readonly code: ProblemCode;
  readonly severity: 'error' | 'warning';
  readonly field: string | null;
  readonly message: string;
}

/** Who a problem is about. */
export interface Subject {
  readonly employeeNumber: string | null;
  readonly luccaId: string | null;
}

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

/** How a rule reports a problem about the employee it is checking. */
export type Raise = (code: ProblemCode, field: string, message: string) => void;
