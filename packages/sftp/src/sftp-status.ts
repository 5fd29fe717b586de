/** SFTP status codes (draft-ietf-secsh-filexfer; v3 plus the later quota ones some servers send). */
export const SFTP_STATUS = {
  noSuchFile: 2,
  permissionDenied: 3,
  failure: 4,
  noConnection: 6,
  connectionLost: 7,
  opUnsupported: 8,
  noSpaceOnFilesystem: 14,
  quotaExceeded: 15,
};
