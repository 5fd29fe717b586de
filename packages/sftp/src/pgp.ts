import { createMessage, encrypt, readKey, type Key } from 'openpgp';
import { ConfigError } from '@sync360/core';

/** What `doctor` shows about the PGP key the file is encrypted to. */
interface PgpKeyFacts {
  /** Primary key fingerprint, upper-case hex, as `gpg --list-keys` prints it. */
  readonly fingerprint: string;
  /** ISO time the key expires, or null when it never does. */
  readonly expiresAt: string | null;
}

const HINT =
  'Set SFTP_PGP_PUBLIC_KEY to the armored public key 360Learning sent (the whole text from ' +
  '-----BEGIN PGP PUBLIC KEY BLOCK----- to its END line), or unset it to upload the plain file.';

const readUsableKey = async (
  armored: string,
  now: Date,
): Promise<{ key: Key; facts: PgpKeyFacts }> => {
  let key: Key;
  try {
    key = await readKey({ armoredKey: armored });
  } catch {
    throw new ConfigError(
      'pgp-key-invalid',
      'SFTP_PGP_PUBLIC_KEY cannot be read as an armored OpenPGP public key.',
      HINT,
    );
  }
  if (key.isPrivate()) {
    throw new ConfigError(
      'pgp-key-invalid',
      'SFTP_PGP_PUBLIC_KEY holds a private key: only 360Learning may hold it.',
      `${HINT} Treat the private key you pasted as leaked.`,
    );
  }
  const fingerprint = key.getFingerprint().toUpperCase();
  const expiration = await key.getExpirationTime();
  const expiresAt = expiration instanceof Date ? expiration.toISOString() : null;
  if (expiration instanceof Date && expiration.getTime() <= now.getTime()) {
    throw new ConfigError(
      'pgp-key-expired',
      `SFTP_PGP_PUBLIC_KEY (${fingerprint}) expired on ${expiresAt ?? '?'}.`,
      `Ask 360Learning for their current public key (or an extended one). ${HINT}`,
      { fingerprint },
    );
  }
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    throw new ConfigError(
      'pgp-key-cannot-encrypt',
      `SFTP_PGP_PUBLIC_KEY (${fingerprint}) has no usable encryption key (sign-only, revoked or expired subkey).`,
      `Ask 360Learning for the public key they decrypt with. ${HINT}`,
      { fingerprint },
    );
  }
  return { key, facts: { fingerprint, expiresAt } };
};

/**
 * Checks the armored public key the file is to be encrypted to: it parses, is a public key, has
 * not expired and can encrypt. Throws `ConfigError` otherwise (meant to be called at start, dry
 * runs included). Returns the key's fingerprint and expiry for `doctor`.
 */
export const checkPgpPublicKey = async (
  armored: string,
  now: Date = new Date(),
): Promise<PgpKeyFacts> => (await readUsableKey(armored, now)).facts;

/** `bytes` as a binary OpenPGP message encrypted to `armored` (literal data named `name`). */
export const encryptToKey = async (
  armored: string,
  bytes: Uint8Array,
  name: string,
  now: Date = new Date(),
): Promise<Uint8Array> => {
  const { key } = await readUsableKey(armored, now);
  const message = await createMessage({ binary: bytes, filename: name, format: 'binary' });
  return encrypt({ message, encryptionKeys: key, format: 'binary', date: now });
};
