import { isSync360Error, type DoctorCheck } from '@sync360/core';
import { checkGithub } from '@sync360/github';
import { checkLucca } from '@sync360/lucca';
import { checkSftp } from '@sync360/sftp';
import type { CliFlags } from '../cli/args.js';
import { exitCodes } from '../cli/exit-codes.js';
import { todayIn } from '../clock.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { checkState } from '../doctor/local-checks.js';
import { checkSlack } from '../doctor/slack-check.js';
import type { Io } from '../io.js';
import { loadSource } from '../source/load-source.js';

const exitBySystem: Record<DoctorCheck['system'], number> = {
  config: exitCodes.config,
  local: exitCodes.config,
  lucca: exitCodes.source,
  sftp: exitCodes.delivery,
  api360: exitCodes.delivery,
  slack: exitCodes.internal,
  github: exitCodes.internal,
};

const sourceChecks = async (
  flags: CliFlags,
  config: RunnerConfig,
  today: string,
): Promise<DoctorCheck[]> => {
  if (flags.input === null && config.lucca !== null)
    return checkLucca(
      {
        ...config.lucca,
        extraActiveLabels: config.plan.extraActiveLabels,
        extraInactiveLabels: config.plan.extraInactiveLabels,
        redactData: flags.redact || config.inGithubActions,
      },
      today,
    );
  try {
    const source = await loadSource(config, flags, today, () => undefined);
    const label =
      source.kind === 'demo'
        ? 'demo data (no Lucca configured: set LUCCA_BASE_URL and LUCCA_API_KEY)'
        : `--input ${flags.input ?? ''}`;
    return [
      {
        system: 'config',
        name: 'source',
        ok: true,
        detail: `${label}: ${source.records.length} users read`,
        fix: null,
      },
    ];
  } catch (error) {
    return [
      {
        system: 'config',
        name: 'source',
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
        fix: isSync360Error(error) ? error.hint : null,
      },
    ];
  }
};

/** One line per check; changes nothing except the SFTP probe file it writes and removes. */
export const doctorCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  const today = config.todayOverride ?? todayIn(config.timeZone);
  const checks: DoctorCheck[] = [
    { system: 'config', name: 'environment', ok: true, detail: 'every variable parsed', fix: null },
    await checkState(config.stateDir),
    ...(await sourceChecks(flags, config, today)),
  ];
  if (config.sftp !== null) checks.push(...(await checkSftp(config.sftp)));
  else
    checks.push({
      system: 'sftp',
      name: 'delivery',
      ok: true,
      detail: `SFTP_HOST not set: files go to ${config.outputDir}`,
      fix: null,
    });
  if (config.slack !== null) checks.push(...(await checkSlack(config.slack)));
  if (config.github !== null) checks.push(...(await checkGithub({ ...config.github })));
  if (flags.json) io.out(JSON.stringify(checks, null, 2));
  else {
    for (const check of checks) {
      io.out(
        `${check.ok ? 'ok  ' : 'FAIL'}  ${check.system.padEnd(6)} ${check.name}: ${check.detail}${check.fix === null ? '' : ` — fix: ${check.fix}`}`,
      );
    }
  }
  const failed = checks.find((check) => !check.ok);
  return failed === undefined ? exitCodes.ok : exitBySystem[failed.system];
};
