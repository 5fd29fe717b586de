import { sleepMs } from './slack-http.js';

/** Polls `check` until it returns true; rejects with `what` after `timeoutMs` (default 5 s). */
export const waitUntil = async (
  check: () => boolean,
  what: string,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await sleepMs(intervalMs);
  }
};
