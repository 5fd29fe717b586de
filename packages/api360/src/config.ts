import { api360Defaults, type Api360Settings } from './settings.js';

/** What the runner's configuration says about delivery through the API (API360_* variables). */
export interface Api360Config {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly companyId: string | null;
  readonly baseUrl: string;
  readonly defaultGroupId: string;
  readonly sendInvitations: boolean;
  readonly activateUsers: boolean;
}

/** Client settings for a configuration: production timeouts, retries and 360Learning's limits. */
export const api360SettingsFor = (config: Api360Config): Api360Settings => ({
  ...api360Defaults,
  baseUrl: config.baseUrl,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  companyId: config.companyId,
});
