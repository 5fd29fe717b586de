import { randomBytes } from 'node:crypto';
import { ConfigError, messageOf, redactSecrets, type DoctorCheck } from '@sync360/core';
import { classifyFailure, contextFor } from './failures.js';
import { checkPgpPublicKey } from './pgp.js';
import { removeQuietly, requireRemoteDir, uploadBytes } from './remote-ops.js';
import { newSessionState, openSession, type Session, type SessionState } from './session.js';
import {
  remotePathOf,
  resolveSettings,
  type ResolvedSettings,
  type SftpSettings,
} from './settings.js';

const check = (name: string, ok: boolean, detail: string, fix: string | null): DoctorCheck => ({
  system: 'sftp',
  name,
  ok,
  detail,
  fix,
});

/** Host key and login checks from one connection attempt. */
const connectChecks = (s: ResolvedSettings, state: SessionState, error: unknown): DoctorCheck[] => {
  const failure = classifyFailure(error, state, contextFor(s, 'connect', s.remoteDir), s.secrets);
  if (state.presented === null) {
    return [
      check(
        'host key',
        false,
        `could not reach the server to read its host key: ${failure.message}`,
        failure.hint,
      ),
    ];
  }
  if (!state.hostKeyTrusted) {
    const detail =
      s.hostKeyPins.length === 0
        ? `no pin set; ${s.host}:${s.port} presents ${state.presented}`
        : `${s.host}:${s.port} presents ${state.presented}, which matches no pin (${s.hostKeyPins.join(', ')})`;
    const fix = `Confirm ${state.presented} with 360Learning, then set SFTP_HOST_KEY_SHA256=${state.presented}`;
    return [check('host key', false, detail, fix)];
  }
  return [
    check('host key', true, `${s.host}:${s.port} presents ${state.presented} (pinned)`, null),
    check('login', false, failure.message, failure.hint),
  ];
};

/** Writes then removes a probe file in the remote folder. */
const folderCheck = async (s: ResolvedSettings, session: Session): Promise<DoctorCheck> => {
  const probe = remotePathOf(s.remoteDir, `.sync360-probe-${randomBytes(6).toString('hex')}`);
  try {
    await requireRemoteDir(session.client, s.remoteDir, s);
  } catch (error) {
    const failure = classifyFailure(
      error,
      null,
      contextFor(s, 'remote-dir', s.remoteDir),
      s.secrets,
    );
    return check('remote folder', false, failure.message, failure.hint);
  }
  try {
    await uploadBytes(session.sftp, probe, Buffer.from('sync360 doctor probe\n'), s);
  } catch (error) {
    const failure = classifyFailure(error, null, contextFor(s, 'probe', probe), s.secrets);
    await removeQuietly(session.client, probe, s);
    return check('remote folder', false, failure.message, failure.hint);
  }
  if (!(await removeQuietly(session.client, probe, s))) {
    return check(
      'remote folder',
      false,
      `wrote ${probe} but could not remove it`,
      `Remove ${probe} by hand and let "${s.username}" delete files.`,
    );
  }
  return check(
    'remote folder',
    true,
    `"${s.remoteDir}" is writable (probe file written and removed)`,
    null,
  );
};

/** The PGP key line: fingerprint and expiry, or why the key cannot be used (a config error). */
const pgpCheck = async (armored: string): Promise<DoctorCheck> => {
  try {
    const facts = await checkPgpPublicKey(armored);
    const expiry = facts.expiresAt === null ? 'never expires' : `expires ${facts.expiresAt}`;
    return check('pgp key', true, `files are encrypted to ${facts.fingerprint} (${expiry})`, null);
  } catch (error) {
    const message = messageOf(error);
    const hint = error instanceof ConfigError ? error.hint : null;
    return { system: 'config', name: 'pgp key', ok: false, detail: message, fix: hint };
  }
};

/**
 * `sync360 doctor` for SFTP: the PGP key when set, then host key matches a pin, login works, the
 * remote folder exists and is writable. Returns the checks it got to (a failed connection step
 * stops the next ones) and never throws. Without a pin it still connects, rejects every host key
 * (so no credential is ever sent) and shows the fingerprint the server presents, to be confirmed
 * with 360Learning and pinned.
 */
export const checkSftp = async (settings: SftpSettings): Promise<DoctorCheck[]> => {
  const s = resolveSettings(settings);
  const pgp = s.pgpPublicKey === undefined ? [] : [await pgpCheck(s.pgpPublicKey)];
  const state = newSessionState();
  let session: Session;
  try {
    session = await openSession(s, state);
  } catch (error) {
    return [...pgp, ...connectChecks(s, state, error)];
  }
  try {
    const hostKey = check(
      'host key',
      true,
      `${s.host}:${s.port} presents ${state.presented ?? '?'} (pinned)`,
      null,
    );
    const login = check(
      'login',
      true,
      `logged in as "${redactSecrets(s.username, s.secrets)}"`,
      null,
    );
    return [...pgp, hostKey, login, await folderCheck(s, session)];
  } finally {
    await session.close();
  }
};
