/**
 * Raw HR facts about one person, as read from Lucca (API, file or demo). Text is kept as the
 * source gave it; the mapping rules normalise it.
 */
export interface EmployeeRecord {
  luccaId: string | null;
  employeeNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  title: string | null;
  /** LCID (number or numeric string) or a culture name such as `fr-FR`. */
  culture: number | string | null;
  managerLuccaId: string | null;
  legalEntityId: string | null;
  /** Calendar dates, `YYYY-MM-DD`. */
  contractStart: string | null;
  contractEnd: string | null;
  /** The 360 status label as resolved from the custom field, or null when unset. */
  statusLabel: string | null;
  /**
   * Lucca fields this file uses (`jobTitle`, `extendedData.<field>`...) whose value had an
   * unexpected type for this user; the matching field above is null then.
   */
  invalidFields?: string[] | undefined;
  /**
   * Lucca attributes group rules read (§7c), by rule key (`legalEntity`, `department`,
   * `e_<field>`): only when a rules file is set.
   */
  ruleAttributes?: Readonly<Record<string, RuleAttribute>> | undefined;
}

/** A Lucca attribute a rule reads: its id (legal entity, department, list entry) and its texts. */
export type RuleAttribute =
  | { readonly kind: 'value'; readonly id: string | null; readonly texts: ReadonlyArray<string> }
  /** Rule 10 for a field only rules read: that employee's roles and values are left alone. */
  | { readonly kind: 'unreadable' };
