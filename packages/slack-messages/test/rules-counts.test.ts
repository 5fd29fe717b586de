import type { ActionsBlock, KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { runAlertMessage, runSummaryMessage } from '../src/index.js';
import { makeReport } from './fixtures.js';
import { blockText, expectWithinLimits } from './limits.js';

const fileSha = 'c0ffee'.repeat(10) + 'abcd';
const rulesSha = 'beef'.repeat(16);

const operations = {
  create: 0,
  restore: 0,
  update: 0,
  delete: 0,
  managers: 0,
  rejected: 0,
  addRole: 12,
  removeRole: 30,
  setCustomFields: 1,
  items: [],
};

const actionsOf = (blocks: ReadonlyArray<KnownBlock>): ActionsBlock[] =>
  blocks.flatMap((block) => (block.type === 'actions' ? [block] : []));

describe('group rules in Slack (§7c)', () => {
  it('the summary counts roles added and removed and custom-field updates, with no outside words', () => {
    const message = runSummaryMessage(
      makeReport({
        operations,
        rules: { file: 'rules.yaml', sha256: rulesSha, groups: 3, customFields: 1 },
      }),
    );
    expectWithinLimits(message);
    expect(blockText(message)).toContain('12 roles added, 30 removed, 1 custom-field updates');
    expect(blockText(message)).not.toContain('SYNC360_');
    // Without a rules file there is no such line.
    expect(blockText(runSummaryMessage(makeReport({ operations, rules: null })))).not.toContain(
      'roles added',
    );
  });

  it('a blocked run approves the file and the rules together: the button carries approvalSha256', () => {
    const message = runAlertMessage(
      makeReport({
        outcome: 'blocked',
        destination: null,
        file: { name: 'users.csv', rows: 10, bytes: 900, sha256: fileSha },
        guard: { tripped: true, reasons: ['too-many-role-removals'] },
        approvalSha256: rulesSha,
        operations,
        rules: { file: 'rules.yaml', sha256: 'ab'.repeat(32), groups: 1, customFields: 0 },
      }),
      { runUrl: 'https://github.com/acme/hr/actions/runs/9' },
    );
    const button = actionsOf(message.blocks)[0]?.elements[0];
    expect(button?.type === 'button' ? button.value : null).toBe(rulesSha);
    expect(blockText(message)).toContain('too-many-role-removals');
  });
});
