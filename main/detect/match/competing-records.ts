import type { FieldMatch } from './record-score';

// Records compete for the same text. Names repeat in any real list (佐藤 翔太 is common) and e-mails of
// namesakes can be one character apart (katsuya.yamazaki59@… and katsuya.yamazaki58@…): on an OCR'd page
// the e-mail printed for one is an approximate match of the other's. The text belongs to the record it
// matches best; a record whose every piece of evidence another record explains at least as well (and that
// record explains more) is not on the page by that evidence.

/** How much of [s, e) the range [a, b) covers. */
function covered(s: number, e: number, a: number, b: number): number {
  return Math.max(0, Math.min(e, b) - Math.max(s, a)) / Math.max(1, e - s);
}

/**
 * Drops approximate matches where a better match (exact, or fewer edits) of any record covers at least
 * half of the same text: an approximate match never wins over text that matches another record better.
 */
export function dropOutmatched(matches: readonly FieldMatch[]): FieldMatch[] {
  if (!matches.some((m) => m.distance > 0)) return matches as FieldMatch[];
  const byStart = [...matches].sort((x, y) => x.start - y.start);
  // Longest match: a candidate starting more than this before m cannot overlap it.
  let span = 0;
  for (const m of byStart) span = Math.max(span, m.end - m.start);
  return matches.filter((m) => {
    if (m.distance === 0) return true;
    let lo = 0, hi = byStart.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (byStart[mid].start < m.start - span) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < byStart.length && byStart[i].start < m.end; i++) {
      const o = byStart[i];
      if (o.distance < m.distance && covered(m.start, m.end, o.start, o.end) >= 0.5) return false;
    }
    return true;
  });
}

const GROUP: Record<string, string> = { name: 'name', name_kana: 'name' };
const groupOf = (m: FieldMatch) => GROUP[m.field] ?? m.field;

/** Whether `a` explains match m at least as well: a match of the same kind over the same text, no more edits. */
function explains(a: readonly FieldMatch[], m: FieldMatch): FieldMatch | undefined {
  return a.find((x) => groupOf(x) === groupOf(m) && x.distance <= m.distance && covered(m.start, m.end, x.start, x.end) >= 0.5 && covered(x.start, x.end, m.start, m.end) >= 0.5);
}

/**
 * Records (of `present`) whose evidence is all explained, at least as well, by another present record that
 * has more: a namesake matched through the text of the record actually printed.
 */
export function dominatedRecords(present: ReadonlyMap<number, readonly FieldMatch[]>): Set<number> {
  const out = new Set<number>();
  const records = [...present.keys()];
  for (const b of records) {
    const bm = present.get(b)!;
    const rivals = records.filter((a) => a !== b && present.get(a)!.some((x) => bm.some((m) => x.start < m.end && m.start < x.end)));
    for (const a of rivals) {
      const am = present.get(a)!;
      let all = true, strictly = false;
      for (const m of bm) {
        const x = explains(am, m);
        if (!x) { all = false; break; }
        if (x.distance < m.distance) strictly = true;
      }
      if (!all) continue;
      // More: a kind of evidence b lacks, or a better match somewhere.
      if (!strictly) strictly = am.some((x) => !bm.some((m) => groupOf(m) === groupOf(x)));
      if (strictly) { out.add(b); break; }
    }
  }
  return out;
}
