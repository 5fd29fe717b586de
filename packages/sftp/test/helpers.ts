import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SftpTestServer } from '@sync360/testkit/sftp-server';
import type { SftpSettings } from '../src/index.js';

/** Settings for the fake server, with timeouts and backoff small enough for a fast suite. */
export const settingsFor = (
  server: SftpTestServer,
  overrides: Partial<SftpSettings> = {},
): SftpSettings => ({
  host: server.host,
  port: server.port,
  username: server.username,
  password: 'correct horse battery staple',
  hostKeyPins: [server.fingerprint],
  remoteDir: 'inbox',
  connectTimeoutMs: 3_000,
  operationTimeoutMs: 2_000,
  attempts: 3,
  retryBaseDelayMs: 10,
  ...overrides,
});

export const listDir = async (dir: string): Promise<string[]> => {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
};

export const inboxOf = (server: SftpTestServer): string => join(server.root, 'inbox');

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
