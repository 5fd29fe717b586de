export type ReminderKind = 'onboarding' | 'offboarding' | 'fix-data';

export interface Reminder {
  readonly luccaId: string | null;
  readonly employeeNumber: string | null;
  readonly name: string;
  readonly kind: ReminderKind;
  readonly dueSince: string;
  readonly daysOverdue: number;
  readonly action: string;
}
