import { foldKey, foldString } from '../detect/normalize/match-fold';
import { ocrEditBudget } from '../detect/match/ocr-edit-budget';

/** A value shorter than this (after folding) is too common to search for on its own; position checks still apply. */
export const MIN_SEARCH_LENGTH = 3;

/** The folded form detection matches on (NFKC, case, width, kana, spaces and dashes dropped). */
export function foldValue(s: string): string {
  return foldKey(s);
}

/** Folded page text; `ocr` also reads O/l/S next to digits as digits, as detection does for OCR. */
export function foldPageText(s: string, ocr = false): string {
  return foldString(s, { ocr }).text;
}


/**
 * Whether `needle` occurs in `haystack` with at most `maxEdits` insertions, deletions or substitutions
 * (Sellers' approximate substring search: edit distance where the match may start anywhere).
 */
export function occursWithin(haystack: string, needle: string, maxEdits: number): boolean {
  if (needle.length === 0) return false;
  if (maxEdits === 0) return haystack.includes(needle);
  const n = needle.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let i = 0; i <= n; i++) prev[i] = i;
  for (let j = 1; j <= haystack.length; j++) {
    cur[0] = 0;
    const hc = haystack.charCodeAt(j - 1);
    for (let i = 1; i <= n; i++) {
      const sub = prev[i - 1] + (needle.charCodeAt(i - 1) === hc ? 0 : 1);
      cur[i] = Math.min(sub, prev[i] + 1, cur[i - 1] + 1);
    }
    if (cur[n] <= maxEdits) return true;
    [prev, cur] = [cur, prev];
  }
  return false;
}

/** A redacted value as verification searches it: folded, with the kind a refusal names (never the value). */
export interface Needle {
  kind: string;
  folded: string;
  /** First page the value was redacted on (-1: not redacted, a guarded record's field). */
  pageIndex: number;
  /** Every page it was redacted on: there a box may have missed part of it, so it is searched with tolerance. */
  pages?: ReadonlySet<number>;
}

/** The distinct values worth searching (three folded characters or more); each is searched on every page. */
export function needlesOf(values: readonly { value: string; kind: string; pageIndex: number }[]): Needle[] {
  const seen = new Map<string, Set<number>>();
  const out: Needle[] = [];
  for (const v of values) {
    const folded = foldValue(v.value);
    if ([...folded].length < MIN_SEARCH_LENGTH) continue;
    const pages = seen.get(folded);
    if (pages) { pages.add(v.pageIndex); continue; }
    const own = new Set([v.pageIndex]);
    seen.set(folded, own);
    out.push({ kind: v.kind, folded, pageIndex: v.pageIndex, pages: own });
  }
  return out;
}
