import { resolve, join } from 'node:path';
import {
  api360Defaults,
  applyApi360Plan,
  createApi360Client,
  guardWithDeletes,
  guardWithRoleRemovals,
  plannedOperations,
  planFromLive,
  planRules,
  readRulesLive,
  type Api360Client,
  type Api360Plan,
  type Api360Settings,
  type Api360Warning,
  type OperationsReport,
} from '@sync360/api360';
import {
  DeliveryError,
  evaluateRules,
  withDeliveryProblems,
  type GroupRules,
  type Plan,
  type Report,
  type UserRow,
} from '@sync360/core';
import { deliverBySftp } from '@sync360/sftp';
import type { Api360Config, RunnerConfig } from './config/runner-config.js';
import { fsErrorCode, writeFileAtomic } from './state/local-files.js';

type DestinationKind = 'sftp' | '360-api' | 'local';

/** The configured destination, named so that a state can tell whose baseline it holds. */
export const configuredDestination = (
  config: RunnerConfig,
): { readonly kind: DestinationKind; readonly identity: string } => {
  if (config.api360 !== null)
    return {
      kind: '360-api',
      identity: `360-api ${config.api360.baseUrl} company=${config.api360.companyId ?? ''} client=${config.api360.clientId}`,
    };
  if (config.sftp !== null)
    return {
      kind: 'sftp',
      identity: `sftp ${config.sftp.username}@${config.sftp.host}:${String(config.sftp.port)} ${config.sftp.remoteDir}`,
    };
  return { kind: 'local', identity: 'local' };
};

/** The absolute path when there is one (none once the working folder itself is gone). */
const shown = (path: string): string => {
  try {
    return resolve(path);
  } catch {
    return path;
  }
};

const deliverLocally = async (
  directory: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<string> => {
  const path = join(directory, fileName);
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    throw new DeliveryError(
      'local-write-failed',
      `Cannot write ${shown(path)} (${fsErrorCode(error) ?? String(error)}).`,
      'Check that the output folder (--out or SYNC360_OUTPUT_DIR) is writable and the disk is not full.',
    );
  }
  return path;
};

/** What went over the wire: with PGP, `<name>.pgp` and the encrypted size, not the plain CSV's. */
export interface Upload {
  readonly name: string;
  readonly bytes: number;
  readonly encrypted: boolean;
  /** False when the run stopped before uploading (name and size are then what it would send). */
  readonly done: boolean;
}

/** `--out DIR` wins; else the configured file destination (SFTP, or the local output folder). */
export const deliverFile = async (
  config: RunnerConfig,
  outDir: string | null,
  file: { name: string; bytes: Uint8Array },
  progress: (message: string) => void,
): Promise<{ destination: NonNullable<Report['destination']>; upload: Upload }> => {
  if (outDir === null && config.sftp !== null) {
    const result = await deliverBySftp(config.sftp, file, progress);
    return {
      destination: { kind: 'sftp', path: result.remotePath },
      upload: {
        name: result.uploadedName,
        bytes: result.uploadedBytes,
        encrypted: result.encrypted,
        done: true,
      },
    };
  }
  return {
    destination: {
      kind: 'local',
      path: await deliverLocally(outDir ?? config.outputDir, file.name, file.bytes),
    },
    upload: { name: file.name, bytes: file.bytes.byteLength, encrypted: false, done: true },
  };
};

export const api360SettingsOf = (config: Api360Config): Api360Settings => ({
  ...api360Defaults,
  baseUrl: config.baseUrl,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  companyId: config.companyId,
});

/** A delivery through 360Learning's API, planned against its live users. */
export interface Api360Run {
  readonly client: Api360Client;
  readonly plan: Api360Plan;
  readonly operations: OperationsReport;
}

const asProblems = (warnings: ReadonlyArray<Api360Warning>) =>
  warnings.map((warning) => ({
    uniqueId: warning.uniqueId,
    code: warning.code,
    field: warning.field,
    message: warning.message,
    // What 360Learning refuses, HR fixes in Lucca; the other two only inform.
    fixData: warning.code === 'api360-rejected',
  }));

/**
 * Reads 360Learning (nothing is written) and plans its operations from the file's rows. The
 * returned file plan carries the planning warnings, and its guard also counts the planned deletes.
 */
export const planApi360Delivery = async (
  config: Api360Config,
  plan: Plan,
  baselineRows: ReadonlyArray<UserRow> | null,
  maxDeactivations: number | null,
  progress: (line: string) => void,
  /** Group rules (§7c) and SYNC360_MAX_ROLE_REMOVALS, or null without a rules file. */
  rules: { readonly rules: GroupRules; readonly maxRoleRemovals: number | null } | null = null,
): Promise<{ run: Api360Run; plan: Plan }> => {
  const client = createApi360Client(api360SettingsOf(config), { progress });
  progress(`360Learning: reading the users of ${new URL(config.baseUrl).origin}`);
  const live = await planFromLive(client, {
    rows: plan.rows,
    baselineRows,
    options: { defaultGroupId: config.defaultGroupId, activateUsers: config.activateUsers },
  });
  let planned = live.plan;
  let guard = guardWithDeletes(plan.guard, live.plan, maxDeactivations);
  let withProblems = withDeliveryProblems(plan, asProblems(live.plan.warnings));
  if (rules !== null) {
    const evaluation = evaluateRules(rules.rules, plan.rows, plan.employees);
    progress(
      `360Learning: reading the groups, ${String(rules.rules.groups.length)} managed roles and custom fields`,
    );
    const rulesLive = await readRulesLive(
      client,
      rules.rules,
      planned,
      evaluation,
      config.defaultGroupId,
    );
    planned = planRules(planned, rules.rules, evaluation, rulesLive, rules.maxRoleRemovals);
    guard = guardWithRoleRemovals(guard, planned);
    withProblems = withDeliveryProblems(
      withProblems,
      evaluation.problems.map((problem) => ({
        ...problem,
        code: 'invalid-lucca-value' as const,
        fixData: false,
      })),
    );
  }
  progress(
    `360Learning: ${String(live.users.length)} users read, ${String(planned.operations.length)} operations planned`,
  );
  return {
    run: { client, plan: planned, operations: plannedOperations(planned) },
    plan: { ...withProblems, guard },
  };
};

/**
 * Applies the planned operations. Rejected users become warnings (with a fix-data reminder) on
 * the returned plan; what stopped the delivery, if anything, is `failure`.
 */
export const deliverThroughApi360 = async (
  config: Api360Config,
  run: Api360Run,
  plan: Plan,
  progress: (line: string) => void,
): Promise<{ run: Api360Run; plan: Plan; failure: Error | null }> => {
  const delivery = await applyApi360Plan(run.client, run.plan, {
    sendInvitations: config.sendInvitations,
    progress,
  });
  return {
    run: { ...run, operations: delivery.operations },
    plan: withDeliveryProblems(plan, asProblems(delivery.rejections)),
    failure: delivery.failure,
  };
};
