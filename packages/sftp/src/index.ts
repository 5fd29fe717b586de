export { checkSftp } from './check.js';
export { deliverBySftp, type DeliveryFile, type SftpDeliveryResult } from './deliver.js';
export { fingerprintOf } from './fingerprint.js';
export { parseHostKeyPins, type HostKeyPinsResult } from './host-key-pins.js';
export type { SftpSettings } from './settings.js';
export type { FailureCode as SftpFailureCode } from './failure-text.js';
