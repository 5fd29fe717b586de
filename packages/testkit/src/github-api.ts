import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { DEFAULT_MESSAGES, parseJson, readBody, send, sendError, sleep } from './github-http.js';
import { matchRoute, type FakeGithubRoute } from './github-routes.js';
import {
  fakeRun,
  matchesStatusFilter,
  toApiJobs,
  toApiRun,
  type FakeGithubRun,
} from './github-runs.js';

export type { FakeGithubRoute } from './github-routes.js';
export { fakeRun, type FakeGithubRun } from './github-runs.js';

/**
 * A local fake of the part of GitHub's REST API that sync360 uses (Actions workflows and runs),
 * on 127.0.0.1 with a random port. Point `GITHUB_API_URL` (or octokit's `baseUrl`) at `url`.
 *
 * Routes: `GET /repos/:o/:r`, `GET /repos/:o/:r/actions/workflows/:wf`,
 * `GET /repos/:o/:r/actions/workflows/:wf/runs` (`per_page`, `status`, `event`, `branch`),
 * `POST /repos/:o/:r/actions/workflows/:wf/dispatches` (recorded in `dispatches`, answers 204),
 * `GET /repos/:o/:r/actions/runs/:id/jobs` (the run's `jobs`, see `fakeRun`).
 * Unknown repository or workflow -> 404, unknown ref or non-string input -> 422, wrong token
 * (when `token` is set) -> 401, exactly as GitHub answers.
 */
export type FakeWorkflowState = 'active' | 'disabled_inactivity' | 'disabled_manually';

export interface FakeGithubOptions {
  /** `owner/name`; default `acme/sync360`. */
  readonly repository?: string;
  /** Workflow file name; default `sync360-nightly.yml` (its numeric id is accepted too). */
  readonly workflow?: string;
  readonly workflowId?: number;
  /** Refs a dispatch may target; default `['main']`. */
  readonly refs?: readonly string[];
  /** When set, every request must send `Authorization: token <token>` (or `Bearer`). */
  readonly token?: string;
  readonly runs?: readonly FakeGithubRun[];
  /** Delay before every answer, in ms (to test timeouts and Slack's 3-second ack). */
  readonly delayMs?: number;
  readonly workflowState?: FakeWorkflowState;
  /** Each accepted dispatch adds a queued `workflow_dispatch` run at the head of the list. */
  readonly dispatchCreatesRun?: boolean;
}

export interface FakeDispatch {
  readonly ref: string;
  /** Input values exactly as sent (GitHub wants strings; the fake refuses anything else). */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorized: boolean;
}

export interface FailureOptions {
  /** Only this route fails; default every route. */
  readonly route?: FakeGithubRoute;
  /** Fail this many requests, then answer normally again; default forever. */
  readonly times?: number;
  readonly message?: string;
  /**
   * Extra response headers, e.g. a secondary rate limit: `{ 'retry-after': '1' }` with a message
   * saying "secondary rate limit"; a primary one: `x-ratelimit-remaining: 0` and
   * `x-ratelimit-reset` (epoch seconds).
   */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeGithub {
  /** Base API URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly repository: string;
  readonly workflow: string;
  /** Every accepted dispatch, in order. */
  readonly dispatches: FakeDispatch[];
  /** Every request received, in order (tokens are never recorded). */
  readonly requests: FakeRequest[];
  setRuns(runs: readonly FakeGithubRun[]): void;
  setDelayMs(ms: number): void;
  setWorkflowState(state: FakeWorkflowState): void;
  /** Answer with `status` (e.g. 401, 404, 500); `failWith(null)` clears it. */
  failWith(status: number | null, options?: FailureOptions): void;
  close(): Promise<void>;
}

interface Failure {
  readonly status: number;
  readonly route: FakeGithubRoute | null;
  remaining: number;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
}

const dispatchBody = z.object({
  ref: z.string(),
  inputs: z.record(z.string(), z.unknown()).optional(),
});

export const startFakeGithub = async (options: FakeGithubOptions = {}): Promise<FakeGithub> => {
  const repository = options.repository ?? 'acme/sync360';
  const workflow = options.workflow ?? 'sync360-nightly.yml';
  const workflowId = options.workflowId ?? 161335;
  const refs = options.refs ?? ['main'];
  let runs: FakeGithubRun[] = [...(options.runs ?? [])];
  let delayMs = options.delayMs ?? 0;
  let workflowState: FakeWorkflowState = options.workflowState ?? 'active';
  let failure: Failure | null = null;
  const dispatches: FakeDispatch[] = [];
  const requests: FakeRequest[] = [];

  const isAuthorized = (req: IncomingMessage): boolean => {
    if (options.token === undefined) return true;
    const header = req.headers.authorization ?? '';
    return header === `token ${options.token}` || header === `Bearer ${options.token}`;
  };

  const takeFailure = (route: FakeGithubRoute): Failure | null => {
    if (failure === null || (failure.route !== null && failure.route !== route)) return null;
    const current = failure;
    current.remaining -= 1;
    if (current.remaining <= 0) failure = null;
    return current;
  };

  const listRuns = (res: ServerResponse, query: URLSearchParams): void => {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? '30') || 30));
    const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
    const event = query.get('event');
    const branch = query.get('branch');
    const matching = [...runs]
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
      .filter((run) => matchesStatusFilter(run, query.get('status')))
      .filter((run) => event === null || run.event === event)
      .filter((run) => branch === null || run.head_branch === branch);
    send(res, 200, {
      total_count: matching.length,
      workflow_runs: matching.slice((page - 1) * perPage, page * perPage).map(toApiRun),
    });
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = dispatchBody.safeParse(parseJson(await readBody(req)));
    if (!parsed.success)
      return sendError(
        res,
        422,
        'Invalid request body: expected {"ref": string, "inputs": object}',
      );
    const { ref } = parsed.data;
    const inputs = parsed.data.inputs ?? {};
    if (!refs.includes(ref)) return sendError(res, 422, `No ref found for: ${ref}`);
    if (workflowState !== 'active')
      return sendError(res, 422, `Cannot trigger a 'workflow_dispatch' on a disabled workflow`);
    for (const [key, value] of Object.entries(inputs)) {
      if (typeof value !== 'string')
        return sendError(
          res,
          422,
          `For 'properties/${key}', ${JSON.stringify(value)} is not a string.`,
        );
    }
    const at = new Date();
    dispatches.push({ ref, inputs, at });
    if (options.dispatchCreatesRun === true) {
      runs = [
        fakeRun({ status: 'queued', event: 'workflow_dispatch', createdAt: at, repository }),
        ...runs,
      ];
    }
    send(res, 204);
  };

  const answer = async (
    req: IncomingMessage,
    res: ServerResponse,
    matched: { route: FakeGithubRoute; workflow: string; runId: number | null },
    query: URLSearchParams,
  ): Promise<void> => {
    if (matched.route === 'repo') {
      return send(res, 200, {
        id: 4242,
        full_name: repository,
        private: true,
        default_branch: refs[0] ?? 'main',
      });
    }
    if (matched.route === 'jobs') {
      const run = runs.find((candidate) => candidate.id === matched.runId);
      if (run === undefined) return sendError(res, 404);
      return send(res, 200, { total_count: run.jobs.length, jobs: toApiJobs(run) });
    }
    if (matched.workflow !== workflow && matched.workflow !== String(workflowId)) {
      return sendError(res, 404);
    }
    if (matched.route === 'workflow') {
      return send(res, 200, {
        id: workflowId,
        name: 'sync360 nightly',
        path: `.github/workflows/${workflow}`,
        state: workflowState,
      });
    }
    if (matched.route === 'runs') return listRuns(res, query);
    return dispatch(req, res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const authorized = isAuthorized(req);
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorized,
    });
    if (delayMs > 0) await sleep(delayMs);
    const matched = matchRoute(method, url.pathname);
    if (matched === null) return sendError(res, 404);
    if (!authorized) return sendError(res, 401);
    const failing = takeFailure(matched.route);
    if (failing !== null) return sendError(res, failing.status, failing.message, failing.headers);
    if (matched.repository !== repository) return sendError(res, 404);
    return answer(req, res, matched, url.searchParams);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendError(res, 500, error instanceof Error ? error.message : 'fake failure');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: AddressInfo | string | null = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('fake GitHub: no TCP address');

  return {
    url: `http://127.0.0.1:${String(address.port)}`,
    repository,
    workflow,
    dispatches,
    requests,
    setRuns: (next) => {
      runs = [...next];
    },
    setDelayMs: (ms) => {
      delayMs = ms;
    },
    setWorkflowState: (state) => {
      workflowState = state;
    },
    failWith: (status, failOptions = {}) => {
      failure =
        status === null
          ? null
          : {
              status,
              route: failOptions.route ?? null,
              remaining: failOptions.times ?? Number.POSITIVE_INFINITY,
              message: failOptions.message ?? DEFAULT_MESSAGES[status] ?? 'Server Error',
              headers: failOptions.headers ?? {},
            };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
