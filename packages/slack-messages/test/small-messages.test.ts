import { describe, expect, it } from 'vitest';
import { makeReminder } from './fixtures.js';
import { blockText, expectWithinLimits, expectWordsForHr } from './limits.js';
import {
  helpMessage,
  homeView,
  statusMessage,
  watchdogAlertMessage,
  type WorkflowRunInfo,
} from '../src/index.js';

const run = (id: number, overrides: Partial<WorkflowRunInfo> = {}): WorkflowRunInfo => ({
  id,
  status: 'completed',
  conclusion: 'success',
  createdAt: '2026-03-02T02:07:00Z',
  updatedAt: '2026-03-02T02:09:00Z',
  htmlUrl: `https://github.com/acme/hr/actions/runs/${id}`,
  event: 'schedule',
  displayTitle: 'sync360 nightly',
  ...overrides,
});

describe('small messages', () => {
  it('help lists every subcommand and mentions an unknown one safely', () => {
    const message = helpMessage({ unknown: '<!here>' });
    expectWithinLimits(message);
    const text = blockText(message);
    for (const name of ['now', 'preview', 'status', 'pending', 'help'])
      expect(text).toContain(`/sync360 ${name}`);
    expect(text).toContain("I don't know that command.");
    expect(text).not.toContain('<!here>');
    expect(blockText(helpMessage({ unknown: 'frobnicate' }))).toContain(
      "I don't know `frobnicate`",
    );
    // A flag typed after the command is never shown back.
    expectWordsForHr(helpMessage({ unknown: '--force' }));
    expect(blockText(helpMessage({ unknown: '--force' }))).not.toContain('--force');
    expect(blockText(helpMessage())).not.toContain("don't know");
  });

  it('status shows outcome, date and link of each run', () => {
    const message = statusMessage([
      run(3, { status: 'in_progress', conclusion: null, event: 'workflow_dispatch' }),
      run(2, { conclusion: 'failure' }),
      run(1),
    ]);
    expectWithinLimits(message);
    const text = blockText(message);
    expect(text).toContain('*running*');
    expect(text).toContain('manual');
    expect(text).toContain('*failed');
    expect(text).toContain('*succeeded*');
    expect(text).toContain('<https://github.com/acme/hr/actions/runs/1|run 1>');
    expect(text).toContain('<!date^1772417220^{date_short_pretty} {time}|2026-03-02 02:07 UTC>');
    expect(message.text).toContain('running, 2026-03-02 02:07 UTC (manual)');
    expect(blockText(statusMessage([]))).toContain('No runs');
  });

  it('home view shows last run and pending count', () => {
    const four = Array.from({ length: 4 }, (_, i) => makeReminder(i));
    const view = homeView({
      runs: [run(9)],
      reminders: four,
      access: { allowed: false, userId: 'U0VISITOR', allowedUserIds: ['U0ADMIN'] },
    });
    expect(view.type).toBe('home');
    const text = blockText({ text: 'x', blocks: view.blocks.filter((b) => b.type !== 'divider') });
    expect(text).toContain('run 9');
    expect(text).toContain('4 employees waiting');
    const empty = blockText({
      text: 'x',
      blocks: homeView({ runs: [], reminders: null, access: { allowed: true, buttonsOff: null } })
        .blocks,
    });
    expect(empty).toContain('none yet');
    expect(empty).toContain('unavailable');
  });

  it('watchdog alert says how long, why and what to do', () => {
    const message = watchdogAlertMessage({
      healthy: false,
      lastSuccess: run(5, { createdAt: '2026-02-27T02:07:00Z' }),
      reason: 'Last success 75 hours ago',
      maxAgeHours: 26,
    });
    expectWithinLimits(message);
    const text = blockText(message);
    expect(text).toContain('no successful nightly sync in the last 26 hours');
    expect(text).toContain('Last success 75 hours ago');
    expect(text).toContain('Enable workflow');
    expect(text).toContain('run 5');
    expect(message.text).toContain('no successful nightly sync');
  });
});
