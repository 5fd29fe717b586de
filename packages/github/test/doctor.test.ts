import { fakeRun } from '@sync360/testkit/github-api';
import { describe, expect, it } from 'vitest';
import { checkGithub } from '../src/index.js';
import { TOKEN, useHarness } from './helpers.js';

const start = useHarness();

describe('checkGithub', () => {
  it('passes: token, repository, workflow and runs', async () => {
    const { settings } = await start({ runs: [fakeRun({ createdAt: '2026-03-10T02:07:00Z' })] });
    const checks = await checkGithub(settings);
    expect(checks.map((c) => [c.system, c.name, c.ok])).toEqual([
      ['github', 'token and repository', true],
      ['github', 'workflow', true],
      ['github', 'workflow runs readable', true],
    ]);
    expect(checks.every((c) => c.fix === null)).toBe(true);
    expect(checks[2]?.detail).toContain('success');
  });

  it('stops at a refused token, with the fix and without the token', async () => {
    const { settings } = await start();
    const checks = await checkGithub({ ...settings, token: 'ghp_wrong_Token_111111' });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining('actions:write') });
    expect(JSON.stringify(checks)).not.toContain('ghp_wrong_Token_111111');
    expect(JSON.stringify(checks)).not.toContain(TOKEN);
  });

  it('reports a missing workflow file', async () => {
    const { settings } = await start();
    const checks = await checkGithub({ ...settings, workflow: 'missing.yml' });
    expect(checks.map((c) => c.ok)).toEqual([true, false]);
    expect(checks[1]?.fix).toContain('SYNC360_WORKFLOW (missing.yml)');
  });

  it('reports a workflow GitHub disabled for inactivity, with how to re-enable it', async () => {
    const { settings } = await start({ workflowState: 'disabled_inactivity' });
    const checks = await checkGithub(settings);
    expect(checks[1]).toMatchObject({
      ok: false,
      detail: expect.stringContaining('disabled inactivity'),
      fix: expect.stringContaining('60 days'),
    });
  });

  it('reports a malformed GITHUB_REPOSITORY as a failed check, not a crash', async () => {
    const { settings } = await start();
    const checks = await checkGithub({ ...settings, repository: 'not a repo' });
    expect(checks).toEqual([
      expect.objectContaining({ ok: false, fix: expect.stringContaining('GITHUB_REPOSITORY') }),
    ]);
  });
});
