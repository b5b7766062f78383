import type { Box } from '../../../shared/model/geometry';
import { lineBoxes, type CharView, type PageChars } from './page-chars';

// Values wrapped over several lines: a name in a narrow table cell (山口 / 正人), an address over four
// lines (茨城県宮 / 沢町6丁 / 目18番6 / 号), a name at the end of a line of prose. MuPDF's reading order
// does not follow a cell: a row's first lines may be merged into one line ("080-7521-0741 長崎県平") and
// a cell's lines may sit between its neighbours' lines. So pieces are joined by geometry, not by order:
// a line is cut into pieces at wide gaps and where a piece above or below starts (cell boundaries); a
// piece continues the piece right above it that starts at its x and whose column it stays in (a cell's
// text is left-aligned), or, as the next line in order, the last piece of a line that starts where it
// starts (a paragraph); always at the page's usual line pitch. Vertical text is the same turned 90°: the
// next column to the left.

/** Part of one line between wide gaps: page chars [a, b), extent along the line (lo..hi) and across it. */
interface Piece {
  line: number;
  a: number;
  b: number;
  lo: number;
  hi: number;
  top: number;
  bottom: number;
  /** Character size across the line (a glyph's height for horizontal text). */
  size: number;
  /** The first / last piece of its line. */
  first: boolean;
  last: boolean;
  vertical: boolean;
  ocr: boolean;
}

/** The page's wrapped pieces as joined text: view char k is page char from[k]; piece[k] tells pieces apart. */
export interface JoinedView extends CharView {
  piece: Int32Array;
}

// A gap this wide (× glyph height) at a space is a cell boundary, not a word space: MuPDF puts a cell's
// neighbour on the same line after a gap of padding + border + padding (≈ 0.4 in the default table style),
// while a space inside a value is ≈ 0.2. Collapsed borders leave less: cutAtColumns finds those.
const WIDE_GAP = 0.33;
// Two pieces start "at the same x" within this much (× char size); OCR boxes wobble more.
const ALIGN = 0.25;
const ALIGN_OCR = 0.5;
// Lines further apart than this (× char size, top to top) never continue each other.
const MAX_PITCH = 2.5;
// A continuation is at most this much (× char size) further than the page's usual line pitch: a table row's
// padding and border (≈ 0.2) or a paragraph's margin make a larger step.
const PITCH_SLACK = 0.1;
const PITCH_SLACK_OCR = 0.3;
// A first line indented by up to this much (× char size) still continues into the next (paragraphs).
const MAX_INDENT = 3;

const IDEOGRAPHIC_SPACE = '\u3000';
/** Whitespace (no ink): by code for the usual one-unit chars, else by trim. */
function isBlank(c: string): boolean {
  if (c.length === 1) {
    const u = c.charCodeAt(0);
    if (u > 0x20 && u < 0x7f) return false;
    if (u >= 0x3001 && u < 0xfeff) return false; // kana, kanji, full-width forms
  }
  return c.trim() === '';
}

/**
 * Where chars lie: along their line (lo..hi) and across it (top..bottom, growing the way the next line lies:
 * down for horizontal lines, leftwards for vertical ones). Read from the boxes when needed: a line's pieces
 * take their ends from their first and last characters and their height from the line's box.
 */
class Extents {
  constructor(private readonly p: PageChars, private readonly explode: boolean) {}
  private turned(k: number): boolean { return this.p.lineVertical[this.p.line[k]] === 1 && !this.explode; }
  lo(k: number): number { const b = this.p.boxes[k]!; return this.turned(k) ? b[1] : b[0]; }
  hi(k: number): number { const b = this.p.boxes[k]!; return this.turned(k) ? b[3] : b[2]; }
  /** Across extent of a box as [top, bottom]. */
  across(b: Box, vertical: boolean): [number, number] { return vertical ? [-b[2], -b[0]] : [b[1], b[3]]; }
  ink(k: number): boolean { return this.p.boxes[k] !== null && !isBlank(this.p.chars[k]); }
}

/** The piece of page chars [a, b) (a and b − 1 have ink) across `top..bottom`, with its extent along the line. */
function makePiece(x: Extents, a: number, b: number, line: number, top: number, bottom: number, first: boolean, last: boolean, vertical: boolean, ocr: boolean): Piece {
  return { line, a, b, lo: x.lo(a), hi: x.hi(b - 1), top, bottom, size: bottom - top, first, last, vertical, ocr };
}

/** A page's lines cut into pieces at wide gaps. */
function linePieces(p: PageChars): { pieces: Piece[]; x: Extents } {
  const out: Piece[] = [];
  const n = p.chars.length, nLines = p.lineVertical.length;
  // On a page of horizontal text, a "column" is most likely single characters of narrow cells stacked
  // (大治 / 郎 / 山 / 内: the extraction takes three stacked one-character lines for vertical text): each of its
  // characters is taken as a one-character line of its own (numbered after the page's lines).
  let vertical = 0;
  for (let li = 0; li < nLines; li++) vertical += p.lineVertical[li];
  let explode = false;
  if (vertical) {
    let inkH = 0, inkV = 0;
    for (let k = 0; k < n; k++) if (p.boxes[k] && !isBlank(p.chars[k])) { if (p.lineVertical[p.line[k]]) inkV++; else inkH++; }
    explode = inkH > inkV;
  }
  const x = new Extents(p, explode);
  let extraLine = nLines;
  let i = 0;
  while (i < n) {
    const line = p.line[i];
    let j = i;
    while (j < n && p.boxes[j] !== null) j++; // the line's chars end at the '\n' pseudo-char
    const turned = p.lineVertical[line] === 1, ocr = p.lineSource[line] === 'ocr';
    if (turned && explode) {
      for (let k = i; k < j; k++) if (x.ink(k)) { const b = p.boxes[k]!; out.push(makePiece(x, k, k + 1, extraLine++, b[1], b[3], true, true, false, ocr)); }
    } else if (j > i) {
      const [top, bottom] = x.across(p.lineBoxes[line], turned);
      const size = bottom - top;
      let start = -1, prev = -1;
      for (let k = i; k < j; k++) {
        if (isBlank(p.chars[k])) continue;
        if (start < 0) { start = prev = k; continue; }
        // A boundary is a wide gap where the line has a space (MuPDF puts one in every gap it joins over), not a
        // full-width space, which is part of the text (山口　正人).
        if (k - prev > 1 && x.lo(k) - x.hi(prev) >= WIDE_GAP * size) {
          let fullWidthSpace = false;
          for (let q = prev + 1; q < k; q++) if (p.chars[q] === IDEOGRAPHIC_SPACE) fullWidthSpace = true;
          if (!fullWidthSpace) {
            out.push(makePiece(x, start, prev + 1, line, top, bottom, !out.length || out[out.length - 1].line !== line, false, turned, ocr));
            start = k;
          }
        }
        prev = k;
      }
      if (start >= 0) out.push(makePiece(x, start, prev + 1, line, top, bottom, !out.length || out[out.length - 1].line !== line, true, turned, ocr));
    }
    i = j + 1;
  }
  return { pieces: out, x };
}

/**
 * Cuts pieces where a piece just above or below starts: with collapsed borders a row's cells may follow each
 * other on one line after a gap no wider than a space ("0741 長崎県平"), and the cell's next line, starting
 * right under 長, shows where the cell begins. A cut needs a space or a small gap before it, so a value is
 * not cut where a neighbour happens to start under one of its characters.
 */
function cutAtColumns(x: Extents, ps: Piece[]): Piece[] {
  for (let round = 0; round < 3; round++) {
    const order = ps.map((_, i) => i).sort((u, v) => ps[u].top - ps[v].top);
    const cutsOf: (number[] | null)[] = new Array(ps.length).fill(null);
    let changed = false;
    for (let oi = 0; oi < order.length; oi++) {
      const Q = ps[order[oi]];
      const tol = (Q.ocr ? ALIGN_OCR : ALIGN) * Q.size;
      let cuts: number[] | null = null;
      for (let dir = -1; dir <= 1; dir += 2) {
        for (let oj = oi + dir; oj >= 0 && oj < order.length; oj += dir) {
          const P = ps[order[oj]];
          const d = Math.abs(P.top - Q.top);
          if (d > MAX_PITCH * Q.size) break;
          if (P.line === Q.line || P.vertical !== Q.vertical || d < 0.3 * Q.size) continue;
          if (P.lo <= Q.lo + tol || P.lo >= Q.hi - tol) continue;
          let prev = Q.a;
          for (let k = Q.a + 1; k < Q.b; k++) {
            if (!x.ink(k)) continue;
            const near = Math.abs(x.lo(k) - P.lo) <= tol;
            if (near && (k - prev > 1 || x.lo(k) - x.hi(prev) >= 0.15 * Q.size) && !cuts?.includes(k)) (cuts ??= []).push(k);
            if (near) break;
            prev = k;
          }
        }
      }
      if (cuts) { cutsOf[order[oi]] = cuts; changed = true; }
    }
    if (!changed) break;
    const out: Piece[] = [];
    ps.forEach((Q, qi) => {
      const cuts = cutsOf[qi];
      if (!cuts) { out.push(Q); return; }
      let start = Q.a;
      for (const k of cuts.sort((u, v) => u - v)) {
        let end = k;
        while (!x.ink(end - 1)) end--;
        out.push(makePiece(x, start, end, Q.line, Q.top, Q.bottom, Q.first && start === Q.a, false, Q.vertical, Q.ocr));
        start = k;
      }
      out.push(makePiece(x, start, Q.b, Q.line, Q.top, Q.bottom, Q.first && start === Q.a, Q.last, Q.vertical, Q.ocr));
    });
    ps = out;
  }
  return ps;
}

/**
 * The piece each piece continues (−1: none), at the page's line pitch:
 * - a cell's next line: right under the piece above, starting at its x and staying within its column (not
 *   reaching under the next piece of that line);
 * - a paragraph's next line: the next line in reading order, starting where the line above starts (or left
 *   of it by an indent), continues that line's last piece.
 */
function links(ps: Piece[]): Int32Array {
  const pred = new Int32Array(ps.length).fill(-1);
  const pitch = new Float64Array(ps.length);
  // Per piece: the start of the next piece on its line, and of its line's first piece.
  const nextLo = new Float64Array(ps.length).fill(Infinity), firstLo = new Float64Array(ps.length);
  // Pieces come in page order: by line, then along it.
  for (let i = 0; i < ps.length; i++) {
    firstLo[i] = i > 0 && ps[i - 1].line === ps[i].line ? firstLo[i - 1] : ps[i].lo;
    if (i + 1 < ps.length && ps[i + 1].line === ps[i].line) nextLo[i] = ps[i + 1].lo;
  }
  const order = ps.map((_, i) => i).sort((x, y) => ps[x].top - ps[y].top);
  for (let oi = 0; oi < order.length; oi++) {
    const P = ps[order[oi]];
    let best = -1, bestD = Infinity, bestDx = Infinity;
    for (let oj = oi - 1; oj >= 0; oj--) {
      const qi = order[oj], Q = ps[qi];
      const d = P.top - Q.top;
      if (d > MAX_PITCH * P.size) break;
      if (Q.line === P.line || Q.vertical !== P.vertical || d < 0.3 * P.size) continue;
      const tol = (P.ocr || Q.ocr ? ALIGN_OCR : ALIGN) * P.size;
      const dx = Math.abs(Q.lo - P.lo);
      const cell = dx <= tol && P.hi <= nextLo[qi] + tol;
      const indent = firstLo[qi] - P.lo;
      const paragraph = Q.last && P.first && P.line === Q.line + 1 && indent >= -tol && indent <= MAX_INDENT * P.size;
      if (!cell && !paragraph) continue;
      if (d < bestD - 0.01 || (Math.abs(d - bestD) <= 0.01 && dx < bestDx)) { best = qi; bestD = d; bestDx = dx; }
    }
    if (best >= 0) { pred[order[oi]] = best; pitch[order[oi]] = bestD; }
  }
  // The page's line pitch: the most common distance between a piece and the one it continues. A larger
  // step (a table row's border and padding, a paragraph gap) is not a wrap.
  const counts = new Map<number, number>();
  for (let i = 0; i < ps.length; i++) if (pred[i] >= 0) {
    const k = Math.round(pitch[i] * 2) / 2;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let mode = 0, modeCount = 0;
  for (const [k, c] of counts) if (c > modeCount || (c === modeCount && k < mode)) { mode = k; modeCount = c; }
  const succ = new Int32Array(ps.length).fill(-1);
  for (let i = 0; i < ps.length; i++) {
    const q = pred[i];
    if (q < 0) continue;
    if (pitch[i] > mode + (ps[i].ocr ? PITCH_SLACK_OCR : PITCH_SLACK) * ps[i].size) { pred[i] = -1; continue; }
    // One successor per piece: the nearest.
    const other = succ[q];
    if (other >= 0 && pitch[other] <= pitch[i]) { pred[i] = -1; continue; }
    if (other >= 0) pred[other] = -1;
    succ[q] = i;
  }
  return pred;
}

/** Where a page's wrapped line pieces join. */
export interface LineJoins {
  /**
   * Page indices of the '\n' pseudo-chars between a line's last piece and the next line's first piece that
   * continues it, where no normalization rule reads across the join: matching takes these line breaks out
   * of the page text (a paragraph's lines, most wrapped cells), so the one page fold serves.
   */
  breaks: Int32Array;
  /** The other chains (pieces out of reading order, or a join inside 6丁 / 目18番): joined text to fold and search. */
  view: JoinedView | null;
}

// What the normalization rules read across neighbours (match-fold.ts): digits and numerals with 丁目番地号の,
// 年月日 and dashes; 丁目 and 番地 as pairs; ー/一 between kana; +81; on OCR pages, letters read as digits.
const DIGITISH = /^[0-9０-９〇一二三四五六七八九十百千]$/u;
const DIGIT_RULE = /^[丁目番地号の年月日ーｰ一―‐‑‒–—−－\-()（）]$/u;
const KANA = /^[\u3041-\u30ff]$/u;
const OCR_LETTER = /^[A-Za-zＡ-Ｚａ-ｚ|]$/u;

/** Whether normalizing the text across a join of x (end of a line) and y (start of the next) can differ from normalizing each line alone. */
function readAcross(x: string, y: string, ocr: boolean): boolean {
  if (x.length !== 1 || y.length !== 1 || x === '+' || x === '＋' || /[\u3099-\u309c\uff9e\uff9f\ufe00-\ufe0f]/u.test(y)) return true;
  const dx = DIGITISH.test(x), dy = DIGITISH.test(y);
  if ((dx && (dy || DIGIT_RULE.test(y))) || (dy && DIGIT_RULE.test(x))) return true;
  if ((x === '丁' && y === '目') || (x === '番' && y === '地')) return true;
  if ((/^[ー一]$/u.test(x) && KANA.test(y)) || (KANA.test(x) && /^[ー一]$/u.test(y))) return true;
  return ocr && ((dx && OCR_LETTER.test(y)) || (OCR_LETTER.test(x) && dy) || (OCR_LETTER.test(x) && OCR_LETTER.test(y)));
}

/**
 * The page's wrapped line pieces and how matching joins them (see LineJoins). Null when nothing continues.
 * `reach`: the most characters a listed value can take on the page; joined text is only made that far
 * either side of a join the page text cannot take.
 */
export function lineJoins(p: PageChars, reach = Infinity): LineJoins | null {
  const lp = linePieces(p);
  const ps = cutAtColumns(lp.x, lp.pieces);
  if (ps.length < 2) return null;
  const pred = links(ps);
  const succ = new Int32Array(ps.length).fill(-1);
  let any = false;
  for (let i = 0; i < ps.length; i++) if (pred[i] >= 0) { succ[pred[i]] = i; any = true; }
  if (!any) return null;
  const lines = p.lineVertical.length, x = lp.x;
  const breaks: number[] = [];
  // A join the page text already has in order: the end of one line to the start of the next.
  const inOrder = (u: Piece, v: Piece) => u.last && v.first && u.line < lines && v.line === u.line + 1
    && !readAcross(p.chars[u.b - 1], p.chars[v.a], u.ocr || v.ocr);
  const inkOf = (q: Piece) => { let c = 0; for (let k = q.a; k < q.b; k++) if (x.ink(k)) c++; return c; };
  const chars: string[] = [], from: number[] = [], piece: number[] = [];
  for (let h = 0; h < ps.length; h++) {
    if (pred[h] >= 0 || succ[h] < 0) continue;
    const chain: number[] = [];
    for (let q = h; q >= 0; q = succ[q]) chain.push(q);
    // Pieces within reach of a join that needs joined text of its own.
    const keep = new Uint8Array(chain.length);
    for (let i = 0; i + 1 < chain.length; i++) {
      const u = ps[chain[i]], v = ps[chain[i + 1]];
      if (inOrder(u, v)) { let k = u.b; while (p.boxes[k]) k++; breaks.push(k); continue; }
      for (let j = i, got = 0; j >= 0 && got < reach; j--) { keep[j] = 1; got += inkOf(ps[chain[j]]); }
      for (let j = i + 1, got = 0; j < chain.length && got < reach; j++) { keep[j] = 1; got += inkOf(ps[chain[j]]); }
    }
    for (let i = 0; i < chain.length; i++) {
      if (!keep[i]) continue;
      const q = ps[chain[i]];
      for (let k = q.a; k < q.b; k++) {
        if (p.ruby?.[k]) continue;
        chars.push(p.chars[k]); from.push(k); piece.push(chain[i]);
      }
      if (i + 1 === chain.length || !keep[i + 1]) { chars.push('\n'); from.push(from[from.length - 1]); piece.push(-1); }
    }
  }
  const f = Int32Array.from(from);
  return { breaks: Int32Array.from(breaks).sort(), view: chars.length ? { chars, from: f, to: f.map((k) => k + 1), piece: Int32Array.from(piece) } : null };
}

/** Whether view chars [s, e) come from more than one piece (a match only the joined text can give). */
export function spansPieces(v: JoinedView, s: number, e: number): boolean {
  return v.piece[s] !== v.piece[e - 1];
}

/** One box per line piece that view chars [s, e) touch. */
export function viewBoxes(p: PageChars, v: CharView, s: number, e: number): Box[] {
  return lineBoxes(p, s, e, (k) => v.from[k]);
}
