/**
 * Which fake GitHub endpoint a request targets. Paths are GitHub's REST paths (no `/api/v3`
 * prefix: point octokit's `baseUrl` at the fake's root).
 */
export type FakeGithubRoute = 'repo' | 'workflow' | 'runs' | 'dispatch' | 'jobs';

export interface MatchedRoute {
  readonly route: FakeGithubRoute;
  /** `owner/name` from the path. */
  readonly repository: string;
  /** Workflow file name or id (workflow, runs, dispatch routes), else ''. */
  readonly workflow: string;
  /** Run id (jobs route), else null. */
  readonly runId: number | null;
}

const workflowRoute = (method: string, rest: readonly string[]): FakeGithubRoute | null => {
  if (rest.length === 1 && method === 'GET') return 'workflow';
  if (rest.length === 2 && rest[1] === 'runs' && method === 'GET') return 'runs';
  if (rest.length === 2 && rest[1] === 'dispatches' && method === 'POST') return 'dispatch';
  return null;
};

export const matchRoute = (method: string, pathname: string): MatchedRoute | null => {
  const segments = pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const [root, owner, name, area, kind, ...rest] = segments;
  if (root !== 'repos' || owner === undefined || name === undefined) return null;
  const repository = `${owner}/${name}`;
  if (area === undefined) {
    return method === 'GET' ? { route: 'repo', repository, workflow: '', runId: null } : null;
  }
  if (area !== 'actions') return null;
  if (kind === 'workflows') {
    const route = workflowRoute(method, rest);
    return route === null ? null : { route, repository, workflow: rest[0] ?? '', runId: null };
  }
  if (kind === 'runs' && rest.length === 2 && rest[1] === 'jobs' && method === 'GET') {
    const runId = Number(rest[0]);
    return Number.isInteger(runId) ? { route: 'jobs', repository, workflow: '', runId } : null;
  }
  return null;
};
