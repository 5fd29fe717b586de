import { stat } from 'node:fs/promises';
import { api360Defaults, checkApi360, checkApi360Rules, checkHistoryScopes } from '@sync360/api360';
import {
  type DoctorCheck,
  historyWindow,
  isSync360Error,
  messageOf,
  ruleAttributeKeys,
} from '@sync360/core';
import { checkGithub } from '@sync360/github';
import { checkLucca, checkTrainingAccess } from '@sync360/lucca';
import { checkSftp } from '@sync360/sftp';
import { exitCodes, type CliFlags, type Io } from '../cli.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { loadRulesFile, type LoadedRules } from '../config/rules-file.js';
import { api360SettingsOf, configuredDestination } from '../delivery.js';
import { checkSlack } from '../doctor/slack-check.js';
import { loadSource, withoutQuotedData } from '../source.js';
import { notAFolder } from '../state/local-files.js';
import { readBaseline } from '../state/state-store.js';

const exitBySystem: Record<DoctorCheck['system'], number> = {
  config: exitCodes.config,
  local: exitCodes.config,
  lucca: exitCodes.source,
  sftp: exitCodes.delivery,
  api360: exitCodes.delivery,
  slack: exitCodes.internal,
  github: exitCodes.internal,
};

const failed = (system: DoctorCheck['system'], name: string, error: unknown): DoctorCheck => ({
  system,
  name,
  ok: false,
  detail: messageOf(error),
  fix: isSync360Error(error) ? error.hint : null,
});

/** Read-only: doctor changes nothing locally. */
const checkState = async (config: RunnerConfig, redact: boolean): Promise<DoctorCheck> => {
  const { identity } = configuredDestination(config);
  try {
    const found = await stat(config.stateDir).catch(() => null);
    if (found !== null && !found.isDirectory())
      throw notAFolder('SYNC360_STATE_DIR', config.stateDir);
    const baseline = await readBaseline(config.stateDir, identity, redact);
    const detail =
      baseline.otherDestination !== null
        ? `last-delivered.csv belongs to another destination (${baseline.otherDestination}): the next delivery counts as a first one`
        : baseline.rows === null
          ? `no last-delivered.csv in ${config.stateDir} yet (the first delivery is compared with an empty file)`
          : `last-delivered.csv holds ${String(baseline.rows.length)} rows`;
    return { system: 'local', name: 'state', ok: true, detail, fix: null };
  } catch (error) {
    return failed('local', 'state', error);
  }
};

/** `SYNC360_RULES_FILE`: the file reads and checks, and the destination is the API. */
const rulesCheck = async (
  config: RunnerConfig,
): Promise<{ check: DoctorCheck | null; rules: LoadedRules | null }> => {
  if (config.rulesFile === null) return { check: null, rules: null };
  if (config.api360 === null)
    return {
      check: {
        system: 'config',
        name: 'rules file',
        ok: false,
        detail:
          "SYNC360_RULES_FILE is set, but the destination is not 360Learning's API: group rules need it",
        fix: 'deliver through the API (API360_CLIENT_ID, API360_CLIENT_SECRET, API360_DEFAULT_GROUP_ID), or unset SYNC360_RULES_FILE',
      },
      rules: null,
    };
  try {
    const rules = await loadRulesFile(config.rulesFile, config.api360.defaultGroupId);
    return {
      check: {
        system: 'config',
        name: 'rules file',
        ok: true,
        detail: `${config.rulesFile}: ${String(rules.rules.groups.length)} group rules, ${String(rules.rules.customFields.length)} custom fields`,
        fix: null,
      },
      rules,
    };
  } catch (error) {
    return { check: failed('config', 'rules file', error), rules: null };
  }
};

const sourceChecks = async (
  flags: CliFlags,
  config: RunnerConfig,
  redact: boolean,
  ruleKeys: ReadonlyArray<string> | null,
): Promise<DoctorCheck[]> => {
  if (flags.input === null && config.lucca !== null)
    return checkLucca(
      {
        ...config.lucca,
        extraActiveLabels: config.plan.extraActiveLabels,
        extraInactiveLabels: config.plan.extraInactiveLabels,
        redactData: flags.redact || config.inGithubActions,
      },
      config.today,
    );
  try {
    const source = await loadSource(config, flags, config.today, () => undefined, redact, ruleKeys);
    const label =
      source.kind === 'demo'
        ? 'DEMO DATA (bundled sample, not your Lucca; set LUCCA_BASE_URL and LUCCA_API_KEY for yours)'
        : `--input ${flags.input ?? ''}`;
    return [
      {
        system: 'config',
        name: 'source',
        ok: true,
        detail: `${label}: ${String(source.records.length)} users read`,
        fix: null,
      },
    ];
  } catch (error) {
    return [failed('config', 'source', error)];
  }
};

/** One line per check; changes nothing except the SFTP probe file it writes and removes (360Learning is only read). */
export const doctorCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  const redact = flags.redact || config.inGithubActions;
  const rules = await rulesCheck(config);
  const checks: DoctorCheck[] = [
    { system: 'config', name: 'environment', ok: true, detail: 'every variable parsed', fix: null },
    ...(rules.check === null ? [] : [rules.check]),
    await checkState(config, redact),
    ...(await sourceChecks(
      flags,
      config,
      redact,
      rules.rules === null ? null : ruleAttributeKeys(rules.rules.rules),
    )),
  ];
  const { history } = config;
  if (history.trainingApiKey !== null && config.lucca !== null)
    checks.push(
      await checkTrainingAccess({
        baseUrl: config.lucca.baseUrl,
        apiKey: history.trainingApiKey,
        timeoutMs: config.lucca.timeoutMs,
        maxRetries: config.lucca.maxRetries,
        retryBaseDelayMs: config.lucca.retryBaseDelayMs,
        redactData: redact,
      }),
    );
  if (config.api360 !== null) {
    const settings = api360SettingsOf(config.api360);
    const api = await checkApi360(settings, config.api360.defaultGroupId);
    checks.push(...api);
    if (rules.rules !== null && api.every((check) => check.ok))
      checks.push(
        ...(await checkApi360Rules(settings, rules.rules.rules, config.api360.defaultGroupId)),
      );
  } else if (config.sftp !== null) checks.push(...(await checkSftp(config.sftp)));
  else
    checks.push({
      system: 'local',
      name: 'delivery',
      ok: true,
      detail: `local folder ${config.outputDir} (neither SFTP_HOST nor API360_CLIENT_ID is set)`,
      fix: null,
    });
  // `history` reads 360Learning's learning data: one small read per scope it needs.
  if (history.trainingApiKey !== null && history.api360 !== null)
    checks.push(
      ...(await checkHistoryScopes(
        { ...api360Defaults, ...history.api360 },
        historyWindow(config.today, 1, history.timeZone),
      )),
    );
  if (config.slack !== null) checks.push(...(await checkSlack(config.slack)));
  if (config.github !== null) checks.push(...(await checkGithub({ ...config.github })));
  const shown = redact
    ? checks.map((check) => ({ ...check, detail: withoutQuotedData(check.detail) }))
    : checks;
  if (flags.json) io.out(JSON.stringify(shown, null, 2));
  else {
    for (const check of shown) {
      io.out(
        `${check.ok ? 'ok  ' : 'FAIL'}  ${check.system.padEnd(6)} ${check.name}: ${check.detail}${check.fix === null ? '' : ` — fix: ${check.fix}`}`,
      );
    }
  }
  const failure = checks.find((check) => !check.ok);
  return failure === undefined ? exitCodes.ok : exitBySystem[failure.system];
};
