export interface WatchdogTimer {
  stop(): void;
}

export interface WatchdogSchedule {
  readonly firstDelayMs: number;
  readonly intervalMs: number;
}

/**
 * Runs `check` after `firstDelayMs`, then every `intervalMs`. Never overlaps two checks, never
 * keeps the process alive on its own, and never throws (a failed check is logged).
 */
export const startWatchdogTimer = (
  schedule: WatchdogSchedule,
  check: () => Promise<void>,
  log: (line: string) => void,
): WatchdogTimer => {
  let running = false;
  let stopped = false;
  const tick = (): void => {
    if (running || stopped) return;
    running = true;
    check()
      .catch((error: unknown) =>
        log(`watchdog check failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = false;
      });
  };
  let interval: NodeJS.Timeout | null = null;
  const first = setTimeout(() => {
    tick();
    if (!stopped) {
      interval = setInterval(tick, schedule.intervalMs);
      interval.unref();
    }
  }, schedule.firstDelayMs);
  first.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(first);
      if (interval !== null) clearInterval(interval);
    },
  };
};
