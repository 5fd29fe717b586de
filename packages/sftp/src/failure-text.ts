import type { FailureContext } from './stage.js';

export type FailureCode =
  | 'sftp-host-key-mismatch'
  | 'sftp-auth'
  | 'sftp-network'
  | 'sftp-timeout'
  | 'sftp-connect'
  | 'sftp-remote-dir'
  | 'sftp-permission'
  | 'sftp-disk-full'
  | 'sftp-upload'
  | 'sftp-verify'
  | 'sftp-rename';

interface Extra {
  /** The server's host key fingerprint, when key exchange got that far. */
  readonly presented: string | null;
  /** The underlying error message, already scrubbed of secrets. */
  readonly serverSaid: string;
}

const STAGE_ACTION: Record<FailureContext['stage'], string> = {
  connect: 'connecting',
  'remote-dir': 'opening the remote folder',
  upload: 'uploading',
  verify: 'checking the uploaded size',
  rename: 'renaming the upload to its final name',
  probe: 'writing the probe file',
};

/** Message (what happened) and hint (what to do) for each failure code. */
export const describeFailure = (
  code: FailureCode,
  c: FailureContext,
  extra: Extra,
): { message: string; hint: string } => {
  const server = `${c.host}:${c.port}`;
  const said = extra.serverSaid;
  switch (code) {
    case 'sftp-host-key-mismatch':
      return {
        message:
          `The SFTP server ${server} presented host key ${extra.presented ?? 'unknown'}, which matches ` +
          `no pinned key (${c.pins.length === 0 ? 'none pinned' : c.pins.join(', ')}). No credential was sent.`,
        hint:
          `Confirm ${extra.presented ?? 'the new key'} with 360Learning (out of band) before trusting it, then ` +
          'add it to SFTP_HOST_KEY_SHA256 (comma-separated, keep the old pin during a key rotation). If ' +
          '360Learning did not change their key, someone may be intercepting the connection: do not pin it.',
      };
    case 'sftp-auth':
      return {
        message: `The SFTP server ${server} rejected the login of user "${c.username}" (${said}).`,
        hint:
          'Check SFTP_USERNAME and SFTP_PRIVATE_KEY / SFTP_PASSWORD (and SFTP_PASSPHRASE for an encrypted ' +
          'key); ask 360Learning whether this account and key are registered. Not retried: repeated failed ' +
          'logins can lock the account.',
      };
    case 'sftp-network':
      return {
        message: `The connection to the SFTP server ${server} failed or dropped while ${STAGE_ACTION[c.stage]} (${said}).`,
        hint:
          'Check SFTP_HOST and SFTP_PORT and that this machine may reach the server (firewall, IP ' +
          'allow-list at 360Learning). Nothing was delivered; the next run tries again.',
      };
    case 'sftp-timeout':
      return {
        message: `The SFTP server ${server} did not answer in time while ${STAGE_ACTION[c.stage]} (${said}).`,
        hint:
          'The server or the network is slow, or a firewall silently drops the traffic: check that this ' +
          'machine may reach the server, and retry later. Nothing was delivered.',
      };
    case 'sftp-connect':
      return {
        message: `Could not open an SFTP session on ${server} (${said}).`,
        hint: 'Check that SFTP_HOST and SFTP_PORT point at an SFTP server; if they do, send this message to 360Learning.',
      };
    case 'sftp-remote-dir':
      return {
        message: `The remote folder "${c.remoteDir}" on ${server} is missing and could not be created, or is not a folder (${said}).`,
        hint: `Check SFTP_REMOTE_DIR, or ask 360Learning to create "${c.remoteDir}" with write access for "${c.username}".`,
      };
    case 'sftp-permission':
      return {
        message: `The SFTP server ${server} refused ${STAGE_ACTION[c.stage]} ${c.path}: permission denied (${said}).`,
        hint: `Ask 360Learning to let "${c.username}" create, rename and replace files in "${c.remoteDir}", or fix SFTP_REMOTE_DIR.`,
      };
    case 'sftp-disk-full':
      return {
        message: `The SFTP server ${server} is out of space (or over quota) while writing ${c.path} (${said}).`,
        hint: 'Ask 360Learning to free space or raise the quota of this account. Nothing was delivered.',
      };
    case 'sftp-upload':
      return {
        message: `Writing ${c.path} on ${server} failed (${said}).`,
        hint: `Check that "${c.username}" may write in "${c.remoteDir}"; if it persists, send this message to 360Learning.`,
      };
    case 'sftp-verify':
      return {
        message: `The uploaded file ${c.path} on ${server} does not have the size that was sent (${said}).`,
        hint: 'The upload was cut short (network or server quota). Nothing was delivered under the final name; retry later.',
      };
    case 'sftp-rename':
      return {
        message: `The SFTP server ${server} could not rename the upload to ${c.finalPath} (${said}).`,
        hint: `Check that "${c.username}" may rename and replace files in "${c.remoteDir}" (an existing ${c.finalPath} may be locked by the import).`,
      };
  }
};
