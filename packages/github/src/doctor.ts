import { isSync360Error, type DoctorCheck } from '@sync360/core';
import { z } from 'zod';
import { createOctokit } from './client.js';
import { badResponse, callGithub, type CallContext } from './map-error.js';
import { listRecentRuns } from './runs.js';
import { repoCoordinates, type GithubSettings } from './settings.js';

const repoSchema = z.object({ full_name: z.string() });
const workflowSchema = z.object({ path: z.string(), state: z.string() });

const ok = (name: string, detail: string): DoctorCheck => ({
  system: 'github',
  name,
  ok: true,
  detail,
  fix: null,
});

const failed = (name: string, error: unknown): DoctorCheck =>
  isSync360Error(error)
    ? { system: 'github', name, ok: false, detail: error.message, fix: error.hint }
    : {
        system: 'github',
        name,
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
        fix: 'Run doctor again; if it persists, report it with this message.',
      };

const checkRepository = async (settings: GithubSettings): Promise<DoctorCheck> => {
  const name = 'token and repository';
  try {
    const { owner, repo } = repoCoordinates(settings);
    const context: CallContext = { settings, operation: `reading ${settings.repository}` };
    const octokit = createOctokit(settings);
    const response = await callGithub(context, () => octokit.rest.repos.get({ owner, repo }));
    const parsed = repoSchema.safeParse(response.data);
    if (!parsed.success) throw badResponse(context, 'no full_name in the repository');
    return ok(name, `token accepted, ${parsed.data.full_name} visible`);
  } catch (error: unknown) {
    return failed(name, error);
  }
};

const checkWorkflow = async (settings: GithubSettings): Promise<DoctorCheck> => {
  const name = 'workflow';
  try {
    const { owner, repo } = repoCoordinates(settings);
    const context: CallContext = { settings, operation: `reading workflow ${settings.workflow}` };
    const octokit = createOctokit(settings);
    const response = await callGithub(context, () =>
      octokit.rest.actions.getWorkflow({ owner, repo, workflow_id: settings.workflow }),
    );
    const parsed = workflowSchema.safeParse(response.data);
    if (!parsed.success) throw badResponse(context, 'no path or state in the workflow');
    const { path, state } = parsed.data;
    if (state === 'active') return ok(name, `${path} found and enabled`);
    return {
      system: 'github',
      name,
      ok: false,
      detail: `${path} is ${state.replace(/_/g, ' ')}: it will neither run nightly nor accept a dispatch`,
      fix:
        state === 'disabled_inactivity'
          ? 'GitHub disabled it after 60 days without repository activity: enable it again under Actions > the workflow > "Enable workflow".'
          : 'Enable it under Actions > the workflow > "Enable workflow".',
    };
  } catch (error: unknown) {
    return failed(name, error);
  }
};

const checkRuns = async (settings: GithubSettings): Promise<DoctorCheck> => {
  const name = 'workflow runs readable';
  try {
    const [last] = await listRecentRuns(settings, 1);
    return ok(
      name,
      last === undefined
        ? 'no run yet'
        : `last run ${last.conclusion ?? last.status} at ${last.createdAt}`,
    );
  } catch (error: unknown) {
    return failed(name, error);
  }
};

/**
 * `sync360 doctor`'s GitHub lines: the token is accepted and sees the repository, the workflow
 * exists and is enabled, its runs can be read. Stops at the first failure (the later checks
 * would only repeat it). Nothing is dispatched: write access (actions:write) shows on first use.
 */
export const checkGithub = async (settings: GithubSettings): Promise<DoctorCheck[]> => {
  const checks: DoctorCheck[] = [];
  for (const check of [checkRepository, checkWorkflow, checkRuns]) {
    const result = await check(settings);
    checks.push(result);
    if (!result.ok) break;
  }
  return checks;
};
