import type { KnownBlock } from '@slack/types';
import type { Report } from '@sync360/core';
import {
  type SlackMessage,
  contextBlock,
  headerBlock,
  paginateGroups,
  plainSectionBlock,
  sectionBlock,
  slackLimits,
} from './blocks.js';
import { channelMention, escapeMrkdwn, plural, safePlain } from './text.js';

/** One changed employee of the run report's change list. */
export type ChangeEntry = Pick<Report['changeList'][number], 'uniqueId' | 'kind'>;

type ChangeListKind = ChangeEntry['kind'];

/** The kinds a reviewer must see by name before approving; the others are counted. */
const namedKinds: ReadonlyArray<{ kind: ChangeListKind; title: string }> = [
  { kind: 'deactivated', title: 'Would be deactivated' },
  { kind: 'created', title: 'Would be created' },
  { kind: 'reactivated', title: 'Would be reactivated' },
];

const idsOf = (entries: ReadonlyArray<ChangeEntry>, kind: ChangeListKind): string[] =>
  entries.filter((entry) => entry.kind === kind).map((entry) => entry.uniqueId);

/**
 * For the ops channel, which never gets a name: the employee numbers of who would change, by
 * kind, the first `limit` of each. Null when nobody would.
 */
export const changeIdsText = (entries: ReadonlyArray<ChangeEntry>, limit = 20): string | null => {
  const lines = namedKinds.flatMap(({ kind, title }) => {
    const ids = idsOf(entries, kind);
    if (ids.length === 0) return [];
    const shown = ids.slice(0, limit).map((id) => `#${escapeMrkdwn(id)}`);
    const more =
      ids.length > limit ? ` and ${(ids.length - limit).toLocaleString('en-US')} more` : '';
    return [`${title} (${ids.length.toLocaleString('en-US')}): ${shown.join(', ')}${more}`];
  });
  return lines.length === 0 ? null : `*Who would change* (employee numbers)\n${lines.join('\n')}`;
};

/** Lines packed into plain-text sections of at most `maxChars` characters and `maxLines` lines. */
const packLines = (lines: ReadonlyArray<string>, maxChars = 2900, maxLines = 25): string[] => {
  const sections: string[] = [];
  let current: string[] = [];
  let chars = 0;
  for (const line of lines) {
    if (current.length > 0 && (current.length >= maxLines || chars + 1 + line.length > maxChars)) {
      sections.push(current.join('\n'));
      current = [];
      chars = 0;
    }
    current.push(line);
    chars += line.length + 1;
  }
  if (current.length > 0) sections.push(current.join('\n'));
  return sections;
};

export interface ChangeListOptions {
  /** The run's change list. */
  readonly entries: ReadonlyArray<ChangeEntry>;
  /** Employee names by unique id, from the file's rows. */
  readonly names: ReadonlyMap<string, string>;
  /** The channel whose message carries the approve button, for "approve from <#C…>". */
  readonly approveIn: string | null;
}

/**
 * Who a preview or a blocked run would create, deactivate or reactivate, by name, for the HR
 * channel only. Pages within Block Kit limits; empty when nobody would change.
 */
export const changeListPages = (
  report: Pick<Report, 'outcome' | 'changes' | 'guard'>,
  options: ChangeListOptions,
): SlackMessage[] => {
  const approveIn =
    options.approveIn === null ? '' : ` from the message in ${channelMention(options.approveIn)}`;
  const groups = namedKinds
    .map(({ kind, title }) => ({ title, ids: idsOf(options.entries, kind) }))
    .filter((group) => group.ids.length > 0)
    .map(({ title, ids }) => {
      const lines = ids.map((id) => {
        const name = safePlain(options.names.get(id) ?? '', 200);
        return `• ${name === '' ? '(no name)' : name} · #${safePlain(id, 60)}`;
      });
      return {
        heading: sectionBlock(`*${title}* (${ids.length.toLocaleString('en-US')})`),
        continued: sectionBlock(`*${title}* (continued)`),
        items: packLines(lines).map(plainSectionBlock),
      };
    });
  if (groups.length === 0) return [];
  const title =
    report.outcome === 'blocked'
      ? 'sync360 blocked run: who would change'
      : 'sync360 preview: who would change';
  const counted = idsOf(options.entries, 'updated').length;
  const dropped = idsOf(options.entries, 'dropped').length;
  const others =
    counted + dropped > 0
      ? ` Also ${plural(counted, 'update')} and ${plural(dropped, 'dropped row')} (see the run report).`
      : '';
  const where =
    report.outcome === 'blocked'
      ? `Nothing is delivered until someone approves it${approveIn}.`
      : report.guard.tripped
        ? `Tonight’s run will be blocked until someone approves it${approveIn}.`
        : 'Tonight’s run will deliver these changes without approval: fix Lucca before then if one is wrong.';
  const pages = paginateGroups(groups, {
    maxBlocks: slackLimits.maxBlocks - 2,
    maxChars: slackLimits.maxMessageChars - 800,
  });
  return pages.map((blocks: KnownBlock[], index) => {
    const label = pages.length > 1 ? ` (page ${index + 1} of ${pages.length})` : '';
    return {
      text: `${title}${label}`,
      blocks: [headerBlock(`${title}${label}`), ...blocks, contextBlock(`${where}${others}`)],
    };
  });
};
