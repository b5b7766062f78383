import type { PageDetection, RecordOnPage } from './detect-pages';

// A page break can cut a record: in a book whose table cells are laid out as blocks, a member's name and
// e-mail end one page and the phone and address begin the next. Alone on its page the rest is a weak hit
// (a name shared by many records is even dropped), yet it is the same record and must be redacted with it.

/** A record's part within this many lines of a page's edge can be the rest of a record cut by the break. */
export const EDGE_LINES = 4;

const overlaps = (a: RecordOnPage, b: RecordOnPage) =>
  a.occurrences.some((x) => b.occurrences.some((y) => x.charStart < y.charEnd && y.charStart < x.charEnd));

/**
 * Marks as present (continued) a weak record at the top of a page that is present at the bottom of the page
 * before, or at the bottom of a page and present at the top of the next, unless a record present on the page
 * matches the same text. Held weak hits (detectPage) are kept when so continued and dropped otherwise.
 * `pages` in any order; neighbours are found by page index.
 */
export function acrossPages(pages: PageDetection[]): PageDetection[] {
  const byIndex = new Map(pages.map((d) => [d.pageIndex, d]));
  // Presence as each page found it on its own (a continued record does not continue further).
  const presentAt = new Map<number, Map<string, RecordOnPage>>();
  for (const d of pages) presentAt.set(d.pageIndex, new Map(d.records.filter((r) => r.present).map((r) => [r.recordKey, r])));
  for (const d of pages) {
    const lines = d.lineCount ?? 0;
    const own = [...presentAt.get(d.pageIndex)!.values()];
    const promote = (r: RecordOnPage): boolean => {
      if (r.present || !r.lines) return false;
      let from: RecordOnPage | undefined;
      if (r.lines[1] < EDGE_LINES) {
        const prev = byIndex.get(d.pageIndex - 1), there = presentAt.get(d.pageIndex - 1)?.get(r.recordKey);
        if (prev && there?.lines && there.lines[1] >= (prev.lineCount ?? 0) - EDGE_LINES) from = there;
      }
      if (!from && r.lines[0] >= lines - EDGE_LINES) {
        const there = presentAt.get(d.pageIndex + 1)?.get(r.recordKey);
        if (there?.lines && there.lines[0] < EDGE_LINES) from = there;
      }
      if (!from || own.some((o) => overlaps(o, r))) return false;
      r.present = true;
      r.continued = true;
      r.score = from.score;
      return true;
    };
    for (const r of d.records) promote(r);
    if (d.held) {
      for (const r of d.held) if (promote(r)) d.records.push(r);
      delete d.held;
    }
  }
  return pages;
}
