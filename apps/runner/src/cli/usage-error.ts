import { ConfigError } from '@sync360/core';

export const usageError = (
  message: string,
  hint = 'Run `sync360 --help` for the commands and flags.',
): ConfigError => new ConfigError('usage', message, hint);
