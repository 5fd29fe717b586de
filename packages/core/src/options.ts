import { columnKeys } from './user-file.js';

export type UniqueIdStrategy = 'employeeNumber' | 'entity-employeeNumber';
export type CsvDelimiter = ',' | ';';

/** Everything the pure plan needs from configuration, as plain values. */
export interface PlanOptions {
  readonly legalEntities: ReadonlyArray<string> | null;
  readonly uniqueId: UniqueIdStrategy;
  readonly extraActiveLabels: ReadonlyArray<string>;
  readonly extraInactiveLabels: ReadonlyArray<string>;
  readonly delimiter: CsvDelimiter;
  readonly header: ReadonlyArray<string>;
  readonly defaultLanguage: string;
  readonly maxDeactivations: number | null;
  readonly onboardingLeadDays: number;
}

export const defaultPlanOptions: PlanOptions = {
  legalEntities: null,
  uniqueId: 'employeeNumber',
  extraActiveLabels: [],
  extraInactiveLabels: [],
  delimiter: ',',
  header: columnKeys,
  defaultLanguage: 'fr',
  maxDeactivations: null,
  onboardingLeadDays: 7,
};
