import { createHash } from 'node:crypto';

/**
 * The OpenSSH fingerprint of a raw host key blob (the SSH wire encoding ssh2 hands to
 * `hostVerifier` when `hostHash` is not set): `SHA256:` + unpadded base64 of its SHA-256, exactly
 * as `ssh-keygen -lf` and `ssh -v` print it.
 */
export const fingerprintOf = (rawKey: Buffer): string =>
  `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
