import type Tesseract from 'tesseract.js';
import { makeLine, type BoxMapper, type OcrChar, type OcrLine, type PixelBox } from './ocr-result';

/**
 * In vertical Japanese, Latin runs (emails, phone digits, URLs) are set sideways, turned 90° clockwise.
 * jpn_vert reads them as garbage. A second pass with `eng` over the page turned back (90° counter-
 * clockwise) reads them upright; this module picks the credible Latin words of that pass and puts them
 * into the columns where they sit, replacing what jpn_vert made of the same spot.
 */

export interface SidewaysWord {
  text: string;
  confidence: number;
  /** Box in the upright page frame (a tall, narrow box). */
  box: PixelBox;
  /** One box per character, top to bottom, in the upright page frame. */
  chars: OcrChar[];
}

/** A Latin run worth trusting: mostly ASCII letters/digits/punctuation, at least 3 of them, confident. */
const LATIN_RUN = /^[\x21-\x7E]{3,}$/;
const MIN_CONFIDENCE = 70;

export function sidewaysWordsFrom(page: Tesseract.Page, map: BoxMapper): SidewaysWord[] {
  const out: SidewaysWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const w of line.words) {
          const text = w.text.trim();
          if (!LATIN_RUN.test(text) || w.confidence < MIN_CONFIDENCE || !/[A-Za-z0-9]{2}/.test(text)) continue;
          const chars: OcrChar[] = [];
          for (const s of w.symbols) {
            const box = map([s.bbox.x0, s.bbox.y0, s.bbox.x1, s.bbox.y1]);
            for (const c of s.text) chars.push({ c, box, confidence: s.confidence });
          }
          if (chars.map((c) => c.c).join('') !== text) continue;
          out.push({ text, confidence: w.confidence, box: map([w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1]), chars });
        }
      }
    }
  }
  return out;
}

const centre = (b: PixelBox): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const inside = (p: [number, number], b: PixelBox, pad: number) =>
  p[0] >= b[0] - pad && p[0] <= b[2] + pad && p[1] >= b[1] - pad && p[1] <= b[3] + pad;

function horizontalOverlap(a: PixelBox, b: PixelBox): number {
  return Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
}

/**
 * Merges sideways Latin words into vertical columns (all boxes in the upright frame). A word replaces
 * the column's characters whose centres fall inside it when it is more confident than they are; a word
 * that lands in no column becomes a column of its own. Returns the new lines and how many words merged.
 */
export function mergeSidewaysWords(lines: readonly OcrLine[], words: readonly SidewaysWord[]): { lines: OcrLine[]; merged: number } {
  const result = lines.map((l) => ({ ...l, chars: [...l.chars] }));
  let merged = 0;
  for (const w of words) {
    const ww = w.box[2] - w.box[0];
    const pad = ww * 0.25;
    let best: OcrLine | null = null, bestOverlap = 0;
    for (const l of result) {
      if (l.wmode !== 'vertical' || l.box[1] > w.box[3] || l.box[3] < w.box[1]) continue;
      const o = horizontalOverlap(l.box, w.box);
      if (o > bestOverlap) { best = l; bestOverlap = o; }
    }
    if (!best || bestOverlap < ww * 0.5) {
      result.push(makeLine(w.chars, 'vertical', w.confidence));
      merged++;
      continue;
    }
    const covered = best.chars.filter((c) => inside(centre(c.box), w.box, pad));
    const coveredConf = covered.filter((c) => c.c !== ' ').reduce((s, c, _, a) => s + c.confidence / a.length, 0);
    // The column already holds this run, read well (e.g. full-width digits jpn_vert knows): keep it.
    if (covered.length > 0 && coveredConf >= w.confidence && covered.map((c) => c.c).join('').replace(/\s/g, '') === w.text) continue;
    if (covered.length > 0 && coveredConf > w.confidence + 10) continue;
    const keep = best.chars.filter((c) => !covered.includes(c));
    // Insert at the word's place down the column.
    let at = keep.findIndex((c) => centre(c.box)[1] > centre(w.box)[1]);
    if (at < 0) at = keep.length;
    keep.splice(at, 0, ...w.chars);
    const i = result.indexOf(best);
    result[i] = makeLine(keep, 'vertical');
    merged++;
  }
  return { lines: result, merged };
}
