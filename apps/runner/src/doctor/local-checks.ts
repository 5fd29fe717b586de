import type { DoctorCheck } from '@sync360/core';
import { isSync360Error } from '@sync360/core';
import { readLastDelivered } from '../state/state-store.js';

/** Read-only: doctor changes nothing locally. */
export const checkState = async (stateDir: string): Promise<DoctorCheck> => {
  try {
    const rows = await readLastDelivered(stateDir);
    return {
      system: 'local',
      name: 'state',
      ok: true,
      detail:
        rows === null
          ? `no last-delivered.csv in ${stateDir} yet (the first run has no baseline)`
          : `last-delivered.csv holds ${rows.length} rows`,
      fix: null,
    };
  } catch (error) {
    return {
      system: 'local',
      name: 'state',
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
      fix: isSync360Error(error) ? error.hint : 'Check SYNC360_STATE_DIR.',
    };
  }
};
