import { sleepMs } from './slack-http.js';

/**
 * Polls `check` until it returns true; rejects with `what` after `timeoutMs` (default 20 s, room
 * for a loaded machine: this waits on an event, it does not bound how fast the event must be).
 */
export const waitUntil = async (
  check: () => boolean,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 20,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await sleepMs(intervalMs);
  }
};
