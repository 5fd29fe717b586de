import { createHash } from 'node:crypto';
import {
  buildPlan,
  ruleAttributeKeys,
  ConfigError,
  type Plan,
  type Report,
  Sync360Error,
} from '@sync360/core';
import { operationLines } from '@sync360/api360';
import { checkPgpPublicKey } from '@sync360/sftp';
import type { CliFlags, Io } from '../cli.js';
import { exitCodeFor } from '../cli.js';
import { fileNameFor, type AlertConfig, type RunnerConfig } from '../config/runner-config.js';
import {
  configuredDestination,
  deliverFile,
  deliverThroughApi360,
  planApi360Delivery,
  type Api360Run,
  type Upload,
} from '../delivery.js';
import { buildReport, earlyFailureReport, failureOf } from '../report/build-report.js';
import { printReport } from '../report/console.js';
import { publishReport } from '../report/publish-report.js';
import { loadSource, sourceKindFor, type LoadedSource } from '../source.js';
import {
  checkConfiguredFolder,
  checkReportPath,
  fsErrorCode,
  removeLeftovers,
} from '../state/local-files.js';
import { acquireRunLock } from '../state/run-lock.js';
import { employeeNames } from '../notify/slack-notify.js';
import { readBaseline, saveBaseline } from '../state/state-store.js';
import { loadRulesFile, type LoadedRules } from '../config/rules-file.js';
import { decide, type Decision } from './decide.js';

/** What the run got to, kept even when a later stage throws. */
interface Progress {
  source: LoadedSource;
  plan: Plan | null;
  decision: Decision | null;
  destination: Report['destination'];
  upload: Upload | null;
  /** Delivery through 360Learning's API: its operations, planned then applied. */
  api360: Api360Run | null;
  /** The group rules applied in this run (§7c), or null. */
  rules: LoadedRules | null;
  readonly warnings: string[];
}

/**
 * `SYNC360_RULES_FILE`, checked before any network call: group rules need the API destination.
 * With `--out` they are checked but not applied (null).
 */
const rulesOf = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<LoadedRules | null> => {
  if (config.rulesFile === null) return null;
  if (config.api360 === null)
    throw new ConfigError(
      'rules-need-api',
      `SYNC360_RULES_FILE is set, but the destination is ${config.sftp === null ? 'a local folder' : 'SFTP'}: group rules and custom fields are kept only through 360Learning's API.`,
      'Deliver through the API (API360_CLIENT_ID, API360_CLIENT_SECRET, API360_DEFAULT_GROUP_ID), or unset SYNC360_RULES_FILE.',
    );
  const loaded = await loadRulesFile(config.rulesFile, config.api360.defaultGroupId);
  if (flags.out === null) return loaded;
  io.err(
    `SYNC360_RULES_FILE ${config.rulesFile}: checked (${String(loaded.rules.groups.length)} group rules, ${String(loaded.rules.customFields.length)} custom fields), not applied: --out delivers a file, and group rules need 360Learning's API.`,
  );
  return null;
};

/** With group rules, an approval covers the CSV's bytes followed by the rules file's bytes. */
const approvalShaOf = (plan: Plan, rules: LoadedRules | null): string =>
  rules === null
    ? plan.file.sha256
    : createHash('sha256').update(plan.file.bytes).update(rules.bytes).digest('hex');

/** Checked before any network call: what cannot work whatever Lucca says. */
const checkBeforeReading = async (
  flags: CliFlags,
  config: RunnerConfig,
  localDir: string | null,
): Promise<void> => {
  const remote = flags.out === null && (config.sftp !== null || config.api360 !== null);
  if (remote && sourceKindFor(config, flags) === 'demo')
    throw new ConfigError(
      'demo-to-remote',
      'Demo data is never delivered by SFTP or to 360Learning, but a destination (SFTP_HOST or API360_CLIENT_ID) is set and no Lucca source is configured.',
      'Set LUCCA_BASE_URL and LUCCA_API_KEY (or --input FILE), or unset the destination to try the demo locally.',
    );
  // A key 360Learning cannot decrypt with (unreadable, expired, sign-only) fails every run at start.
  if (config.sftp?.pgpPublicKey !== undefined) await checkPgpPublicKey(config.sftp.pgpPublicKey);
  if (flags.report !== null) await checkReportPath(flags.report);
  const folders = [
    ...(localDir === null
      ? []
      : [{ variable: flags.out === null ? 'SYNC360_OUTPUT_DIR' : '--out', path: localDir }]),
    { variable: 'SYNC360_STATE_DIR', path: config.stateDir },
  ];
  for (const { variable, path } of folders) await checkConfiguredFolder(variable, path);
};

const execute = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
  fileName: string,
  progress: Progress,
  redact: boolean,
): Promise<Decision> => {
  const destination = configuredDestination(config);
  const localDir = flags.out ?? (destination.kind === 'local' ? config.outputDir : null);
  await checkBeforeReading(flags, config, localDir);
  const rules = await rulesOf(flags, config, io);
  progress.rules = rules;
  const lock = flags.dryRun
    ? null
    : await acquireRunLock(config.stateDir, { onWait: (line) => io.err(line) });
  try {
    if (lock !== null)
      for (const folder of [config.stateDir, ...(localDir === null ? [] : [localDir])]) {
        const removed = await removeLeftovers(folder);
        if (removed.length > 0)
          io.err(
            `Removed ${String(removed.length)} temporary files left by an interrupted run in ${folder}.`,
          );
      }
    const baseline = await readBaseline(config.stateDir, destination.identity, redact);
    if (baseline.otherDestination !== null)
      progress.warnings.push(
        `the state in ${config.stateDir} is the last file delivered to another destination (${baseline.otherDestination}): compared with an empty file (no-baseline)`,
      );
    progress.source = await loadSource(
      config,
      flags,
      config.today,
      (line) => io.err(line),
      redact,
      rules === null ? null : ruleAttributeKeys(rules.rules),
    );
    const plan = buildPlan({
      records: progress.source.records,
      previousRows: baseline.rows,
      today: config.today,
      options: config.plan,
    });
    progress.plan = plan;
    const approvalSha256 = approvalShaOf(plan, rules);
    let decision = decide(plan, flags, approvalSha256);
    progress.decision = decision;
    const api = flags.out === null ? config.api360 : null;
    if (api !== null && decision.outcome !== 'failed') {
      // Only reads. The deletes planned against the live users count in the guard, so decide
      // again with them; a blocked run's report still shows what approving it would do.
      const planned = await planApi360Delivery(
        api,
        plan,
        baseline.rows,
        config.plan.maxDeactivations,
        (line) => io.err(line),
        rules === null ? null : { rules: rules.rules, maxRoleRemovals: config.maxRoleRemovals },
      );
      progress.api360 = planned.run;
      progress.plan = planned.plan;
      decision = decide(planned.plan, flags, approvalSha256);
      progress.decision = decision;
    }
    if (!decision.deliver) return decision;
    if (api !== null && progress.api360 !== null && progress.plan !== null) {
      const delivered = await deliverThroughApi360(api, progress.api360, progress.plan, (line) =>
        io.err(line),
      );
      progress.api360 = delivered.run;
      progress.plan = delivered.plan;
      // Not saving the state is safe: the next run re-reads 360Learning and plans again.
      if (delivered.failure !== null) throw delivered.failure;
      progress.destination = { kind: '360-api', path: api.baseUrl };
    } else {
      const delivered = await deliverFile(
        config,
        flags.out,
        { name: fileName, bytes: plan.file.bytes },
        (line) => io.err(line),
      );
      progress.destination = delivered.destination;
      progress.upload = delivered.upload;
    }
    if (flags.out !== null && destination.kind !== 'local') {
      io.err(
        `--out: the baseline of the configured ${destination.kind} destination is kept (this local file is not what 360Learning received).`,
      );
      return decision;
    }
    try {
      await saveBaseline(config.stateDir, plan.file.bytes, destination.identity);
    } catch (error) {
      // The file is delivered; only the baseline is stale. Say so loudly rather than fail.
      progress.warnings.push(
        `delivered, but the state could not be saved (${fsErrorCode(error) ?? String(error)}): the next run compares with the previous file; check SYNC360_STATE_DIR`,
      );
    }
    return decision;
  } finally {
    await lock?.release();
  }
};

/** The nightly job: fetch -> build -> validate -> diff -> guard -> deliver -> report -> notify. */
export const runCommand = async (
  flags: CliFlags,
  config: RunnerConfig,
  io: Io,
): Promise<number> => {
  const startedAt = new Date();
  const fileName = fileNameFor(config.fileNameTemplate, config.today);
  const redact = flags.redact || config.inGithubActions;
  const progress: Progress = {
    source: { kind: sourceKindFor(config, flags), records: [], warnings: [] },
    plan: null,
    decision: null,
    destination: null,
    upload: null,
    api360: null,
    rules: null,
    warnings: [],
  };
  let failure: Sync360Error | null = null;
  try {
    await execute(flags, config, io, fileName, progress, redact);
  } catch (error) {
    failure = failureOf(error);
    progress.destination = null;
  }
  const { decision } = progress;
  const built = buildReport({
    outcome: failure !== null ? 'failed' : (decision?.outcome ?? 'failed'),
    startedAt,
    today: config.today,
    forced: decision?.forced ?? false,
    approvedSha256: decision?.approvedSha256 ?? null,
    approvalMismatch: decision?.approvalMismatch ?? false,
    source: { kind: progress.source.kind, employees: progress.source.records.length },
    plan: progress.plan,
    fileName,
    destination: progress.destination,
    upload: progress.upload ?? {
      name: fileName,
      bytes: progress.plan?.file.bytes.byteLength ?? 0,
      encrypted: flags.out === null && config.sftp?.pgpPublicKey !== undefined,
      done: false,
    },
    operations: progress.api360?.operations ?? null,
    warnings: [...progress.source.warnings, ...progress.warnings],
    failure: failure ?? decision?.failure ?? null,
    rules:
      progress.rules === null
        ? null
        : {
            file: progress.rules.path,
            sha256: progress.rules.sha256,
            groups: progress.rules.rules.groups.length,
            customFields: progress.rules.rules.customFields.length,
          },
    approvalSha256: progress.plan === null ? null : approvalShaOf(progress.plan, progress.rules),
  });
  const { api360 } = progress;
  printReport(
    await publishReport(built, config, flags.report, true, {
      names: employeeNames(progress.plan?.rows ?? []),
      approved: flags.approve !== null,
    }),
    progress.plan,
    {
      json: flags.json,
      redact,
      operations: api360 === null ? [] : operationLines(api360.plan, api360.operations, redact),
    },
    io,
  );
  if (failure !== null) return exitCodeFor(failure.kind);
  return decision?.exitCode ?? exitCodeFor('internal');
};

/**
 * A `run` stopped by its command line or its environment still writes `--report` (outcome
 * failed, no source) and alerts Slack when Slack's own variables are fine: a typo in a variable
 * is as loud as a Lucca outage. Returns the warnings of that publishing.
 */
export const reportEarlyRunFailure = async (
  failure: Sync360Error,
  alert: AlertConfig,
  reportPath: string | null,
): Promise<ReadonlyArray<string>> =>
  (await publishReport(earlyFailureReport(failure, alert.today), alert, reportPath)).warnings;
