import type { SourceDocument } from './source-text';
import type { ReadNote } from './types';

/** Below this share of the source's characters found on the pages, an item is `partial`. */
export const COVERAGE_MIN = 0.995;
const MAX_RUNS = 100;
const EXCERPT = 40;

/** A stretch of a source document whose characters are on no page. */
export interface MissingRun {
  /** The source document (spine item) it belongs to. */
  document: string;
  /** Offset in that document's compared characters (whitespace removed, NFKC, lower case). */
  offset: number;
  /** Characters of the stretch, and how many of them are on no page at all. */
  length: number;
  missing: number;
  /** The start of the stretch, as compared (at most 40 characters). */
  excerpt: string;
}

/** How much of a reflowable book's source text the laid-out pages hold. */
export interface CoverageReport {
  /** Share (0–1) of the source's characters found on the pages, counted as a multiset. */
  coverage: number;
  sourceChars: number;
  pageChars: number;
  missingChars: number;
  /** The missing stretches in reading order (the 100 with the most missing characters). */
  missing: MissingRun[];
  /** How many missing stretches there were in all. */
  missingRuns: number;
  /** Source documents that could not be read: their characters are unknown, so not counted. */
  unreadable: string[];
}

/**
 * The characters compared: NFKC, lower case (CSS text-transform changes case), no whitespace and no
 * format characters (soft hyphens, zero-width joiners), none of which a reader must draw.
 */
export function coverageChars(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(UNDRAWN, '');
}

// Whitespace and the format characters (Unicode Cf) of the BMP, spelt out: a /u property class is
// several times slower on a million characters.
const UNDRAWN = /[\s\u00ad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+/g;

/**
 * Compares the characters of the source documents (spine order) with those on the pages (page order).
 *
 * The figure is a multiset count: a source character is covered when the pages hold it as often, so
 * text laid out in another order (tables, notes) is not a loss. The places are found by aligning both
 * sequences: 12-character anchors sampled by content (the same substring is sampled on both sides)
 * that occur once on each side, the longest chain of them in order, then the gaps between anchors
 * compared as multisets. Unaligned source stretches whose characters are on no page are reported,
 * shortest first given the benefit of characters found elsewhere. Linear in the text: 1.2 M characters
 * (a 1,350-page book) took 1.7 s on a busy 2-core machine, 1/20 of extracting its pages (bench/coverage).
 */
export function measureCoverage(sources: readonly SourceDocument[], pageTexts: readonly string[], unreadable: string[] = []): CoverageReport {
  const docs = sources.map((d) => ({ name: d.name, text: coverageChars(d.text) }));
  const S = docs.map((d) => d.text).join('');
  const P = coverageChars(pageTexts.join('\n')); // one pass: page boundaries do not matter here
  const countS = countUnits(S);
  const countP = countUnits(P);
  let missingChars = 0;
  for (let u = 0; u < countS.length; u++) if (countS[u] > countP[u]) missingChars += countS[u] - countP[u];
  const report: CoverageReport = {
    coverage: S.length ? 1 - missingChars / S.length : 1,
    sourceChars: S.length,
    pageChars: P.length,
    missingChars,
    missing: [],
    missingRuns: 0,
    unreadable,
  };
  if (missingChars === 0) return report;

  const matchedS = new Uint8Array(S.length);
  const matchedP = new Uint8Array(P.length);
  align(S, P, matchedS, matchedP);

  // Characters not aligned on the page side may still be the ones the source misses (moved text).
  const spare = new Int32Array(0x10000);
  for (let j = 0; j < P.length; j++) if (!matchedP[j]) spare[P.charCodeAt(j)]++;
  const runs: { start: number; end: number; missing: number }[] = [];
  for (let i = 0; i < S.length;) {
    if (matchedS[i]) { i++; continue; }
    let e = i;
    while (e < S.length && !matchedS[e]) e++;
    runs.push({ start: i, end: e, missing: 0 });
    i = e;
  }
  for (const run of [...runs].sort((a, b) => a.end - a.start - (b.end - b.start))) {
    for (let i = run.start; i < run.end; i++) {
      const u = S.charCodeAt(i);
      if (spare[u] > 0) spare[u]--;
      else run.missing++;
    }
  }
  const starts: number[] = [];
  let at = 0;
  for (const d of docs) { starts.push(at); at += d.text.length; }
  const lost: MissingRun[] = [];
  for (const run of runs) {
    if (run.missing === 0) continue;
    // A stretch never crosses a document boundary: split it where a new document starts.
    let s = run.start;
    while (s < run.end) {
      const d = docIndex(starts, s);
      const e = Math.min(run.end, d + 1 < starts.length ? starts[d + 1] : S.length);
      const part = S.slice(s, e);
      lost.push({ document: docs[d].name, offset: s - starts[d], length: e - s, missing: Math.round(run.missing * (e - s) / (run.end - run.start)), excerpt: excerpt(part) });
      s = e;
    }
  }
  report.missingRuns = lost.length;
  const kept = new Set([...lost].sort((a, b) => b.missing - a.missing).slice(0, MAX_RUNS));
  report.missing = lost.filter((r) => kept.has(r));
  return report;
}

/** A coverage as a percentage rounded down ("99.9", never "100.0" for a book missing a character). */
export function coveragePercent(coverage: number, digits = 1): string {
  const f = 10 ** digits;
  return (Math.floor(coverage * 100 * f + 1e-9) / f).toFixed(digits);
}

/**
 * Whether an item was read whole, and if not why, in one line: coverage below COVERAGE_MIN, source
 * documents that could not be read, a source that could not be rebuilt to measure, or a reader note
 * saying text may be missing. Null when whole. No excerpt of the missing text: the reason travels into
 * findings.json and the report, which must not republish what the book holds.
 */
export function partialReason(coverage: CoverageReport | null | undefined, notes: readonly ReadNote[] = [], coverageError?: string): string | null {
  const why: string[] = [];
  if (coverageError) why.push(`coverage not measured: ${coverageError}`);
  if (coverage && coverage.coverage < COVERAGE_MIN) {
    const first = coverage.missing[0];
    why.push(`coverage ${coveragePercent(coverage.coverage)} %: ${coverage.missingChars} of ${coverage.sourceChars} source characters on no page` +
      (first ? `, first in ${first.document} at character ${first.offset}` : ''));
  }
  if (coverage?.unreadable.length) why.push(`source documents not readable: ${coverage.unreadable.slice(0, 5).join(', ')}${coverage.unreadable.length > 5 ? ` and ${coverage.unreadable.length - 5} more` : ''}`);
  for (const n of notes) if (n.partial) why.push(`${n.code}: ${n.detail}`);
  return why.length ? why.join('; ') : null;
}

const K = 12;
const SAMPLE_MASK = 15; // one position in 16 (by content) is a candidate anchor
const B = 0x01000193;

/** Marks matched characters on both sides: anchors in order, extended, gaps compared as multisets. */
function align(S: string, P: string, mS: Uint8Array, mP: Uint8Array): void {
  const { src, page } = uniqueAnchors(S, P);
  const anchors = chain(src, page);
  let s0 = 0;
  let p0 = 0;
  for (const a of anchors) {
    const s = src[a];
    const p = page[a];
    if (s < s0 || p < p0) continue; // overlaps the previous extension
    gap(S, P, mS, mP, s0, s, p0, p);
    // Extend the anchor forwards as far as both sides agree.
    let k = 0;
    while (s + k < S.length && p + k < P.length && S.charCodeAt(s + k) === P.charCodeAt(p + k)) {
      mS[s + k] = 1;
      mP[p + k] = 1;
      k++;
    }
    s0 = s + k;
    p0 = p + k;
  }
  gap(S, P, mS, mP, s0, S.length, p0, P.length);
}

/** A gap between anchors: common ends first, then what is left compared as multisets. */
function gap(S: string, P: string, mS: Uint8Array, mP: Uint8Array, s0: number, s1: number, p0: number, p1: number): void {
  while (s0 < s1 && p0 < p1 && S.charCodeAt(s0) === P.charCodeAt(p0)) { mS[s0++] = 1; mP[p0++] = 1; }
  while (s0 < s1 && p0 < p1 && S.charCodeAt(s1 - 1) === P.charCodeAt(p1 - 1)) { mS[--s1] = 1; mP[--p1] = 1; }
  if (s0 >= s1 || p0 >= p1) return;
  const have = new Map<number, number[]>();
  for (let j = p0; j < p1; j++) {
    const u = P.charCodeAt(j);
    const list = have.get(u);
    if (list) list.push(j);
    else have.set(u, [j]);
  }
  for (const list of have.values()) list.reverse(); // pop() takes the earliest first
  for (let i = s0; i < s1; i++) {
    const j = have.get(S.charCodeAt(i))?.pop();
    if (j !== undefined) { mS[i] = 1; mP[j] = 1; }
  }
}

/** Sampled K-grams occurring exactly once on each side: source and page offsets, by source offset. */
function uniqueAnchors(S: string, P: string): { src: Int32Array; page: Int32Array } {
  const inP = sampledGrams(P);
  const src: number[] = [];
  const page: number[] = [];
  // Walking the source's map in insertion order gives source offsets already sorted.
  for (const [h, s] of sampledGrams(S)) {
    if (s < 0) continue;
    const p = inP.get(h);
    if (p === undefined || p < 0) continue;
    if (S.startsWith(P.slice(p, p + K), s)) { src.push(s); page.push(p); } // a hash collision is no anchor
  }
  return { src: Int32Array.from(src), page: Int32Array.from(page) };
}

/** hash → offset of its only occurrence, or -1 when it occurs more than once. */
function sampledGrams(T: string): Map<number, number> {
  const out = new Map<number, number>();
  if (T.length < K) return out;
  let pow = 1;
  for (let i = 1; i < K; i++) pow = Math.imul(pow, B);
  let h = 0;
  for (let i = 0; i < K; i++) h = (Math.imul(h, B) + T.charCodeAt(i)) | 0;
  for (let i = 0; ; i++) {
    // Content-defined sampling: the same substring is sampled on both sides, whatever its offset.
    if (((h >>> 7) & SAMPLE_MASK) === 0) out.set(h, out.has(h) ? -1 : i);
    if (i + K >= T.length) break;
    h = (Math.imul(h - Math.imul(T.charCodeAt(i), pow), B) + T.charCodeAt(i + K)) | 0;
  }
  return out;
}

/**
 * The longest chain of anchors increasing on both sides (patience / longest increasing subsequence
 * of the page offsets, the anchors being in source order): the indexes of the anchors kept.
 */
function chain(src: Int32Array, page: Int32Array): number[] {
  const tails = new Int32Array(src.length);
  let len = 0;
  const prev = new Int32Array(src.length).fill(-1);
  for (let i = 0; i < src.length; i++) {
    const p = page[i];
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (page[tails[mid]] < p) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
    if (lo === len) len++;
  }
  const out: number[] = [];
  for (let i = len ? tails[len - 1] : -1; i >= 0; i = prev[i]) out.push(i);
  return out.reverse();
}

/** Occurrences of each UTF-16 unit (a surrogate pair counts as its two halves, on both sides alike). */
function countUnits(T: string): Int32Array {
  const m = new Int32Array(0x10000);
  for (let i = 0; i < T.length; i++) m[T.charCodeAt(i)]++;
  return m;
}

function docIndex(starts: number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function excerpt(t: string): string {
  const chars = Array.from(t);
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : t;
}
