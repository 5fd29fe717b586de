import type { UserRow } from '@sync360/core';
import type { Api360User } from './schemas.js';

export interface RowMatch {
  readonly row: UserRow;
  /** This uniqueId's row in the last delivered file, if any. */
  readonly baseline: UserRow | undefined;
  /** The row's 360Learning account, or null (none, or a conflict). */
  readonly user: Api360User | null;
  /** Several non-deleted accounts have the row's mail: the row cannot be applied. */
  readonly conflict: boolean;
  /** Found through the mail the baseline had for this uniqueId: its mail is to be patched. */
  readonly byOldMail: boolean;
}

interface Pick {
  readonly user: Api360User | null;
  readonly conflict: boolean;
}

const none: Pick = { user: null, conflict: false };

/** Among the accounts with one mail, the non-deleted one wins; two non-deleted ones conflict. */
const pick = (candidates: ReadonlyArray<Api360User> | undefined): Pick => {
  if (candidates === undefined) return none;
  const live = candidates.filter((user) => user.status !== 'deleted');
  if (live.length > 1) return { user: null, conflict: true };
  return { user: live[0] ?? candidates[0] ?? null, conflict: false };
};

const isLive = (user: Api360User | null): user is Api360User =>
  user !== null && user.status !== 'deleted';

/**
 * Matches each row to a 360Learning account by mail, case-insensitively (the mail is the 360
 * username, so the same person is never created twice). Accounts without a mail are ignored.
 * When the row's own mail finds no live account and the baseline gave this uniqueId another mail
 * that no row uses now, a live account with that old mail is the row's (an email change).
 */
export const matchRows = (
  rows: ReadonlyArray<UserRow>,
  users: ReadonlyArray<Api360User>,
  baselineRows: ReadonlyArray<UserRow> | null,
): RowMatch[] => {
  const byMail = new Map<string, Api360User[]>();
  for (const user of users) {
    if (user.mail === null || user.mail === '') continue;
    const mail = user.mail.toLowerCase();
    const list = byMail.get(mail);
    if (list === undefined) byMail.set(mail, [user]);
    else list.push(user);
  }
  const baselineById = new Map((baselineRows ?? []).map((row) => [row.uniqueId, row]));
  const mailsInFile = new Set(rows.map((row) => row.email.toLowerCase()));

  return rows.map((row): RowMatch => {
    const baseline = baselineById.get(row.uniqueId);
    const direct = pick(byMail.get(row.email.toLowerCase()));
    const result = (found: Pick, byOldMail: boolean): RowMatch => ({
      row,
      baseline,
      user: found.user,
      conflict: found.conflict,
      byOldMail,
    });
    if (direct.conflict || isLive(direct.user)) return result(direct, false);
    const oldMail = baseline?.email.toLowerCase();
    if (oldMail !== undefined && oldMail !== row.email.toLowerCase() && !mailsInFile.has(oldMail)) {
      const old = pick(byMail.get(oldMail));
      if (isLive(old.user)) return result(old, true);
    }
    return result(direct, false);
  });
};
