import { ConfigError, type EmployeeRecord, type PlanOptions } from '@sync360/core';
import { parseUsersPayload, readDefinitions } from '@sync360/lucca';
import { readJsonFile } from './read-json-file.js';

/** `--input FILE [--definitions FILE]`: the same JSON the API returns, mapped the same way. */
export const readLuccaFiles = async (
  input: string,
  definitionsPath: string | null,
  statusField: string,
  labels: Pick<PlanOptions, 'extraActiveLabels' | 'extraInactiveLabels'>,
  label = `--input ${input}`,
): Promise<EmployeeRecord[]> => {
  const users = await readJsonFile(input, '--input');
  let definitions = null;
  if (definitionsPath !== null) {
    const parsed = readDefinitions(
      await readJsonFile(definitionsPath, '--definitions'),
      statusField,
      labels,
    );
    if (!parsed.ok) {
      throw new ConfigError(
        'definitions-invalid',
        `--definitions ${definitionsPath}: ${parsed.reason}.`,
        'Give --definitions a response body of GET /api/v3/extensionuserdefinitions.',
      );
    }
    definitions = parsed.definitions;
  }
  const result = parseUsersPayload(users, { statusField, definitions }, 'users');
  if (result.ok) return result.records;
  const { issue } = result;
  switch (issue.kind) {
    case 'needs-definitions':
      throw new ConfigError(
        'definitions-needed',
        `${label}: ${issue.message}.`,
        'Add --definitions FILE (a response body of GET /api/v3/extensionuserdefinitions) so entry ids become Active/Inactive labels.',
      );
    case 'status-field-missing':
      throw new ConfigError(
        'status-field-missing',
        `${label}: ${issue.message}.`,
        'Set LUCCA_STATUS_FIELD to the key of the 360 status field (see the list above), or create the Active/Inactive list field in Lucca.',
      );
    case 'shape':
      throw new ConfigError(
        'input-invalid',
        `${label}: ${issue.message}.`,
        'Fix the file: it must be a Lucca users response body {"data":{"items":[...]}} or an array of users (see README, "Input files").',
      );
  }
};
