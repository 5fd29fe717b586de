import { buildPlan, ConfigError, evaluateRules, ruleAttributeKeys } from '@sync360/core';
import type { CliFlags, Io } from '../cli.js';
import { exitCodes } from '../cli.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { loadRulesFile } from '../config/rules-file.js';
import { loadSource } from '../source.js';

interface Who {
  readonly employeeNumber: string;
  /** Absent when names may not be printed (GitHub Actions, --redact). */
  readonly name?: string;
}

/**
 * `sync360 rules`: the group rules on Lucca data, without 360Learning. For each rule, how many
 * Active employees it matches (and who, with `--names`); each custom field's filled and empty
 * values; the Active rows no group rule matches; the rows left alone (a field cannot be read).
 */
export const rulesCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  if (config.rulesFile === null)
    throw new ConfigError(
      'rules-not-set',
      'SYNC360_RULES_FILE is not set: there are no group rules to preview.',
      'Set SYNC360_RULES_FILE to the rules file (README, "Group rules and custom fields").',
    );
  const redact = flags.redact || config.inGithubActions;
  const loaded = await loadRulesFile(config.rulesFile, config.api360?.defaultGroupId ?? null);
  const source = await loadSource(
    config,
    flags,
    config.today,
    (line) => io.err(line),
    redact,
    ruleAttributeKeys(loaded.rules),
  );
  const plan = buildPlan({
    records: source.records,
    previousRows: null,
    today: config.today,
    options: config.plan,
  });
  const evaluation = evaluateRules(loaded.rules, plan.rows, plan.employees);
  const names = new Map(
    plan.employees.flatMap((employee) =>
      employee.exported && employee.uniqueId !== null ? [[employee.uniqueId, employee.name]] : [],
    ),
  );
  const who = (uniqueIds: ReadonlyArray<string>): Who[] | undefined =>
    flags.names
      ? uniqueIds.map((employeeNumber) =>
          redact ? { employeeNumber } : { employeeNumber, name: names.get(employeeNumber) ?? '' },
        )
      : undefined;
  const groups = loaded.rules.groups.map((rule, index) => {
    const matched = evaluation.wishes
      .filter((wish) => wish.rules.includes(index))
      .map((wish) => wish.uniqueId);
    return {
      line: rule.line,
      group: rule.group,
      role: rule.role,
      matches: matched.length,
      employees: who(matched),
    };
  });
  const customFields = loaded.rules.customFields.map((rule) => {
    const filled = evaluation.wishes.filter((wish) => wish.values.get(rule.field) != null).length;
    return {
      line: rule.line,
      field: rule.field,
      from: rule.from,
      withValue: filled,
      empty: evaluation.wishes.length - filled,
    };
  });
  const unmatched = evaluation.wishes
    .filter((wish) => wish.rules.length === 0)
    .map((wish) => wish.uniqueId);
  const result = {
    file: loaded.path,
    sha256: loaded.sha256,
    active: evaluation.wishes.length + evaluation.untouched.length,
    groups,
    customFields,
    noGroupRule: { count: unmatched.length, employees: who(unmatched) },
    // Rule 10 for a field a rule reads: these employees' roles and values are left alone.
    unreadable: evaluation.problems.map((problem) => ({
      employeeNumber: problem.uniqueId,
      field: problem.field,
    })),
  };
  if (flags.json) {
    io.out(JSON.stringify(result, null, 2));
    return exitCodes.ok;
  }
  const list = (people: ReadonlyArray<Who> | undefined): string[] =>
    (people ?? []).map((person) =>
      person.name === undefined
        ? `    ${person.employeeNumber}`
        : `    ${person.employeeNumber} ${person.name}`,
    );
  if (source.kind === 'demo') io.out('Source: DEMO DATA (bundled sample, not your Lucca)');
  io.out(
    `Rules: ${loaded.path} (sha256 ${loaded.sha256}); ${String(result.active)} Active employees`,
  );
  for (const group of groups) {
    io.out(
      `  line ${String(group.line)}: group ${group.group} as ${group.role}: ${String(group.matches)} Active employees`,
    );
    for (const line of list(group.employees)) io.out(line);
  }
  for (const field of customFields)
    io.out(
      `  line ${String(field.line)}: custom field ${field.field} from ${field.from}: ${String(field.withValue)} with a value, ${String(field.empty)} empty`,
    );
  io.out(`No group rule matches ${String(unmatched.length)} Active employees`);
  for (const line of list(result.noGroupRule.employees)) io.out(line);
  if (result.unreadable.length > 0) {
    io.out(
      `Left as they are (a field the rules read cannot be read in Lucca): ${String(new Set(result.unreadable.map((item) => item.employeeNumber)).size)} employees`,
    );
    for (const item of result.unreadable) io.out(`    ${item.employeeNumber} ${item.field}`);
  }
  if (flags.names && redact) io.out('(names are not printed under GitHub Actions or --redact)');
  return exitCodes.ok;
};
