import { FIELDS, type Field } from '../normalize/fields';
import { leastDistance } from './bit-parallel';
import { approxFind } from './edit-distance';
import { GrowableInt32 } from './growable';
import type { LeakIndex } from './leak-index';
import { PatternSetBuilder, type PatternSet } from './pattern-set';

/** Fields long and distinctive enough to be matched with OCR errors. */
const FUZZY_FIELDS = new Set<Field>(['email', 'phone', 'address', 'name', 'name_kana']);
export const FUZZY_MIN_LENGTH = 8;
/** A piece shared by more patterns than this is too common to seed a search (a guard; pieces are chosen rare). */
const MAX_PIECE_POSTINGS = 2000;
const MIN_PIECE = 4;

export function maxEdits(length: number): number {
  return length >= 16 ? 2 : length >= FUZZY_MIN_LENGTH ? 1 : 0;
}

/**
 * Where a value's k+1 pieces are taken from: its least shared part. The pigeonhole principle needs k+1
 * disjoint pieces, not pieces covering the value, so an e-mail is cut in its local part (not in a domain
 * thousands share), a phone number or an address in its end (not in 090 or 東京都千代田区).
 */
export function pieceRegion(field: Field, key: string, k: number): [number, number] {
  const len = key.length, need = (k + 1) * MIN_PIECE;
  if (field === 'email') {
    const at = key.indexOf('@');
    return at + 1 >= need ? [0, at + 1] : [0, len];
  }
  if (field === 'phone' || field === 'address') return [Math.max(0, len - Math.max(need, Math.ceil((2 * len) / 3))), len];
  return [0, len];
}

/**
 * Tolerant matching for OCR text by the pigeonhole principle: a pattern with at most k edits keeps one
 * of its k+1 pieces intact, so the pieces are searched exactly (same pattern-set search); a piece hit
 * puts the pattern at one alignment, whose window is checked by the bit-parallel distance and, when
 * within reach, aligned by the full table.
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
      let field: Field | null = null;
      for (let p = index.postStart[id]; p < index.postStart[id + 1] && !field; p++) if (fuzzyField[index.postField[p]]) field = FIELDS[index.postField[p]];
      if (!field) continue;
      const key = index.patterns.key(id);
      const [from, to] = pieceRegion(field, key, k);
      const parts = k + 1, span = to - from;
      for (let i = 0; i < parts; i++) {
        const s = from + Math.floor((i * span) / parts), e = from + Math.floor(((i + 1) * span) / parts);
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
    const patterns = this.index.patterns;
    // Each (pattern, alignment) once: k+1 pieces of one occurrence all point at it.
    const tried = new Set<number>();
    const found = new Set<string>();
    this.pieces.search(text, (pieceId, ps) => {
      const a = this.postStart[pieceId], b = this.postStart[pieceId + 1];
      if (b - a > MAX_PIECE_POSTINGS) return;
      // A pattern never spans lines: its window stays on the piece's line.
      let lineStart = -1, lineEnd = -1;
      for (let p = a; p < b; p++) {
        const id = this.postPattern[p];
        const len = patterns.length(id);
        const k = maxEdits(len);
        const at = ps - this.postOffset[p];
        const tag = id * 0x200000 + at + 0x100000; // exact below 2^53 for pages under a million code units
        if (tried.has(tag)) continue;
        tried.add(tag);
        if (lineStart < 0) {
          lineStart = text.lastIndexOf('\n', ps - 1) + 1;
          lineEnd = text.indexOf('\n', ps);
          if (lineEnd < 0) lineEnd = text.length;
        }
        const ws = Math.max(lineStart, at - k), we = Math.min(lineEnd, at + len + k);
        if (we - ws < len - k) continue;
        const codes = patterns.codes(id);
        if (len <= 32) {
          const d = leastDistance(codes, text, ws, we);
          if (d === 0 || d > k) continue;
        }
        const key = patterns.key(id);
        const r = approxFind(key, text.slice(ws, we), k);
        if (!r || r.distance === 0) continue;
        const ftag = `${id}:${ws + r.start}`;
        if (found.has(ftag)) continue;
        found.add(ftag);
        onMatch(id, ws + r.start, ws + r.end, r.distance);
      }
    });
  }
}
