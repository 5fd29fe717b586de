export { checkSftp } from './check.js';
export { deliverBySftp } from './deliver.js';
export { checkPgpPublicKey } from './pgp.js';
export { parseHostKeyPins, privateKeyProblem, type SftpSettings } from './settings.js';
