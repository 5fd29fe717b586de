import { makeReport } from '@sync360/testkit/report-fixtures';
import { waitUntil } from '@sync360/testkit/slack-wait';
import { historyReviewPages } from '@sync360/slack-messages';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBotConfig } from '../src/config.js';
import { allowedUser, postText, startHarness, type Harness } from './harness.js';

const sha = 'fedcba9876543210'.repeat(4);

/** The runner's held learning-history list, as Slack sends its blocks back with a click. */
const reviewBlocks = (): unknown[] => {
  const report = makeReport({
    outcome: 'blocked',
    file: null,
    destination: null,
    history: {
      window: { from: '2026-10-25T23:00:00.000Z', until: '2026-11-24T23:00:00.000Z' },
      read: 3,
      matched: 2,
      withoutMail: 0,
      planned: 2,
      recorded: 0,
      skippedExisting: 0,
      created: 0,
      warnings: [],
      planSha256: sha,
      items: [
        {
          luccaId: '1',
          employeeNumber: 'E1',
          title: 'Safety',
          sessionEndsOn: '2026-11-10',
          create: false,
        },
        {
          luccaId: '2',
          employeeNumber: 'E2',
          title: 'Onboarding',
          sessionEndsOn: '2026-11-12',
          create: true,
        },
      ],
    },
  });
  const page = historyReviewPages(report, new Map([['1', 'Ana Lopez']]))[0];
  const parsed: unknown = JSON.parse(JSON.stringify(page?.blocks ?? []));
  return Array.isArray(parsed) ? parsed : [];
};

describe('the sync360_approve_history button over signed HTTP', () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  const click = (h: Harness, userId: string, ts: string) =>
    h.click({
      actionId: 'sync360_approve_history',
      userId,
      value: sha,
      channelId: 'G0HRPRIVATE',
      messageTs: ts,
      blocks: reviewBlocks(),
    });

  it('dispatches the history workflow with the plan sha, and turns the button into who approved', async () => {
    const h = (harness = await startHarness({ github: { workflow: 'sync360-history.yml' } }));
    const ts = h.slack.seedMessage('G0HRPRIVATE');
    await click(h, allowedUser, ts);
    await waitUntil(() => h.slack.callsTo('chat.update').length === 1, 'the update');
    expect(h.github.dispatches).toHaveLength(1);
    expect(h.github.dispatches[0]?.inputs).toEqual({
      requested_by: allowedUser,
      approve_sha256: sha,
      slack_thread: `G0HRPRIVATE:${ts}`,
    });
    const blocks = JSON.stringify(h.slack.callsTo('chat.update')[0]?.body.blocks);
    expect(blocks).not.toContain('sync360_approve_history');
    expect(blocks).toContain('Ana Lopez');
    expect(blocks).toContain(`approved by <@${allowedUser}>`);
    expect(blocks).toContain('actions/workflows/sync360-history.yml');
  });

  it('refuses a stranger privately, and nothing is dispatched', async () => {
    const h = (harness = await startHarness({ github: { workflow: 'sync360-history.yml' } }));
    const answer = await click(h, 'U0STRANGER', h.slack.seedMessage('G0HRPRIVATE'));
    await waitUntil(() => h.responses.postsTo(answer.responseUrl).length === 1, 'the refusal');
    expect(postText(h.responses.postsTo(answer.responseUrl)[0]?.body ?? {})).toContain(
      'Only approvers can approve',
    );
    expect(h.github.requests).toHaveLength(0);
  });

  it('the bot refuses the Training key: it belongs to the history workflow alone', () => {
    const parsed = parseBotConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      GITHUB_TOKEN: 'ghp_testtoken0123456789',
      GITHUB_REPOSITORY: 'acme/sync360',
      LUCCA_TRAINING_API_KEY: 'some-training-key-1234',
    });
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems.join('\n')).toContain('LUCCA_TRAINING_API_KEY');
    expect(problems.join('\n')).not.toContain('some-training-key-1234');
  });
});
