import { httpStatusOf, isSync360Error, type ErrorKind } from '@sync360/core';
import { escapeMrkdwn, mrkdwnLink } from './text.js';

/**
 * What Slack may say of a failure: our code, the coded error's kind and the HTTP status an
 * outside system answered. Never the error's message or hint: those quote Lucca, 360Learning or
 * GitHub answers (bodies, emails, names) and name variables and flags. The log has them.
 */
export interface FailureFacts {
  readonly code: string;
  readonly kind?: ErrorKind | undefined;
  readonly status?: number | null | undefined;
}

/** The facts of anything thrown: a coded error's code, kind and status, else `internal`. */
export const failureFactsOf = (error: unknown): FailureFacts =>
  isSync360Error(error)
    ? { code: error.code, kind: error.kind, status: httpStatusOf(error) }
    : { code: 'internal', kind: 'internal', status: null };

/** `` `lucca-http-error`, HTTP 400 ``: our code and the outside status, for the reader to quote. */
export const failureCodeText = (facts: FailureFacts): string => {
  const status = typeof facts.status === 'number' ? `, HTTP ${String(facts.status)}` : '';
  return `\`${escapeMrkdwn(facts.code)}\`${status}`;
};

/** Where a person reads the failure: a run (link to its log) or a click or command in Slack. */
export interface FailureScene {
  /** The GitHub run whose log has the whole error; null for the bot (its own log). */
  readonly runUrl?: string | null;
  /** The Lucca field the Set-status buttons write, named in a refused write. */
  readonly statusField?: string;
}

const settingsFix = (scene: FailureScene): string =>
  scene.runUrl
    ? `An admin must change sync360's settings (${mrkdwnLink(scene.runUrl, 'the run log')} says which one).`
    : "An admin must change sync360's settings (the log says which one).";

const temporary = 'This is usually temporary: try again in a few minutes.';

/** What a person can do, by our code; the kind's advice when the code has none of its own. */
const adviceByCode: Readonly<Record<string, (scene: FailureScene) => string>> = {
  'lucca-auth': (scene) => `Lucca refused sync360's access key. ${settingsFix(scene)}`,
  'lucca-http-error': (scene) => `Lucca refused the request. ${settingsFix(scene)}`,
  'lucca-too-many': (scene) =>
    `Lucca listed more employees than sync360's safety cap. ${settingsFix(scene)}`,
  'lucca-unreachable': () => `Lucca could not be reached. ${temporary}`,
  'lucca-server-error': () => `Lucca had a problem on its side. ${temporary}`,
  'lucca-rate-limited': () =>
    `Lucca is receiving too many requests from this company's integrations. ${temporary}`,
  'lucca-bad-response': () => `Lucca sent an answer sync360 could not read. ${temporary}`,
  'lucca-status-entry': () =>
    'The 360 status field in Lucca needs exactly one entry for Active and one for Inactive: an admin must fix the field’s list in Lucca.',
  'lucca-definitions-unavailable': (scene) =>
    `The bot's Lucca key cannot read the custom fields, so it cannot find the 360 status values. ${settingsFix(scene)}`,
  'status-field-missing': (scene) =>
    `The 360 status field was not found in Lucca. ${settingsFix(scene)}`,
  'lucca-write-forbidden': (scene) =>
    `Lucca refused the write: the bot's Lucca key lacks the edit right on the employee-file section that holds the 360 status field${scene.statusField === undefined ? '' : ` (\`${escapeMrkdwn(scene.statusField)}\`)`}. An admin must give the key that right in Lucca, or set the status there by hand.`,
  'lucca-user-gone': () =>
    'Lucca no longer has this person (deleted or merged). `/sync360 pending` shows the current list.',
  'lucca-write-not-confirmed': () =>
    'Lucca accepted the write but still shows the old status: check this person in Lucca and set it there by hand.',
  'github-unreachable': () => `GitHub did not answer. ${temporary}`,
  'github-api': () => `GitHub had a problem on its side. ${temporary}`,
  'github-dispatch-unconfirmed': () =>
    'GitHub did not confirm the request: it may have started. Check `/sync360 status` before starting another one.',
  'github-forbidden': (scene) =>
    `GitHub refused the bot (a missing right, or GitHub's hourly limit). ${settingsFix(scene)}`,
  'data-errors': () =>
    'Some employees have data errors and sync360 is set to stop on them: fix them in Lucca (the run report lists them by employee number).',
  'state-locked': () =>
    'Another sync360 run was still working, so this one did not start. Tonight’s run tries again.',
  'api360-rejected': () =>
    '360Learning refused some users: each is a fix-data reminder (`/sync360 pending`).',
  'sftp-host-key-mismatch': (scene) =>
    `360Learning's file server did not prove it is the expected server, so nothing was sent. ${settingsFix(scene)}`,
  'sftp-auth': (scene) =>
    `360Learning's file server refused sync360's login. ${settingsFix(scene)}`,
  'sftp-remote-dir-missing': (scene) =>
    `The folder on 360Learning's file server does not exist. ${settingsFix(scene)}`,
};

const adviceByKind: Readonly<
  Record<ErrorKind, (facts: FailureFacts, scene: FailureScene) => string>
> = {
  config: (_facts, scene) => settingsFix(scene),
  source: () => `The employees could not be read. ${temporary}`,
  delivery: () =>
    `360Learning did not take the file. ${temporary} If it keeps failing, an admin must check the delivery.`,
  strict: () => 'Fix the data errors in Lucca (the run report lists them by employee number).',
  guard: () => 'Review who would change and approve, or fix the data in Lucca.',
  internal: (facts, scene) =>
    facts.code.startsWith('github-')
      ? `GitHub refused the bot. ${settingsFix(scene)}`
      : `An unexpected error: ${scene.runUrl ? mrkdwnLink(scene.runUrl, 'the run log') : 'the log'} has the details. Try again in a few minutes.`,
};

/** What a person can do about this failure, in plain words (mrkdwn, links escaped). */
export const failureAdvice = (facts: FailureFacts, scene: FailureScene = {}): string => {
  const byCode = adviceByCode[facts.code];
  if (byCode !== undefined) return byCode(scene);
  const kind = facts.kind ?? (facts.code.startsWith('lucca-') ? 'source' : 'internal');
  return adviceByKind[kind](facts, scene);
};
