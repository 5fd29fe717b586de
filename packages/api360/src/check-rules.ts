import { doctorCheckFor, isSync360Error, type DoctorCheck, type GroupRules } from '@sync360/core';
import { createApi360Client } from './client.js';
import { rulesFitProblems } from './plan-rules.js';
import type { Api360Settings } from './settings.js';

const check = doctorCheckFor('api360');

/**
 * `doctor` with a rules file: the groups and custom fields exist and fit (a configuration
 * problem, exit 2), read with the run's own calls; the scopes writing needs are explained.
 */
export const checkApi360Rules = async (
  settings: Api360Settings,
  rules: GroupRules,
  defaultGroupId: string,
): Promise<DoctorCheck[]> => {
  const client = createApi360Client(settings);
  let read;
  try {
    const groups = rules.groups.length === 0 ? [] : await client.listGroups();
    const customFields = rules.customFields.length === 0 ? [] : await client.listUserCustomFields();
    read = { groups, customFields };
  } catch (error) {
    if (!isSync360Error(error)) throw error;
    return [check('groups and custom fields', false, error.message, error.hint)];
  }
  const problems = rulesFitProblems(rules, read.groups, read.customFields, defaultGroupId);
  return [
    check(
      'groups and custom fields',
      true,
      `${String(read.groups.length)} groups read${rules.customFields.length === 0 ? '' : `, ${String(read.customFields.length)} users custom fields`}`,
    ),
    problems.length === 0
      ? doctorCheckFor('config')(
          'rules fit',
          true,
          `the ${String(rules.groups.length)} group rules and ${String(rules.customFields.length)} custom fields name groups and fields of this company`,
        )
      : doctorCheckFor('config')(
          'rules fit',
          false,
          `SYNC360_RULES_FILE: ${problems.join('; ')}`,
          'correct the rules file (ids are in the URLs of 360Learning)',
        ),
    check(
      'group scopes',
      true,
      'not tested (it would take a write): the API client needs groups:read and customFields:read (read here), groups:write to add and remove roles, and users:read and users:write for custom-field values; without one the run stops with api360-failed (HTTP 403 invalid_scope)',
    ),
  ];
};
