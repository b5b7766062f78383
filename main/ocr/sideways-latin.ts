import type Tesseract from 'tesseract.js';
import { needsSpaceBetween } from './cjk-spacing';
import { cropGray, padGray, rotateGray, unrotateBox, type GrayImage } from './gray-image';
import { makeLine, shareOut, type OcrChar, type OcrLine, type PixelBox } from './ocr-result';

/**
 * Vertical Japanese sets Latin runs (e-mail addresses, phone numbers, URLs) turned 90° clockwise inside
 * the columns; jpn_vert reads them as garbage (`hanako.sato@example.com` → `ロ PoopoSoxB 上 oo`). Here:
 *
 * 1. Where: the runs of each column are found from two readings, which fail differently: the page turned
 *    90° counter-clockwise read with eng as sparse text (Latin words, boxes exact), and the column's own
 *    jpn_vert words that hold ASCII or were read unsurely.
 * 2. What: each run is cropped from the upright page (stopping at the column's confidently read Japanese),
 *    turned counter-clockwise and read alone with eng as one line (PSM 7), the most accurate way tesseract
 *    reads a short line.
 * 3. Splice: the run's characters, with their boxes mapped back into the page, replace the column's words
 *    they cover; the column's Japanese words keep their place, each word's box shared out among its characters.
 */

/** A word of a reading, in upright page pixels. */
export interface ReadWord {
  text: string;
  box: PixelBox;
  confidence: number;
}

/** One vertical column as jpn_vert read it (its words' boxes along the column are close, not exact). */
export interface Column {
  box: PixelBox;
  confidence: number;
  words: ReadWord[];
}

/** A stretch of a column holding sideways Latin, and whether the sparse eng reading saw Latin there. */
export interface Span {
  column: number;
  y0: number;
  y1: number;
  seenByEng: boolean;
}

/** A run read from its crop: characters with boxes in page pixels. */
export interface ReadRun {
  column: number;
  text: string;
  confidence: number;
  chars: OcrChar[];
}

export type Recognize = (img: GrayImage, psm: '7' | '11') => Promise<Tesseract.Page>;

export interface SidewaysResult {
  lines: OcrLine[];
  /** Runs spliced into columns (or added as columns of their own). */
  runs: number;
  /** The Japanese kept around them: how many characters, how confidently read (evidence the page is upright). */
  cjkChars: number;
  cjkConfidence: number;
}

const ASCII = /[\x21-\x7e]/;
const HAN_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A run's text once read: printable ASCII with at most single inner spaces, two letters or digits at least. */
const LATIN_TEXT = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
/** Sparse eng words at least this confident mark a span; the run itself is judged when read alone. */
const SPARSE_MIN_CONFIDENCE = 50;
/** A run read alone is kept when at least this confident (more when only jpn_vert's garbage pointed at it). */
const RUN_MIN_CONFIDENCE = 60;
const RUN_MIN_CONFIDENCE_UNSEEN = 75;

export function columnsFromTesseract(page: Tesseract.Page): Column[] {
  const out: Column[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words
          .map((w) => ({ text: w.symbols.map((s) => s.text).join('').replace(/\s+/g, ''), box: bbox(w.bbox), confidence: w.confidence }))
          .filter((w) => w.text);
        if (words.length) out.push({ box: bbox(line.bbox), confidence: line.confidence, words });
      }
    }
  }
  return out;
}

/** The Latin-looking words of the sparse eng reading of the page turned 90° ccw, in upright page pixels. */
export function sparseLatinWords(page: Tesseract.Page, width: number, height: number): ReadWord[] {
  const out: ReadWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const w of line.words) {
          const text = w.text.trim();
          if (!/^[\x21-\x7e]{2,}$/.test(text) || !/[A-Za-z0-9]{2}/.test(text) || w.confidence < SPARSE_MIN_CONFIDENCE) continue;
          out.push({ text, box: unrotateBox(bbox(w.bbox), 270, width, height), confidence: w.confidence });
        }
      }
    }
  }
  return out;
}

const centreX = (b: PixelBox) => (b[0] + b[2]) / 2;
const centreY = (b: PixelBox) => (b[1] + b[3]) / 2;
const widthOf = (c: Column) => c.box[2] - c.box[0];

/** A jpn_vert word that is really (part of) a sideways run: it holds ASCII. */
function suspect(w: ReadWord): boolean {
  return ASCII.test(w.text);
}

/** Confidently read Japanese: a run's crop must not reach into it. */
function fence(w: ReadWord): boolean {
  return !ASCII.test(w.text) && HAN_KANA.test(w.text) && w.confidence >= 80;
}

/**
 * The stretches of each column that hold sideways Latin: sparse eng words whose centre lies in the
 * column, and runs of suspect jpn_vert words; stretches closer than half a column width merge, and so do
 * stretches up to two widths apart with no confidently read Japanese between them.
 */
export function sidewaysSpans(columns: readonly Column[], sparse: readonly ReadWord[]): Span[] {
  const spans: Span[] = [];
  columns.forEach((col, ci) => {
    const w = widthOf(col);
    const cand: Span[] = [];
    for (const s of sparse) {
      const cx = centreX(s.box);
      if (cx < col.box[0] - w * 0.25 || cx > col.box[2] + w * 0.25) continue;
      if (s.box[3] < col.box[1] - w || s.box[1] > col.box[3] + w) continue;
      cand.push({ column: ci, y0: s.box[1], y1: s.box[3], seenByEng: true });
    }
    for (const word of col.words) if (suspect(word)) cand.push({ column: ci, y0: word.box[1], y1: word.box[3], seenByEng: false });
    cand.sort((a, b) => a.y0 - b.y0);
    // Two stretches with nothing confidently Japanese between them are one run that both readings broke up.
    const fencedBetween = (a: number, b: number) => col.words.some((word) => fence(word) && centreY(word.box) > a && centreY(word.box) < b);
    let cur: Span | null = null;
    for (const c of cand) {
      if (cur && (c.y0 <= cur.y1 + w * 0.5 || (c.y0 <= cur.y1 + w * 2 && !fencedBetween(cur.y1, c.y0)))) {
        cur.y1 = Math.max(cur.y1, c.y1);
        cur.seenByEng ||= c.seenByEng;
      } else {
        if (cur) spans.push(cur);
        cur = { ...c };
      }
    }
    if (cur) spans.push(cur);
  });
  return spans;
}

/** The crop for one span: the column's width, along the column up to the confident Japanese on either side. */
export function spanCrop(col: Column, span: Span, img: GrayImage): [number, number, number, number] | null {
  const w = widthOf(col);
  let lo = span.y0 - w * 0.6, hi = span.y1 + w * 0.6;
  for (const word of col.words) {
    if (!fence(word)) continue;
    const cy = centreY(word.box);
    if (cy < span.y0) lo = Math.max(lo, word.box[3] + 1);
    else if (cy > span.y1) hi = Math.min(hi, word.box[1] - 1);
  }
  const x0 = Math.max(0, Math.floor(col.box[0] - w * 0.15)), x1 = Math.min(img.width, Math.ceil(col.box[2] + w * 0.15));
  const y0 = Math.max(0, Math.floor(lo)), y1 = Math.min(img.height, Math.ceil(hi));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  // Trim blank rows at both ends so the line tesseract sees starts and ends at ink.
  const strip = cropGray(img, x0, y0, x1, y1);
  let top = 0, bottom = strip.height;
  const blank = (y: number) => { for (let x = 0; x < strip.width; x++) if (strip.data[y * strip.width + x] < 128) return false; return true; };
  while (top < bottom && blank(top)) top++;
  while (bottom > top && blank(bottom - 1)) bottom--;
  if (bottom - top < 4) return null;
  return [x0, y0 + top, x1, y0 + bottom];
}

/**
 * Reads a span's crop (turned ccw, with a white border) as a single line. Returns the credible Latin runs
 * in it, characters in page pixels: the line is split where a gap is as wide as an ideographic space
 * (a crop may reach past the run into the next phrase), spaces tesseract put beside . @ _ - or into a gap
 * narrower than a third of a character are dropped (`co. jp`), and each part must read as Latin.
 */
export function runsFromLine(page: Tesseract.Page, crop: [number, number, number, number], border: number, span: Span): ReadRun[] {
  const [cx0, cy0, cx1, cy1] = crop;
  const cw = cx1 - cx0 + 2 * border, ch = cy1 - cy0 + 2 * border;
  const columnWidth = cx1 - cx0;
  const symbols: { c: string; box: PixelBox; confidence: number; wordStart: boolean }[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const word of line.words) {
          word.symbols.forEach((s, i) => {
            // Rotated-crop box -> upright crop (with border) -> page.
            const b = unrotateBox(bbox(s.bbox), 270, cw, ch);
            const box: PixelBox = [cx0, b[1] - border + cy0, cx1, b[3] - border + cy0];
            for (const c of s.text) symbols.push({ c, box, confidence: s.confidence, wordStart: i === 0 });
          });
        }
      }
    }
  }
  const parts: (typeof symbols)[] = [];
  symbols.forEach((s, i) => {
    const gap = i > 0 ? s.box[1] - symbols[i - 1].box[3] : Infinity;
    if (gap >= columnWidth * 0.6) parts.push([]);
    parts[parts.length - 1].push(s);
  });
  const advances = symbols.slice(1).map((s, i) => s.box[1] - symbols[i].box[1]).filter((a) => a > 0).sort((a, b) => a - b);
  const advance = advances.length ? advances[advances.length >> 1] : columnWidth / 2;
  const runs: ReadRun[] = [];
  for (const part of parts) {
    // Ends of the crop may catch a stroke of a neighbour: drop punctuation at either end.
    // (A + starts an international number, +81…, never +0: that is a colon or a stroke before a number.)
    while (part.length && (!/[A-Za-z0-9(+<]/.test(part[0].c) || (part[0].c === '+' && part[1]?.c === '0'))) part.shift();
    while (part.length && !/[A-Za-z0-9)/>]/.test(part[part.length - 1].c)) part.pop();
    if (part.length < 2) continue;
    const chars: OcrChar[] = [];
    part.forEach((s, i) => {
      const prev = part[i - 1];
      if (prev && s.wordStart && !/[.@_-]/.test(prev.c + s.c) && s.box[1] - prev.box[3] > advance / 3) {
        chars.push({ c: ' ', box: [cx0, prev.box[3], cx1, s.box[1]], confidence: s.confidence });
      }
      chars.push({ c: s.c, box: s.box, confidence: s.confidence });
    });
    const text = chars.map((c) => c.c).join('');
    const confidence = part.reduce((a, s) => a + s.confidence, 0) / part.length;
    if (!LATIN_TEXT.test(text) || !/[A-Za-z0-9].*[A-Za-z0-9]/.test(text)) continue;
    if (confidence < (span.seenByEng ? RUN_MIN_CONFIDENCE : RUN_MIN_CONFIDENCE_UNSEEN)) continue;
    // Symbol boxes out of order or collapsed: share the run's stretch out instead.
    const sane = part.every((s, i) => s.box[3] > s.box[1] && (i === 0 || s.box[1] >= part[i - 1].box[1] - 2));
    if (!sane) shareOut(chars, [cx0, part[0].box[1], cx1, part[part.length - 1].box[3]], 'vertical');
    runs.push({ column: span.column, text, confidence, chars });
  }
  return runs;
}

const stretchOf = (r: ReadRun): [number, number] => [r.chars[0].box[1], r.chars[r.chars.length - 1].box[3]];

/**
 * Whether jpn_vert's own reading backs a run: where it lies, jpn_vert saw ASCII shapes (it reads sideways
 * Latin as `o`, `u`, `@`, `3`… mixed with kana) over a quarter of the stretch at least, or saw nothing
 * at all and the run is read very confidently. Sideways Japanese read by eng (`高橋` → `PUR HKHK`) is not.
 */
export function backedByColumn(col: Column, run: ReadRun): boolean {
  const [a, b] = stretchOf(run);
  let ascii = 0, any = 0;
  for (const w of col.words) {
    const cy = centreY(w.box);
    if (cy < a || cy > b) continue;
    const len = w.box[3] - w.box[1];
    any += len;
    if (ASCII.test(w.text)) ascii += len;
  }
  if (any === 0) return run.confidence >= 85;
  return ascii >= (b - a) * 0.25;
}

/**
 * Rebuilds a column with its runs: jpn_vert words whose middle lies inside a run are dropped; the
 * rest keep their order down the column, each word's box shared out among its characters.
 */
export function spliceColumn(col: Column, runs: readonly ReadRun[]): OcrLine {
  const stretches = runs.map(stretchOf);
  const reach = widthOf(col) * 0.9;
  const pieces: { y: number; chars: OcrChar[] }[] = [];
  for (const w of col.words) {
    const cy = centreY(w.box);
    const len = w.box[3] - w.box[1];
    // A word inside a run, or mostly overlapping one, was jpn_vert's reading of the Latin; so is an unsure
    // fragment just beyond either end.
    if (stretches.some(([a, b]) => (cy >= a && cy <= b) || Math.min(b, w.box[3]) - Math.max(a, w.box[1]) > len * 0.5)) continue;
    if (!fence(w) && (suspect(w) || w.confidence < 70) && stretches.some(([a, b]) => cy >= a - reach && cy <= b + reach)) continue;
    const chars: OcrChar[] = [...w.text].map((c) => ({ c, box: w.box, confidence: w.confidence }));
    shareOut(chars, [col.box[0], w.box[1], col.box[2], w.box[3]], 'vertical');
    pieces.push({ y: w.box[1], chars });
  }
  for (const r of runs) pieces.push({ y: r.chars[0].box[1], chars: r.chars });
  pieces.sort((a, b) => a.y - b.y);
  const chars: OcrChar[] = [];
  for (const p of pieces) {
    const prev = chars.at(-1);
    if (prev && needsSpaceBetween(prev.c, p.chars[0].c)) {
      chars.push({ c: ' ', box: [col.box[0], prev.box[3], col.box[2], Math.max(prev.box[3], p.chars[0].box[1])], confidence: p.chars[0].confidence });
    }
    chars.push(...p.chars);
  }
  return makeLine(chars, 'vertical');
}

/** Finds, reads and splices the sideways Latin runs of an upright vertical page read by jpn_vert. */
export async function readSidewaysLatin(
  upright: GrayImage, vertical: Tesseract.Page, unchanged: readonly OcrLine[], recognize: Recognize,
): Promise<SidewaysResult | null> {
  const columns = columnsFromTesseract(vertical);
  const sparsePage = await recognize(rotateGray(upright, 270), '11');
  const sparse = sparseLatinWords(sparsePage, upright.width, upright.height);
  const spans = sidewaysSpans(columns, sparse);
  if (spans.length === 0) return null;
  const BORDER = 12;
  const read = await Promise.all(spans.map(async (span) => {
    const crop = spanCrop(columns[span.column], span, upright);
    if (!crop) return [];
    const img = padGray(rotateGray(cropGray(upright, ...crop), 270), BORDER);
    const col = columns[span.column];
    const found = runsFromLine(await recognize(img, '7'), crop, BORDER, span);
    return found.filter((r) => backedByColumn(col, r));
  }));
  const runs = read.flat();
  if (runs.length === 0) return null;

  // Columns without a run keep jpn_vert's own reading (`unchanged`, matched by their box).
  const lines: OcrLine[] = unchanged.filter((l) => !columns.some((col, ci) => sameBox(col.box, l.box) && runs.some((r) => r.column === ci)));
  columns.forEach((col, ci) => {
    const mine = runs.filter((r) => r.column === ci);
    if (mine.length) lines.push(spliceColumn(col, mine));
  });
  // Columns right to left, as jpn_vert gives them.
  lines.sort((a, b) => b.box[0] - a.box[0]);
  let cjkChars = 0, cjkConf = 0;
  for (const l of lines) {
    for (const c of l.chars) {
      if (!HAN_KANA.test(c.c)) continue;
      cjkChars++;
      cjkConf += c.confidence;
    }
  }
  return { lines, runs: runs.length, cjkChars, cjkConfidence: cjkChars ? cjkConf / cjkChars : 0 };
}

const sameBox = (a: PixelBox, b: PixelBox) => a.every((v, i) => Math.abs(v - b[i]) < 0.5);

function bbox(b: Tesseract.Bbox): PixelBox {
  return [b.x0, b.y0, b.x1, b.y1];
}
