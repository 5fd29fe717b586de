export { checkSftp } from './check.js';
export { deliverBySftp } from './deliver.js';
export { checkPgpPublicKey } from './pgp.js';
export type { SftpSettings } from './settings.js';
