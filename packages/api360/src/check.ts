import { doctorCheckFor, isSync360Error, type DoctorCheck } from '@sync360/core';
import { createApi360Client } from './client.js';
import { objectIdPattern } from './schemas.js';
import type { Api360Settings } from './settings.js';

const check = doctorCheckFor('api360');

const failed = (name: string, error: unknown): DoctorCheck => {
  if (!isSync360Error(error)) throw error;
  return check(name, false, error.message, error.hint);
};

/**
 * `doctor` for delivery through the API: a token, a first page of users, the default group id's
 * format. Writing is never tried, so the `users:write` scope is only explained.
 */
export const checkApi360 = async (
  settings: Api360Settings,
  defaultGroupId: string,
): Promise<DoctorCheck[]> => {
  const checks = [
    objectIdPattern.test(defaultGroupId)
      ? check(
          'default group',
          true,
          `API360_DEFAULT_GROUP_ID ${defaultGroupId} has the id format (24 hex digits); 360Learning confirms the group only at the first create`,
        )
      : check(
          'default group',
          false,
          'API360_DEFAULT_GROUP_ID is not a 360Learning id (24 hex digits)',
          "copy the id of the group new users join from the group's URL in 360Learning",
        ),
  ];
  const client = createApi360Client(settings);
  try {
    await client.authenticate();
    checks.push(
      check('token', true, `access token obtained from ${new URL(settings.baseUrl).origin}`),
    );
  } catch (error) {
    return [...checks, failed('token', error)];
  }
  try {
    const page = await client.firstUsersPage();
    checks.push(
      check(
        'users',
        true,
        `first page read: ${page.users.length} users${page.unreadable.length === 0 ? '' : ` and ${page.unreadable.length} without a readable _id, mail or status (left untouched)`}${page.more ? ', more pages follow' : ''}`,
      ),
    );
  } catch (error) {
    return [...checks, failed('users', error)];
  }
  checks.push(
    check(
      'write scope',
      true,
      "not tested (it would take a write): in 360Learning's API v2 admin panel, check the API client has the users:write scope, or ask your 360Learning CSM to enable it; without it the first run stops with api360-failed (HTTP 403 invalid_scope)",
    ),
  );
  return checks;
};
