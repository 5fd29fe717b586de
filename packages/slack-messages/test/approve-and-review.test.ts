import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { makeReport } from './fixtures.js';
import { blockText, expectWithinLimits, mrkdwnTexts } from './limits.js';
import {
  approveActionId,
  approvedNote,
  changeListPages,
  runAlertMessage,
  runSummaryMessage,
  syncRequestedMessage,
  threadOutcomeMessage,
  type ChangeEntry,
} from '../src/index.js';

const sha = 'c0ffee'.repeat(10) + 'abcd';

const blocked = makeReport({
  outcome: 'blocked',
  destination: null,
  file: { name: 'users.csv', rows: 240, bytes: 20_000, sha256: sha },
  guard: { tripped: true, reasons: ['too-many-deactivations'] },
  changes: { created: 12, updated: 3, deactivated: 48, reactivated: 0, dropped: 0, unchanged: 177 },
});

const actionsOf = (blocks: ReadonlyArray<KnownBlock>): ActionsBlock[] =>
  blocks.flatMap((block) => (block.type === 'actions' ? [block] : []));

const entries = (kind: ChangeEntry['kind'], count: number, from = 0): ChangeEntry[] =>
  Array.from({ length: count }, (_, i) => ({ uniqueId: `N${String(from + i)}`, kind }));

describe('approve button', () => {
  it('is on a blocked alert: value is the sha256, the dialog states the counts', () => {
    const message = runAlertMessage(blocked, {
      runUrl: 'https://github.com/acme/hr/actions/runs/9',
    });
    expectWithinLimits(message);
    const [actions, ...others] = actionsOf(message.blocks);
    expect(others).toEqual([]);
    const button = actions?.elements[0];
    expect(button?.type).toBe('button');
    if (button?.type !== 'button') return;
    expect(button.action_id).toBe('sync360_approve');
    expect(approveActionId).toBe('sync360_approve');
    expect(button.value).toBe(sha);
    expect(button.confirm?.text.text).toContain('deliver: 12 created, 3 updated, 48 deactivated');
    expect(button.confirm?.text.text).toContain('users.csv, 240 rows');
    expect(blockText(message)).toContain('Approve and deliver');
  });

  it('is on a preview summary, not on a delivered or failed run, nor without a file', () => {
    const preview = makeReport({ outcome: 'dry-run', destination: null });
    expect(actionsOf(runSummaryMessage(preview).blocks)).toHaveLength(1);
    expect(actionsOf(runSummaryMessage(makeReport()).blocks)).toHaveLength(0);
    expect(actionsOf(runSummaryMessage(blocked).blocks)).toHaveLength(0);
    expect(actionsOf(runAlertMessage(makeReport({ outcome: 'failed' })).blocks)).toHaveLength(0);
    expect(actionsOf(runAlertMessage({ ...blocked, file: null }).blocks)).toHaveLength(0);
  });

  it('counts every row as created or deactivated when there is no baseline', () => {
    const first = makeReport({ outcome: 'dry-run', changes: null });
    const button = actionsOf(runSummaryMessage(first).blocks)[0]?.elements[0];
    expect(button?.type === 'button' ? button.confirm?.text.text : '').toContain(
      'deliver: 230 created, 10 deactivated',
    );
  });

  it('is replaced by who approved, when, and a link, mentioning a member id only', () => {
    const note = approvedNote('U0BOSS', '10:42', 'https://github.com/acme/hr/actions');
    const context = note.block;
    expect(note.text).toBe('Approved by <@U0BOSS>: the delivery runs');
    const text = context.elements[0]?.type === 'mrkdwn' ? context.elements[0].text : '';
    expect(text).toContain('approved by <@U0BOSS> at 10:42: <https://github.com/acme/hr/actions|');
    expect(text).toContain('Its outcome is posted in this thread.');
    expect(JSON.stringify(approvedNote('<!channel>', '10:42', 'https://x/'))).not.toContain(
      '<!channel>',
    );
  });
});

describe('review: who would change', () => {
  it('shows employee numbers in the ops message when names cannot go to an HR channel', () => {
    const list = [...entries('deactivated', 48), ...entries('created', 2, 100)];
    const text = blockText(runAlertMessage(blocked, { review: { entries: list } }));
    expect(text).toContain('Would be deactivated (48): #N0, #N1');
    expect(text).toContain('and 28 more');
    expect(text).toContain('Would be created (2): #N100, #N101');
  });

  it('points at the HR channel when the names went there', () => {
    const text = blockText(
      runSummaryMessage({ ...blocked, outcome: 'dry-run' }, { review: { hrChannel: 'G0HR' } }),
    );
    expect(text).toContain('listed by name in <#G0HR>');
  });

  it('lists 1,000 names for the HR channel in pages within limits, each once, hostile names as plain text', () => {
    const list = [
      ...entries('deactivated', 900),
      ...entries('created', 60, 900),
      ...entries('updated', 5, 2000),
    ];
    const names = new Map(
      list.map((entry, i) => [
        entry.uniqueId,
        i === 0 ? '<!channel> *Boss* _x_' : `Name ${entry.uniqueId}`,
      ]),
    );
    const pages = changeListPages(blocked, { entries: list, names, approveIn: 'C0OPS' });
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach(expectWithinLimits);
    const all = pages.map(blockText).join('\n');
    const shown = all.split('\n').flatMap((line) => /^• .* · #(N\d+)$/.exec(line)?.slice(1) ?? []);
    expect(shown.sort()).toEqual(
      list
        .filter((e) => e.kind !== 'updated')
        .map((e) => e.uniqueId)
        .sort(),
    );
    expect(all).toContain('• <!channel> *Boss* _x_ · #N0');
    expect(pages.flatMap(mrkdwnTexts).join('\n')).not.toMatch(/channel|Boss|Name N/);
    expect(all).toContain('*Would be deactivated* (900)');
    expect(all).toContain('*Would be deactivated* (continued)');
    expect(all).toContain('Also 5 updates');
    expect(all).toContain('<#C0OPS>');
    expect(pages[1]?.text).toContain('page 2 of');
    expect(
      changeListPages(blocked, { entries: entries('updated', 3), names, approveIn: null }),
    ).toEqual([]);
  });
});

describe('thread messages', () => {
  it('announce who asked and become the outcome with the run link', () => {
    const asked = syncRequestedMessage('U0CAMILLE', 'now');
    expect(asked.text).toBe('Sync requested by <@U0CAMILLE>');
    expect(syncRequestedMessage('U0CAMILLE', 'preview').text).toContain('preview');
    const done = threadOutcomeMessage(makeReport(), {
      runUrl: 'https://github.com/acme/hr/actions/runs/5',
    });
    expectWithinLimits(done);
    expect(blockText(done)).toContain('Delivered');
    expect(blockText(done)).toContain('3 created, 2 updated, 1 deactivated');
    expect(blockText(done)).toContain('actions/runs/5|run on GitHub');
    expect(blockText(threadOutcomeMessage(blocked))).toContain('Blocked');
  });
});
