import type { Report } from '@sync360/core';
import { deliverBySftp } from '@sync360/sftp';
import type { RunnerConfig } from '../config/runner-config.js';
import { deliverLocally } from './local-delivery.js';

/** `--out DIR` wins; else SFTP when configured; else the local output folder. */
export const deliverFile = async (
  config: RunnerConfig,
  outDir: string | null,
  file: { name: string; bytes: Uint8Array },
  progress: (message: string) => void,
): Promise<NonNullable<Report['destination']>> => {
  if (outDir === null && config.sftp !== null) {
    const result = await deliverBySftp(config.sftp, file, progress);
    return { kind: 'sftp', path: result.remotePath };
  }
  return {
    kind: 'local',
    path: await deliverLocally(outDir ?? config.outputDir, file.name, file.bytes),
  };
};
