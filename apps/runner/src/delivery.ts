import { resolve, join } from 'node:path';
import { ConfigError, DeliveryError, type Report } from '@sync360/core';
import { deliverBySftp } from '@sync360/sftp';
import type { RunnerConfig } from './config/runner-config.js';
import { codeOf, writeFileAtomic } from './state/local-files.js';

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
      `Cannot write ${shown(path)} (${codeOf(error) ?? String(error)}).`,
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

/** `--out DIR` wins; else the configured destination (SFTP, or the local output folder). */
export const deliverFile = async (
  config: RunnerConfig,
  outDir: string | null,
  file: { name: string; bytes: Uint8Array },
  progress: (message: string) => void,
): Promise<{ destination: NonNullable<Report['destination']>; upload: Upload }> => {
  if (outDir === null && config.api360 !== null)
    throw new ConfigError(
      'api360-not-available',
      'Delivery through the 360Learning API (API360_CLIENT_ID) is not available in this version of sync360.',
      'Deliver by SFTP (SFTP_HOST) or locally (--out DIR) until it is.',
    );
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
