import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { reportSchema, type Report } from '@sync360/core';
import {
  learningRoutes,
  learningScopes,
  type FakeLearningData,
} from '@sync360/testkit/api360-learning';
import { startFakeApi360, type FakeApi360 } from '@sync360/testkit/api360-server';
import {
  createFakeTrainingApi,
  type FakeTrainingApi,
  type FakeTrainingOptions,
} from '@sync360/testkit/lucca-training';
import { startFakeLucca, type FakeLucca } from '@sync360/testkit/lucca-server';
import { startFakeSlack } from '@sync360/testkit/slack-api';
import { makeTempDir } from '@sync360/testkit/temp-dir';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, user } from './cli-harness.js';

// The harness's day is 2026-11-25 (SYNC360_TODAY); Europe/Paris is UTC+1 in November.
const today = '2026-11-25';
const startOfToday = '2026-11-24T23:00:00.000Z';
const windowFrom = '2026-10-25T23:00:00.000Z';

const trainingKey = 'test-training-key-8c1e77f0';
const ids = {
  u1: 'a00000000000000000000001',
  u2: 'a00000000000000000000002',
  stranger: 'a00000000000000000000009',
  noMail: 'a0000000000000000000000a',
  safety: 'b00000000000000000000001',
  onboarding: 'b00000000000000000000002',
  postures: 'b00000000000000000000003',
};
const strangerMail = 'someone.else@elsewhere.test';

const pathStat = (
  userId: string,
  pathId: string,
  type: string,
  completedAt: string | null,
  timeSpent: number,
  startedAt = '2026-11-02T08:00:00.000Z',
): Record<string, unknown> => ({
  _id: `${userId.slice(0, 12)}${pathId.slice(12)}`,
  progress: type === 'successful' ? 100 : 40,
  status: { type },
  timeSpent,
  userId,
  enrolledAt: '2026-10-01T08:00:00.000Z',
  startedAt,
  selfEnrolled: false,
  pathId,
  sessionId: 'c00000000000000000000001',
  ...(completedAt === null ? {} : { completedAt }),
});

const courseStat = (
  userId: string,
  courseId: string,
  progress: number,
  completedAt: string,
  pathId?: string,
): Record<string, unknown> => ({
  _id: `${courseId.slice(0, 12)}${userId.slice(12)}`,
  lang: 'fr',
  firstActivityAt: '2026-11-01T10:00:00.000Z',
  timeSpent: 1_800_000,
  progress,
  completedAt,
  courseId,
  userId,
  ...(pathId === undefined ? {} : { pathId, pathSessionId: 'c00000000000000000000001' }),
});

const learning: FakeLearningData = {
  pageSize: 2,
  paths: [
    { _id: ids.safety, name: 'Sécurité au travail' },
    { _id: ids.onboarding, name: 'Onboarding' },
    { _id: ids.postures, name: 'Gestes et postures' },
  ],
  pathStats: [
    // Counted: 5,400,001 ms is 1.5000003 h, rounded up to 1.51.
    pathStat(ids.u1, ids.safety, 'successful', '2026-11-10T09:00:00.000Z', 5_400_001),
    // Not successful: never recorded, whatever its completion date.
    pathStat(ids.u2, ids.safety, 'unsuccessful', '2026-11-12T09:00:00.000Z', 3_600_000),
    // Yesterday in Paris (23:30 local): counted; 1 ms is at least 0.01 h.
    pathStat(
      ids.u2,
      ids.onboarding,
      'successful',
      '2026-11-24T22:30:00.000Z',
      1,
      '2026-11-24T20:00:00.000Z',
    ),
    // Today in Paris (00:30 local): waits for tomorrow.
    pathStat(ids.u1, ids.onboarding, 'successful', '2026-11-24T23:30:00.000Z', 60_000),
    // A 360 user no Lucca employee has the mail of.
    pathStat(ids.stranger, ids.safety, 'successful', '2026-11-05T09:00:00.000Z', 60_000),
    // No Ready training of that title in Lucca.
    pathStat(ids.u1, ids.postures, 'successful', '2026-11-06T09:00:00.000Z', 36_000),
    // A 360 user without a mail: skipped and counted.
    pathStat(ids.noMail, ids.safety, 'successful', '2026-11-07T09:00:00.000Z', 60_000),
    // Before the window.
    pathStat(ids.u2, ids.postures, 'successful', '2026-10-20T09:00:00.000Z', 60_000),
    // A row without the time spent it must have: skipped and counted, never the run's failure.
    {
      _id: 'e00000000000000000000001',
      userId: ids.u2,
      pathId: ids.postures,
      status: { type: 'successful' },
      completedAt: '2026-11-11T09:00:00.000Z',
    },
  ],
  courses: [
    { _id: 'd00000000000000000000001', name: 'Excel' },
    { _id: 'd00000000000000000000002', name: 'Module sécurité' },
  ],
  courseStats: [
    courseStat(ids.u1, 'd00000000000000000000001', 100, '2026-11-08T10:00:00.000Z'),
    // Played inside a path that is read: the path stands for it.
    courseStat(ids.u1, 'd00000000000000000000002', 100, '2026-11-09T10:00:00.000Z', ids.safety),
    // Not finished.
    courseStat(ids.u2, 'd00000000000000000000001', 80, '2026-11-09T10:00:00.000Z'),
  ],
};

interface Scene {
  readonly lucca: FakeLucca;
  readonly training: FakeTrainingApi;
  readonly api360: FakeApi360;
  readonly dir: string;
  readonly reportPath: string;
  readonly env: Record<string, string>;
  history(args?: ReadonlyArray<string>, env?: Record<string, string>): ReturnType<typeof runCli>;
  report(): Promise<Report>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const scene = async (
  trainingOptions: Partial<FakeTrainingOptions> = {},
  scopes: ReadonlyArray<string> = learningScopes,
): Promise<Scene> => {
  const training = createFakeTrainingApi({
    apiKey: trainingKey,
    otherKeys: ['test-lucca-key-5f2c9a'],
    today,
    maxLimit: 2,
    trainings: [
      { id: 11, title: 'SÉCURITÉ AU TRAVAIL', state: 'Ready' },
      { id: 12, title: 'Onboarding', state: 'Ready' },
      { id: 13, title: 'Gestes et postures', state: 'Archived' },
      { id: 14, title: 'Excel', state: 'Ready' },
    ],
    ...trainingOptions,
  });
  const lucca = await startFakeLucca({
    users: [user(1), user(2), user(3)],
    today,
    extraRoutes: training.routes,
  });
  cleanups.push(() => lucca.close());
  const api360 = await startFakeApi360({
    scopes,
    routes: learningRoutes(learning),
    pageSize: 2,
    users: [
      { _id: ids.u1, mail: 'Jeanne.Martin1@exemple.fr', status: 'active', lang: 'fr' },
      { _id: ids.u2, mail: 'jeanne.martin2@exemple.fr', status: 'active', lang: 'fr' },
      { _id: ids.stranger, mail: strangerMail, status: 'active', lang: 'fr' },
      { _id: ids.noMail, status: 'active', lang: 'fr' },
    ],
  });
  cleanups.push(() => api360.close());
  const temp = await makeTempDir('sync360-history-');
  cleanups.push(temp.cleanup);
  const reportPath = join(temp.path, 'report.json');
  const env = {
    LUCCA_BASE_URL: lucca.url,
    LUCCA_API_KEY: lucca.apiKey,
    LUCCA_TRAINING_API_KEY: trainingKey,
    LUCCA_RETRIES: '1',
    LUCCA_RETRY_DELAY_MS: '1',
    API360_BASE_URL: api360.url,
    API360_CLIENT_ID: api360.clientId,
    API360_CLIENT_SECRET: api360.clientSecret,
  };
  return {
    lucca,
    training,
    api360,
    dir: temp.path,
    reportPath,
    env,
    history: (args = [], extra = {}) =>
      runCli(['history', '--report', reportPath, ...args], {
        cwd: temp.path,
        env: { ...env, ...extra },
      }),
    report: async () => reportSchema.parse(JSON.parse(await readFile(reportPath, 'utf8'))),
  };
};

const posts = (s: Scene) => s.training.requests.filter((request) => request.method === 'POST');

const expectNoSecrets = (s: Scene, ...texts: string[]): void => {
  for (const text of texts)
    for (const secret of [trainingKey, s.lucca.apiKey, s.api360.clientSecret])
      expect(text).not.toContain(secret);
};

describe('sync360 history', () => {
  it('holds the first plan, records exactly it once approved, then writes nothing more', async () => {
    const s = await scene();
    const first = await s.history();
    expect(first.code, first.stderr).toBe(3);
    const held = await s.report();
    expect(held.outcome).toBe('blocked');
    expect(held.failure?.code).toBe('history-review');
    expect(held.file).toBeNull();
    expect(held.changes).toBeNull();
    expect(held.destination).toBeNull();
    const history = held.history;
    expect(history?.window).toEqual({ from: windowFrom, until: startOfToday });
    expect(history?.items).toEqual([
      {
        luccaId: '1',
        employeeNumber: '1',
        title: 'SÉCURITÉ AU TRAVAIL',
        sessionEndsOn: '2026-11-10',
        create: false,
      },
      {
        luccaId: '2',
        employeeNumber: '2',
        title: 'Onboarding',
        sessionEndsOn: '2026-11-24',
        create: false,
      },
    ]);
    expect(history?.planned).toBe(2);
    expect(history?.recorded).toBe(0);
    expect(history?.withoutMail).toBe(1);
    expect(held.warnings.filter((w) => w.includes('lacked a field'))).toHaveLength(1);
    expect(held.counts.active).toBe(3);
    const codes = history?.warnings.map((warning) => warning.code).sort();
    expect(codes).toEqual(['history-owner-unknown', 'history-training-not-in-lucca']);
    expect(history?.warnings.find((w) => w.code === 'history-owner-unknown')?.userId).toBe(
      ids.stranger,
    );
    expect(JSON.stringify(held)).not.toContain(strangerMail);
    expect(first.stdout + first.stderr).not.toContain(strangerMail);
    expect(posts(s)).toEqual([]);
    // The 360Learning window is sent as documented, and every Link page was followed.
    const statsReads = s.api360.requests.filter((r) => r.path === '/api/v2/paths/stats');
    expect(statsReads[0]?.query).toMatchObject({
      'completedAt[gte]': windowFrom,
      'completedAt[lt]': startOfToday,
    });
    expect(statsReads.length).toBeGreaterThan(1);
    // Lucca: the whole catalogue over its cursor pages, the records from the day before.
    const luccaReads = s.training.requests.filter((r) => r.method === 'GET');
    expect(luccaReads.filter((r) => r.path.endsWith('/api/v1/trainings')).length).toBe(2);
    expect(luccaReads.find((r) => r.path.endsWith('/realized-trainings'))?.query).toMatchObject({
      sessionEndOnAfter: '2026-10-24',
    });
    const planPath = join(s.dir, '.sync360', 'history', 'history-plan.json');
    expect((await stat(planPath)).mode & 0o777).toBe(0o600);
    const sha = history?.planSha256 ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(first.stdout).toContain(sha);
    expectNoSecrets(s, first.stdout, first.stderr, await readFile(s.reportPath, 'utf8'));

    const approved = await s.history(['--approve', sha]);
    expect(approved.code, approved.stderr).toBe(0);
    const applied = await s.report();
    expect(applied.outcome).toBe('delivered');
    expect(applied.history?.recorded).toBe(2);
    expect(applied.approvedSha256).toBe(sha);
    expect(s.training.realized().map(({ id: _id, ...record }) => record)).toEqual([
      {
        ownerId: 1,
        trainingId: 11,
        sessionStartsOn: '2026-11-02',
        sessionEndsOn: '2026-11-10',
        durationInHours: 1.51,
        hasAttended: true,
      },
      {
        ownerId: 2,
        trainingId: 12,
        sessionStartsOn: '2026-11-24',
        sessionEndsOn: '2026-11-24',
        durationInHours: 0.01,
        hasAttended: true,
      },
    ]);
    expect(posts(s)[0]?.body).toMatchObject({ trainingId: 11, hasAttended: true });

    // Approving the same plan again writes nothing: Lucca already holds it.
    const twice = await s.history(['--approve', sha]);
    expect(twice.code, twice.stderr).toBe(0);
    expect((await s.report()).history?.skippedExisting).toBe(2);
    expect(posts(s)).toHaveLength(2);

    const again = await s.history();
    expect(again.code, again.stderr).toBe(0);
    const second = await s.report();
    expect(second.history?.planned).toBe(0);
    expect(second.history?.skippedExisting).toBe(2);
    expect(posts(s)).toHaveLength(2);

    // A fresh state folder re-reads Lucca: nothing already there is written again.
    const fresh = await s.history([], { SYNC360_STATE_DIR: join(s.dir, 'elsewhere') });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((await s.report()).history?.recorded).toBe(0);
    expect(posts(s)).toHaveLength(2);
  });

  it('creates a missing training when allowed and falls back to training: {id} when Lucca wants it', async () => {
    const s = await scene({ trainingField: 'training' });
    const run = await s.history(['--force'], { SYNC360_HISTORY_CREATE_TRAININGS: 'true' });
    expect(run.code, run.stderr).toBe(0);
    const report = await s.report();
    expect(report.history?.created).toBe(1);
    expect(report.history?.recorded).toBe(3);
    expect(report.history?.items.find((item) => item.create)).toMatchObject({
      title: 'Gestes et postures',
      sessionEndsOn: '2026-11-06',
    });
    const created = s.training
      .trainings()
      .find((t) => t.title === 'Gestes et postures' && t.state === 'Ready');
    expect(created).toBeDefined();
    const bodies = posts(s).map((request) => request.body);
    expect(bodies[0]).toEqual({ title: 'Gestes et postures' });
    // The first record is tried with trainingId (400), then training: {id}; the rest use it.
    const records = posts(s).filter((r) => r.path.endsWith('/realized-trainings'));
    expect(records.map((r) => r.status)).toEqual([400, 201, 201, 201]);
    expect(records[0]?.body).toHaveProperty('trainingId');
    for (const record of records.slice(1)) expect(record.body).toHaveProperty('training.id');
    expect(s.training.realized().find((r) => r.trainingId === created?.id)?.durationInHours).toBe(
      0.01,
    );
    const state: unknown = JSON.parse(
      await readFile(join(s.dir, '.sync360', 'history', 'history-state.json'), 'utf8'),
    );
    expect(state).toMatchObject({ trainingField: 'training' });
  });

  it('goes on after one refused record, with a warning carrying the status only', async () => {
    // Lucca's own day is earlier: the completion of the 24th is not in its past yet.
    const s = await scene({ today: '2026-11-20' });
    const run = await s.history(['--force']);
    expect(run.code, run.stderr).toBe(0);
    const report = await s.report();
    expect(report.history?.recorded).toBe(1);
    const refusal = report.history?.warnings.find((w) => w.code === 'history-rejected');
    expect(refusal?.message).toContain('HTTP 400');
    expect(refusal?.message).not.toContain('error');
    expect(s.training.realized()).toHaveLength(1);
  });

  it('stops with exit 4 on a Lucca outage while writing, counting what was written', async () => {
    const s = await scene({ outageAfterWrites: 1 });
    const run = await s.history(['--force']);
    expect(run.code, run.stderr).toBe(4);
    const report = await s.report();
    expect(report.outcome).toBe('failed');
    expect(report.history?.recorded).toBe(1);
  });

  it('previews with --dry-run without writing anything, not even the plan file', async () => {
    const s = await scene();
    const run = await s.history(['--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect((await s.report()).history?.planned).toBe(2);
    await expect(stat(join(s.dir, '.sync360', 'history', 'history-plan.json'))).rejects.toThrow();
    expect(posts(s)).toEqual([]);
    expect(run.stdout).toContain('Jeanne Martin1 (1): SÉCURITÉ AU TRAVAIL');
    // Under GitHub Actions, employees are named by employee number only.
    const summaryPath = join(s.dir, 'summary.md');
    const redacted = await s.history(['--dry-run'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summaryPath,
    });
    expect(redacted.code, redacted.stderr).toBe(0);
    const summary = await readFile(summaryPath, 'utf8');
    expect(summary).toContain('## sync360 history — dry-run');
    expect(summary).toContain('history-owner-unknown: 1');
    expect(summary).not.toMatch(/Jeanne|Martin|@exemple|@elsewhere/);
    expect(redacted.stdout).toContain('1: SÉCURITÉ AU TRAVAIL');
    expect(redacted.stdout + redacted.stderr).not.toMatch(/Jeanne|Martin|@exemple/);
  });

  it('reads course attempts too when SYNC360_HISTORY_KINDS includes courses', async () => {
    const s = await scene();
    const run = await s.history(['--dry-run'], { SYNC360_HISTORY_KINDS: 'paths,courses' });
    expect(run.code, run.stderr).toBe(0);
    const items = (await s.report()).history?.items ?? [];
    expect(items.map((item) => [item.luccaId, item.title, item.sessionEndsOn])).toEqual([
      ['1', 'Excel', '2026-11-08'],
      ['1', 'SÉCURITÉ AU TRAVAIL', '2026-11-10'],
      ['2', 'Onboarding', '2026-11-24'],
    ]);
    const courseReads = s.api360.requests.filter((r) => r.path === '/api/v2/courses/stats');
    expect(courseReads[0]?.query).toMatchObject({ 'completedAt[lt]': startOfToday });
  });

  it('refuses an approval of another plan and holds plans above the cap', async () => {
    const s = await scene();
    expect((await s.history(['--approve', 'ab'.repeat(32)])).code).toBe(3);
    expect((await s.report()).failure?.code).toBe('history-approval-mismatch');
    const first = await s.history(['--force']);
    expect(first.code, first.stderr).toBe(0);
    s.training.addTraining({ title: 'Gestes et postures', state: 'Ready' });
    const capped = await s.history([], { SYNC360_HISTORY_MAX_RECORDS: '0' });
    expect(capped.code, capped.stderr).toBe(3);
    expect((await s.report()).history?.planned).toBe(1);
  });

  it('orders exit codes by stage: Lucca 4 before 360Learning 5', async () => {
    const s = await scene({}, ['users:read']);
    const wrongKey = await s.history([], { LUCCA_TRAINING_API_KEY: 'not-the-training-key-11' });
    expect(wrongKey.code, wrongKey.stderr).toBe(4);
    expect((await s.report()).failure?.code).toBe('lucca-training-auth');
    const noScope = await s.history();
    expect(noScope.code, noScope.stderr).toBe(5);
    const failure = (await s.report()).failure;
    expect(failure?.message).toContain('pathStats:read');
    expectNoSecrets(s, wrongKey.stdout, wrongKey.stderr, noScope.stdout, noScope.stderr);
  });

  it('doctor checks the Training key on the catalogue and each 360Learning scope', async () => {
    const s = await scene({}, ['users:read', 'pathStats:read', 'paths:read', 'courses:read']);
    const doctor = await runCli(['doctor'], { cwd: s.dir, env: s.env });
    expect(doctor.stdout).toMatch(/ok +lucca +training catalogue/);
    for (const scope of ['pathStats:read', 'paths:read', 'courses:read', 'users:read'])
      expect(doctor.stdout).toMatch(new RegExp(`ok +api360 scope ${scope}`));
    expect(doctor.stdout).toMatch(/FAIL +api360 scope courseStats:read/);
    expect(doctor.code).toBe(5);
    const badKey = await runCli(['doctor'], {
      cwd: s.dir,
      env: { ...s.env, LUCCA_TRAINING_API_KEY: 'not-the-training-key-11' },
    });
    expect(badKey.stdout).toMatch(/FAIL +lucca +training catalogue/);
    expect(badKey.code).toBe(4);
    expectNoSecrets(s, doctor.stdout, doctor.stderr, badKey.stdout, badKey.stderr);
  });

  it('posts counts in the ops channel and the held list, by name, with Approve in the HR channel', async () => {
    const s = await scene();
    const slackToken = 'xoxb-history-test-token';
    const slack = await startFakeSlack({
      token: slackToken,
      channels: { C0OPS: { member: true }, G0HR: { private: true, member: true } },
    });
    cleanups.push(() => slack.close());
    const env = {
      SLACK_BOT_TOKEN: slackToken,
      SLACK_CHANNEL_ID: 'C0OPS',
      SLACK_HR_CHANNEL_ID: 'G0HR',
      SLACK_API_URL: slack.url,
    };
    expect((await s.history([], env)).code).toBe(3);
    const sha = (await s.report()).history?.planSha256 ?? '';
    const posted = () => slack.callsTo('chat.postMessage').map((call) => call.body);
    const hr = posted().filter((body) => body.channel === 'G0HR');
    const ops = posted().filter((body) => body.channel === 'C0OPS');
    expect(hr).toHaveLength(1);
    const hrText = JSON.stringify(hr[0]);
    expect(hrText).toContain('Jeanne Martin1 (1)');
    expect(hrText).toContain('"action_id":"sync360_approve_history"');
    expect(hrText).toContain(`"value":"${sha}"`);
    expect(hrText).not.toMatch(/@exemple\.fr|@elsewhere/);
    expect(ops).toHaveLength(1);
    const opsText = JSON.stringify(ops[0]);
    expect(opsText).toContain('2 trainings to record in Lucca wait for a review');
    expect(opsText).not.toMatch(/Martin|Jeanne|@exemple|LUCCA_|--approve|SÉCURITÉ/);
    expect((await s.history(['--approve', sha], env)).code).toBe(0);
    const after = posted().filter((body) => body.channel === 'C0OPS');
    expect(JSON.stringify(after.at(-1))).toContain('2 trainings recorded in Lucca');
  });

  it('a missing Training key is exit 2 before any call, with the report still written', async () => {
    const s = await scene();
    const slackToken = 'xoxb-history-config-token';
    const slack = await startFakeSlack({
      token: slackToken,
      channels: { C0OPS: { member: true } },
    });
    cleanups.push(() => slack.close());
    const run = await s.history([], {
      LUCCA_TRAINING_API_KEY: '',
      SLACK_BOT_TOKEN: slackToken,
      SLACK_CHANNEL_ID: 'C0OPS',
      SLACK_API_URL: slack.url,
    });
    expect(run.code).toBe(2);
    const posted = JSON.stringify(slack.callsTo('chat.postMessage').map((call) => call.body));
    expect(posted).toContain('Learning history failed');
    expect(posted).toContain('config-invalid');
    expect(posted).not.toContain('LUCCA_');
    expect(run.stderr).toContain('LUCCA_TRAINING_API_KEY');
    const report = await s.report();
    expect(report.outcome).toBe('failed');
    expect(report.failure?.code).toBe('config-invalid');
    expect(s.training.requests).toEqual([]);
    expect(s.api360.requests).toEqual([]);
  });

  it('is refused by run: the Training key belongs to history alone', async () => {
    const s = await scene();
    const run = await runCli(['run', '--dry-run'], {
      cwd: s.dir,
      env: {
        LUCCA_BASE_URL: s.lucca.url,
        LUCCA_API_KEY: s.lucca.apiKey,
        LUCCA_TRAINING_API_KEY: trainingKey,
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('LUCCA_TRAINING_API_KEY');
    expectNoSecrets(s, run.stdout, run.stderr);
  });
});
