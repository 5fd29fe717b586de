import { describe, expect, it } from 'vitest';
import { makeReminder, makeReminders } from './fixtures.js';
import { blockText, expectWithinLimits, mrkdwnTexts } from './limits.js';
import { reminderPages } from '../src/index.js';

const countOccurrences = (haystack: string, needle: RegExp): number =>
  (haystack.match(needle) ?? []).length;

describe('reminderPages', () => {
  it('keeps 500 reminders within Block Kit limits and shows each exactly once', () => {
    const reminders = makeReminders(500);
    const pages = reminderPages(reminders);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach(expectWithinLimits);
    const all = pages.map(blockText).join('\n');
    for (const reminder of reminders) {
      expect(countOccurrences(all, new RegExp(`· #${reminder.employeeNumber ?? ''} ·`, 'g'))).toBe(
        1,
      );
    }
    expect(countOccurrences(all, /^• /gm)).toBe(500);
  });

  it('groups by kind in order onboarding, offboarding, fix-data, most overdue first', () => {
    const reminders = [
      makeReminder(1, { kind: 'fix-data', daysOverdue: 0, name: 'Fix Me' }),
      makeReminder(2, { kind: 'offboarding', daysOverdue: 3, name: 'Leaver Late' }),
      makeReminder(3, { kind: 'onboarding', daysOverdue: 1, name: 'New Soon' }),
      makeReminder(4, { kind: 'onboarding', daysOverdue: 9, name: 'New Late' }),
      makeReminder(5, { kind: 'offboarding', daysOverdue: 30, name: 'Leaver Very Late' }),
    ];
    const [page, ...rest] = reminderPages(reminders);
    expect(rest).toEqual([]);
    const text = page === undefined ? '' : blockText(page);
    const order = [
      'Onboarding',
      'New Late',
      'New Soon',
      'Offboarding',
      'Leaver Very Late',
      'Leaver Late',
      'Fix data',
      'Fix Me',
    ];
    const positions = order.map((needle) => text.indexOf(needle));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('(2): set the 360 status to Active');
    expect(text).toContain('9 days overdue');
  });

  it('repeats the group heading as "continued" on the next page', () => {
    const reminders = Array.from({ length: 60 }, (_, i) =>
      makeReminder(i, { kind: 'offboarding' }),
    );
    const pages = reminderPages(reminders, { maxBlocks: 5 });
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page) => expect(page.blocks.length).toBeLessThanOrEqual(5));
    expect(blockText(pages[0] ?? { text: '', blocks: [] })).toContain('*Offboarding* (60)');
    expect(blockText(pages[1] ?? { text: '', blocks: [] })).toContain('*Offboarding* (continued)');
    expect(pages[1]?.text).toContain('page 2 of');
    const all = pages.map(blockText).join('\n');
    expect(countOccurrences(all, /^• /gm)).toBe(60);
  });

  it('shows hostile names exactly as typed in plain text, never as mrkdwn', () => {
    const reminders = [
      makeReminder(1, { name: '<!channel> & <@U123|boss> > "Zoë" O’Brien' }),
      makeReminder(2, { name: '&'.repeat(5000), employeeNumber: 'LONG-1' }),
      makeReminder(3, { name: 'Line\nbreak\tTab', employeeNumber: null, luccaId: '77' }),
      makeReminder(4, { name: '', employeeNumber: null, luccaId: null }),
      makeReminder(5, { name: '*bold* _it_ `code` ~x~ 🙂 漢字' }),
    ];
    const pages = reminderPages(reminders);
    pages.forEach(expectWithinLimits);
    const mrkdwn = pages.flatMap(mrkdwnTexts).join('\n');
    for (const hostile of ['channel', 'U123', 'bold', '_it_', 'code', '漢字', 'Zoë'])
      expect(mrkdwn).not.toContain(hostile);
    const lines = pages.flatMap((page) =>
      page.blocks.flatMap((block) =>
        block.type === 'section' && block.text?.type === 'plain_text' ? [block.text.text] : [],
      ),
    );
    expect(lines).toHaveLength(5);
    const all = lines.join('\n');
    expect(all).toContain('<!channel> & <@U123|boss> > "Zoë" O’Brien');
    expect(all).toContain('*bold* _it_ `code` ~x~ 🙂 漢字');
    expect(all).toContain('#LONG-1');
    expect(all).toContain('Line break Tab');
    expect(all).toContain('Lucca id 77');
    expect(all).toContain('(no name)');
    expect(countOccurrences(all, /^• /gm)).toBe(5);
  });

  it('gives every reminder its own section block, so a button can be added to each line', () => {
    const reminders = makeReminders(120);
    const pages = reminderPages(reminders);
    const lineBlocks = pages.flatMap((page) =>
      page.blocks.filter((block) => block.type === 'section' && block.text?.type === 'plain_text'),
    );
    expect(lineBlocks).toHaveLength(120);
    for (const block of lineBlocks)
      expect(
        block.type === 'section' && (block.text?.text.match(/ · #E\d+ · /g) ?? []).length,
      ).toBe(1);
    pages.forEach((page) => expect(page.blocks.length).toBeLessThanOrEqual(50));
  });

  it('handles 2,000 reminders with long names and actions', () => {
    const reminders = Array.from({ length: 2000 }, (_, i) =>
      makeReminder(i, { name: `${'Ñame<&>'.repeat(40)} ${i}`, action: 'x'.repeat(600) }),
    );
    const pages = reminderPages(reminders);
    pages.forEach(expectWithinLimits);
    const all = pages.map(blockText).join('\n');
    expect(countOccurrences(all, /^• /gm)).toBe(2000);
    for (const reminder of reminders)
      expect(all).toContain(`· #${reminder.employeeNumber ?? ''} ·`);
  });

  it('says so when nothing is pending', () => {
    const pages = reminderPages([]);
    expect(pages).toHaveLength(1);
    pages.forEach(expectWithinLimits);
    expect(pages[0]?.text).toContain('none');
  });

  it('clips a long title to a header Slack accepts', () => {
    const pages = reminderPages(makeReminders(3), { title: 'T'.repeat(400) });
    pages.forEach(expectWithinLimits);
  });

  it('puts the note on every page', () => {
    const pages = reminderPages(makeReminders(300), { note: 'Only you can see this.' });
    pages.forEach((page) => expect(blockText(page)).toContain('Only you can see this.'));
  });
});
