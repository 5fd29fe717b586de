import { isCalendarDate } from '@sync360/core';
import { parseHostKeyPins } from '@sync360/sftp';
import { z } from 'zod';
import { commaList, integerFrom, isTimeZone, optionalText } from './env-helpers.js';

/** Every variable of SPEC §3 the runner reads, with the fix in each message. */
export const runnerEnvSchema = z.object({
  LUCCA_BASE_URL: optionalText.pipe(
    z.url({ message: 'LUCCA_BASE_URL must be a URL such as https://acme.ilucca.net' }).optional(),
  ),
  LUCCA_API_KEY: optionalText,
  LUCCA_STATUS_FIELD: optionalText.transform((value) => value ?? 'e_360_status'),
  SFTP_HOST: optionalText,
  SFTP_PORT: integerFrom('SFTP_PORT', 1).pipe(
    z.number().max(65535, 'SFTP_PORT must be at most 65535').optional(),
  ),
  SFTP_USERNAME: optionalText,
  SFTP_PRIVATE_KEY: optionalText,
  SFTP_PASSWORD: optionalText,
  SFTP_PASSPHRASE: optionalText,
  SFTP_HOST_KEY_SHA256: optionalText.transform((value, context) => {
    if (value === undefined) return undefined;
    const parsed = parseHostKeyPins(value);
    if (parsed.ok) return parsed.pins;
    context.addIssue({
      code: 'custom',
      message: `${parsed.reason}; give SHA256:<base64> fingerprints separated by commas (a whole \`ssh-keygen -lf\` line works)`,
    });
    return z.NEVER;
  }),
  SFTP_REMOTE_DIR: optionalText.transform((value) => value ?? '.'),
  SYNC360_LEGAL_ENTITIES: commaList,
  SYNC360_UNIQUE_ID: optionalText.pipe(
    z
      .enum(['employeeNumber', 'entity-employeeNumber'], {
        message: 'SYNC360_UNIQUE_ID must be employeeNumber or entity-employeeNumber',
      })
      .optional(),
  ),
  SYNC360_ACTIVE_LABELS: commaList,
  SYNC360_INACTIVE_LABELS: commaList,
  SYNC360_FILE_NAME: optionalText.pipe(
    z
      .string()
      .refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..', {
        message:
          'SYNC360_FILE_NAME must be a plain file name without folders, e.g. users-{date}.csv',
      })
      .optional(),
  ),
  SYNC360_CSV_DELIMITER: optionalText.pipe(
    z.enum([',', ';'], { message: 'SYNC360_CSV_DELIMITER must be "," or ";"' }).optional(),
  ),
  SYNC360_HEADER: commaList.refine((names) => names.length === 0 || names.length === 8, {
    message:
      'SYNC360_HEADER must list exactly eight comma-separated names (uniqueId,email,firstName,lastName,title,language,managerId,status order)',
  }),
  SYNC360_DEFAULT_LANGUAGE: optionalText.pipe(
    z
      .string()
      .regex(
        /^[a-z]{2}$/,
        'SYNC360_DEFAULT_LANGUAGE must be a two-letter ISO 639-1 code such as fr',
      )
      .optional(),
  ),
  SYNC360_OUTPUT_DIR: optionalText.transform((value) => value ?? './out'),
  SYNC360_STATE_DIR: optionalText.transform((value) => value ?? './.sync360'),
  SYNC360_MAX_DEACTIVATIONS: integerFrom('SYNC360_MAX_DEACTIVATIONS', 0),
  SYNC360_TIMEZONE: optionalText.pipe(
    z
      .string()
      .refine(isTimeZone, 'SYNC360_TIMEZONE must be an IANA time zone such as Europe/Paris')
      .optional(),
  ),
  SYNC360_TODAY: optionalText.pipe(
    z
      .string()
      .refine(isCalendarDate, 'SYNC360_TODAY must be a real date written YYYY-MM-DD')
      .optional(),
  ),
  SYNC360_ONBOARDING_LEAD_DAYS: integerFrom('SYNC360_ONBOARDING_LEAD_DAYS', 0),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_CHANNEL_ID: optionalText,
  SLACK_API_URL: optionalText.pipe(
    z.url({ message: 'SLACK_API_URL must be a URL (default https://slack.com/api/)' }).optional(),
  ),
  GITHUB_TOKEN: optionalText,
  GITHUB_REPOSITORY: optionalText.pipe(
    z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'GITHUB_REPOSITORY must be owner/name')
      .optional(),
  ),
  GITHUB_API_URL: optionalText.pipe(z.url({ message: 'GITHUB_API_URL must be a URL' }).optional()),
  GITHUB_SERVER_URL: optionalText,
  GITHUB_RUN_ID: optionalText,
  GITHUB_ACTIONS: optionalText,
  GITHUB_STEP_SUMMARY: optionalText,
  SYNC360_WORKFLOW: optionalText.transform((value) => value ?? 'sync360-nightly.yml'),
  SYNC360_GIT_REF: optionalText.transform((value) => value ?? 'main'),
});

export type RunnerEnv = z.infer<typeof runnerEnvSchema>;
