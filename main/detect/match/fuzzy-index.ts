import { FIELDS, type Field } from '../normalize/fields';
import { approxFind } from './edit-distance';
import { GrowableInt32 } from './growable';
import type { LeakIndex } from './leak-index';
import { PatternSetBuilder, type PatternSet } from './pattern-set';

/** Fields long and distinctive enough to be matched with OCR errors. */
const FUZZY_FIELDS = new Set<Field>(['email', 'phone', 'address', 'name', 'name_kana']);
export const FUZZY_MIN_LENGTH = 8;
/** A piece shared by more patterns than this (an email domain, a 090 prefix) is too common to seed a search. */
const MAX_PIECE_POSTINGS = 2000;

export function maxEdits(length: number): number {
  return length >= 16 ? 2 : length >= FUZZY_MIN_LENGTH ? 1 : 0;
}

/**
 * Tolerant matching for OCR text by the pigeonhole principle: a pattern with at most k edits keeps one
 * of its k+1 pieces intact, so the pieces are searched exactly (same pattern-set search) and each piece
 * hit is verified with a bounded edit distance in a window around it.
 */
export class FuzzyIndex {
  private constructor(
    private readonly index: LeakIndex,
    private readonly pieces: PatternSet,
    private readonly postStart: Int32Array,
    private readonly postPattern: Int32Array,
    private readonly postOffset: Int32Array,
  ) {}

  static build(index: LeakIndex): FuzzyIndex {
    const b = new PatternSetBuilder();
    const pk = new GrowableInt32(), pp = new GrowableInt32(), po = new GrowableInt32();
    const fuzzyField = FIELDS.map((f) => FUZZY_FIELDS.has(f));
    for (let id = 0; id < index.patterns.size; id++) {
      const len = index.patterns.length(id);
      const k = maxEdits(len);
      if (k === 0) continue;
      let eligible = false;
      for (let p = index.postStart[id]; p < index.postStart[id + 1]; p++) if (fuzzyField[index.postField[p]]) eligible = true;
      if (!eligible) continue;
      const key = index.patterns.key(id);
      const parts = k + 1;
      for (let i = 0; i < parts; i++) {
        const s = Math.floor((i * len) / parts), e = Math.floor(((i + 1) * len) / parts);
        pk.push(b.add(key.slice(s, e))); pp.push(id); po.push(s);
      }
    }
    const { patterns: pieces, ids } = b.build();
    const n = pieces.size, total = pk.length;
    for (let i = 0; i < total; i++) pk.data[i] = ids[pk.data[i]];
    const postStart = new Int32Array(n + 1);
    for (let i = 0; i < total; i++) postStart[pk.data[i] + 1]++;
    for (let i = 0; i < n; i++) postStart[i + 1] += postStart[i];
    const fill = postStart.slice(0, n);
    const postPattern = new Int32Array(total), postOffset = new Int32Array(total);
    for (let i = 0; i < total; i++) {
      const at = fill[pk.data[i]]++;
      postPattern[at] = pp.data[i]; postOffset[at] = po.data[i];
    }
    return new FuzzyIndex(index, pieces, postStart, postPattern, postOffset);
  }

  /** Approximate occurrences (distance ≥ 1; exact ones are the exact search's job) in folded text. */
  search(text: string, onMatch: (patternId: number, start: number, end: number, distance: number) => void): void {
    const seen = new Set<string>();
    this.pieces.search(text, (pieceId, ps) => {
      const a = this.postStart[pieceId], b = this.postStart[pieceId + 1];
      if (b - a > MAX_PIECE_POSTINGS) return;
      for (let p = a; p < b; p++) {
        const id = this.postPattern[p];
        const key = this.index.patterns.key(id);
        const k = maxEdits(key.length);
        const ws = Math.max(0, ps - this.postOffset[p] - k);
        const we = Math.min(text.length, ps - this.postOffset[p] + key.length + k);
        const window = text.slice(ws, we);
        if (window.includes('\n') && !key.includes('\n')) {
          // a pattern never spans lines; trim the window to the piece's line
          const lineStart = text.lastIndexOf('\n', ps - 1) + 1;
          let lineEnd = text.indexOf('\n', ps);
          if (lineEnd < 0) lineEnd = text.length;
          const s2 = Math.max(ws, lineStart), e2 = Math.min(we, lineEnd);
          this.verify(id, key, k, text.slice(s2, e2), s2, seen, onMatch);
        } else {
          this.verify(id, key, k, window, ws, seen, onMatch);
        }
      }
    });
  }

  private verify(id: number, key: string, k: number, window: string, offset: number, seen: Set<string>,
    onMatch: (patternId: number, start: number, end: number, distance: number) => void): void {
    const r = approxFind(key, window, k);
    if (!r || r.distance === 0) return;
    const tag = `${id}:${offset + r.start}`;
    if (seen.has(tag)) return;
    seen.add(tag);
    onMatch(id, offset + r.start, offset + r.end, r.distance);
  }
}
