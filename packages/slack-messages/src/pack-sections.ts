/** Lines of one group, with the heading that opens it and the one that resumes it on a new page. */
export interface LineGroup {
  readonly heading: string;
  readonly continued: string;
  readonly lines: ReadonlyArray<string>;
}

export interface PackLimits {
  /** Section blocks per page. */
  readonly maxBlocks: number;
  /** Characters per section text. */
  readonly maxTextChars: number;
  /** Characters of all section texts on one page. */
  readonly maxPageChars: number;
  readonly linesPerSection: number;
}

export interface PackedSection {
  readonly text: string;
  /** How many lines (reminders) this section holds. */
  readonly count: number;
}

interface Draft {
  heading: string;
  lines: string[];
}

const draftText = (draft: Draft): string =>
  (draft.heading === '' ? draft.lines : [draft.heading, ...draft.lines]).join('\n');

const draftChars = (draft: Draft): number => draftText(draft).length;

/**
 * Packs grouped lines into section texts and the sections into pages. A line is never split or
 * dropped: it goes in the current section when it fits, else in a new section, else on a new
 * page, where its group's heading is repeated as "continued".
 */
export const packSections = (
  groups: ReadonlyArray<LineGroup>,
  limits: PackLimits,
): PackedSection[][] => {
  const pages: PackedSection[][] = [];
  let page: PackedSection[] = [];
  let pageChars = 0;
  let draft: Draft | null = null;

  const closeDraft = (): void => {
    if (draft === null || draft.lines.length === 0) return;
    const text = draftText(draft);
    page.push({ text, count: draft.lines.length });
    pageChars += text.length;
    draft = null;
  };
  const newPage = (): void => {
    if (page.length > 0) pages.push(page);
    page = [];
    pageChars = 0;
  };
  const fitsOnPage = (chars: number): boolean =>
    page.length + 1 <= limits.maxBlocks && pageChars + chars <= limits.maxPageChars;

  for (const group of groups) {
    group.lines.forEach((line, index) => {
      const current: Draft | null = draft;
      if (current !== null && index > 0) {
        const grown = draftChars(current) + 1 + line.length;
        if (
          current.lines.length < limits.linesPerSection &&
          grown <= limits.maxTextChars &&
          fitsOnPage(grown)
        ) {
          current.lines.push(line);
          return;
        }
      }
      closeDraft();
      const heading = index === 0 ? group.heading : group.continued;
      if (!fitsOnPage(heading.length + 1 + line.length)) newPage();
      const onNewPage = page.length === 0;
      draft = { heading: index === 0 || onNewPage ? heading : '', lines: [line] };
    });
    closeDraft();
  }
  newPage();
  return pages;
};
