import { commaList, integerFrom, optionalText, optionalUrl, planEnvShape } from '@sync360/config';
import { parseHostKeyPins } from '@sync360/sftp';
import { z } from 'zod';

/** Every variable of SPEC §3 the runner reads, with the fix in each message. */
export const runnerEnvSchema = z.object({
  ...planEnvShape,
  LUCCA_BASE_URL: optionalUrl('LUCCA_BASE_URL', 'https://acme.ilucca.net'),
  LUCCA_API_KEY: optionalText,
  LUCCA_TIMEOUT_MS: integerFrom('LUCCA_TIMEOUT_MS', 1, 600_000),
  LUCCA_RETRIES: integerFrom('LUCCA_RETRIES', 0, 20),
  LUCCA_RETRY_DELAY_MS: integerFrom('LUCCA_RETRY_DELAY_MS', 0, 600_000),
  SFTP_HOST: optionalText,
  SFTP_PORT: integerFrom('SFTP_PORT', 1, 65535),
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
  SFTP_PGP_PUBLIC_KEY: optionalText,
  SFTP_CONNECT_TIMEOUT_MS: integerFrom('SFTP_CONNECT_TIMEOUT_MS', 1, 600_000),
  SFTP_TIMEOUT_MS: integerFrom('SFTP_TIMEOUT_MS', 1, 600_000),
  SFTP_ATTEMPTS: integerFrom('SFTP_ATTEMPTS', 1, 10),
  SFTP_RETRY_DELAY_MS: integerFrom('SFTP_RETRY_DELAY_MS', 1, 600_000),
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
  SYNC360_OUTPUT_DIR: optionalText.transform((value) => value ?? './out'),
  SYNC360_STATE_DIR: optionalText.transform((value) => value ?? './.sync360'),
  SYNC360_MAX_DEACTIVATIONS: integerFrom('SYNC360_MAX_DEACTIVATIONS', 0),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_CHANNEL_ID: optionalText,
  SLACK_HR_CHANNEL_ID: optionalText.refine(
    (value) => value === undefined || /^[CG][A-Z0-9]{2,}$/.test(value),
    'SLACK_HR_CHANNEL_ID must be the ID of a private channel such as G012ABCDEF (channel details > About, at the bottom)',
  ),
  SYNC360_SLACK_THREAD: optionalText,
  SYNC360_STATUS_BUTTONS: optionalText.pipe(
    z
      .enum(['true', 'false'], {
        message: 'SYNC360_STATUS_BUTTONS must be true (the bot has LUCCA_WRITE_API_KEY) or false',
      })
      .optional(),
  ),
  SLACK_API_URL: optionalUrl('SLACK_API_URL', 'https://slack.com/api/ (or unset)'),
  GITHUB_TOKEN: optionalText,
  GITHUB_REPOSITORY: optionalText.pipe(
    z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'GITHUB_REPOSITORY must be owner/name')
      .optional(),
  ),
  GITHUB_API_URL: optionalUrl('GITHUB_API_URL', 'https://api.github.com (or unset)'),
  GITHUB_SERVER_URL: optionalText,
  GITHUB_RUN_ID: optionalText,
  GITHUB_ACTIONS: optionalText,
  GITHUB_STEP_SUMMARY: optionalText,
  SYNC360_WORKFLOW: optionalText.transform((value) => value ?? 'sync360-nightly.yml'),
  SYNC360_GIT_REF: optionalText.transform((value) => value ?? 'main'),
});

export type RunnerEnv = z.infer<typeof runnerEnvSchema>;
