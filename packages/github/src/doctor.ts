import { isSync360Error, messageOf, type DoctorCheck } from '@sync360/core';
import type { Octokit } from 'octokit';
import { z } from 'zod';
import { callGithub } from './errors.js';
import { createOctokit } from './octokit.js';
import { fetchRuns } from './runs.js';
import { repoCoordinates, type GithubSettings } from './settings.js';

const workflowSchema = z.object({
  path: z.string().nullable().catch(null),
  state: z.string().nullable().catch(null),
});

type Check = (octokit: Octokit, settings: GithubSettings) => Promise<string | DoctorCheck>;

const checkRepository: Check = async (octokit, settings) => {
  await callGithub({ settings, operation: `reading ${settings.repository}` }, () =>
    octokit.rest.repos.get(repoCoordinates(settings)),
  );
  return `token accepted, ${settings.repository} visible`;
};

const checkWorkflow: Check = async (octokit, settings) => {
  const { data } = await callGithub(
    { settings, operation: `reading workflow ${settings.workflow}` },
    () =>
      octokit.rest.actions.getWorkflow({
        ...repoCoordinates(settings),
        workflow_id: settings.workflow,
      }),
  );
  // Read for its state only; a missing path is the file name asked for.
  const workflow = workflowSchema.safeParse(data);
  const path = (workflow.success ? workflow.data.path : null) ?? settings.workflow;
  const state = (workflow.success ? workflow.data.state : null) ?? 'in an unknown state';
  if (state === 'active') return `${path} found and enabled`;
  return {
    system: 'github',
    name: 'workflow',
    ok: false,
    detail: `${path} is ${state.replace(/_/g, ' ')}: it will neither run nightly nor accept a dispatch`,
    fix:
      state === 'disabled_inactivity'
        ? 'GitHub disabled it after 60 days without repository activity: enable it again under Actions > the workflow > "Enable workflow".'
        : 'Enable it under Actions > the workflow > "Enable workflow".',
  };
};

const checkRuns: Check = async (octokit, settings) => {
  const [last] = await fetchRuns(octokit, settings, 1);
  return last === undefined
    ? 'no run yet'
    : `last run ${last.conclusion ?? last.status} at ${last.createdAt || 'an unknown time'}`;
};

const CHECKS: ReadonlyArray<readonly [string, Check]> = [
  ['token and repository', checkRepository],
  ['workflow', checkWorkflow],
  ['workflow runs readable', checkRuns],
];

const failed = (name: string, error: unknown): DoctorCheck =>
  isSync360Error(error)
    ? { system: 'github', name, ok: false, detail: error.message, fix: error.hint }
    : {
        system: 'github',
        name,
        ok: false,
        detail: messageOf(error),
        fix: 'Run doctor again; if it persists, report it with this message.',
      };

/**
 * `sync360 doctor`'s GitHub lines: the token is accepted and sees the repository, the workflow
 * exists and is enabled, its runs can be read. Stops at the first failure (the later checks
 * would only repeat it). Nothing is dispatched: write access (actions:write) shows on first use.
 */
export const checkGithub = async (settings: GithubSettings): Promise<DoctorCheck[]> => {
  const octokit = createOctokit(settings);
  const checks: DoctorCheck[] = [];
  for (const [name, check] of CHECKS) {
    let result: DoctorCheck;
    try {
      const outcome = await check(octokit, settings);
      result =
        typeof outcome === 'string'
          ? { system: 'github', name, ok: true, detail: outcome, fix: null }
          : outcome;
    } catch (error: unknown) {
      result = failed(name, error);
    }
    checks.push(result);
    if (!result.ok) break;
  }
  return checks;
};
