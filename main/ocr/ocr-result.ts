import type Tesseract from 'tesseract.js';
import type { WritingMode } from '../../shared/model/page';
import { isCjk, needsSpaceBetween } from './cjk-spacing';
import type { QuarterTurn } from './gray-image';
import { unionBoxes } from '../../shared/model/geometry';

/** A box in pixels of the image given to OCR: [x0, y0, x1, y1], origin top-left. */
export type PixelBox = [number, number, number, number];

export interface OcrChar {
  c: string;
  box: PixelBox;
  confidence: number;
}

/** A line (a column for vertical text). Invariant: text === chars.map(c => c.c).join(''). */
export interface OcrLine {
  text: string;
  box: PixelBox;
  wmode: WritingMode;
  confidence: number;
  chars: OcrChar[];
}

/** A space-separated run of a line (for Japanese usually a whole phrase, since CJK spaces are dropped). */
export interface OcrWord {
  text: string;
  box: PixelBox;
  confidence: number;
}

export interface OcrResult {
  /** Lines joined with '\n'. */
  text: string;
  /** Mean confidence 0..100 of the pass kept. */
  confidence: number;
  words: OcrWord[];
  lines: OcrLine[];
  /** Which reading was kept, the readings made, and what decided: the caller ('given'), the page's
   * line layout ('layout'), or the better mean confidence of both readings ('confidence'). */
  mode: WritingMode;
  modesTried: { mode: WritingMode; confidence: number }[];
  modeDecidedBy: 'given' | 'layout' | 'confidence';
  /** Clockwise quarter turns the image needed to be upright (boxes are in the image as given). */
  rotation: QuarterTurn;
  imageSize: { width: number; height: number };
  langs: string;
  engine: string;
  /** Latin runs read from the page turned sideways and merged into vertical columns. */
  sidewaysWords: number;
}

/** Maps a box found in the image tesseract saw back to the input image's pixels. */
export type BoxMapper = (b: PixelBox) => PixelBox;

const bboxOf = (b: Tesseract.Bbox): PixelBox => [b.x0, b.y0, b.x1, b.y1];

/**
 * Turns tesseract's block tree into lines of characters with boxes, joining its words with a space
 * only where one belongs (not between CJK characters).
 *
 * Character boxes: tesseract's per-symbol boxes are usable for horizontal text but not always (the
 * LSTM places some symbols across the whole word), and in vertical mode (jpn_vert, PSM 5) they come
 * back collapsed (x0 = x1 = 0, in a rotated frame). So a horizontal word keeps its symbol boxes only
 * when they are sane and otherwise shares out its word box; a vertical column shares out its own box,
 * which is reliable, by character advance (CJK full-width = 1 em, Latin about half).
 */
export function linesFromTesseract(page: Tesseract.Page, wmode: WritingMode, map: BoxMapper): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const tl of para.lines) {
        const chars: OcrChar[] = [];
        for (const word of tl.words) {
          const syms = word.symbols.filter((s) => s.text && s.text.trim());
          if (syms.length === 0) continue;
          const prev = chars.at(-1);
          if (prev && needsSpaceBetween(prev.c, [...syms[0].text][0])) chars.push({ c: ' ', box: prev.box, confidence: word.confidence });
          const wordChars: OcrChar[] = [];
          for (const s of syms) {
            // A symbol may hold more than one code point (ligature); each gets the symbol's box.
            for (const c of s.text) wordChars.push({ c, box: bboxOf(s.bbox), confidence: s.confidence });
          }
          if (wmode === 'horizontal' && !symbolBoxesSane(wordChars, bboxOf(word.bbox))) {
            shareOut(wordChars, bboxOf(word.bbox), 'horizontal');
          }
          chars.push(...wordChars);
        }
        if (chars.length === 0) continue;
        if (wmode === 'vertical') shareOut(chars, bboxOf(tl.bbox), 'vertical');
        else placeSpaces(chars);
        for (const c of chars) c.box = map(c.box);
        lines.push(makeLine(chars, wmode, tl.confidence));
      }
    }
  }
  return lines;
}

const advance = (c: string) => (c === ' ' ? 0.3 : isCjk(c) ? 1 : 0.55);

/** Gives each character a slice of `box` along the reading axis, in proportion to its advance. */
export function shareOut(chars: OcrChar[], box: PixelBox, wmode: WritingMode): void {
  const total = chars.reduce((s, c) => s + advance(c.c), 0) || 1;
  const [x0, y0, x1, y1] = box;
  const len = wmode === 'vertical' ? y1 - y0 : x1 - x0;
  let at = 0;
  for (const c of chars) {
    const a = (at / total) * len, b = ((at + advance(c.c)) / total) * len;
    c.box = wmode === 'vertical' ? [x0, y0 + a, x1, y0 + b] : [x0 + a, y0, x0 + b, y1];
    at += advance(c.c);
  }
}

/** Symbol boxes inside their word (a little slack), with width, in reading order, not one spanning most of the word. */
function symbolBoxesSane(chars: readonly OcrChar[], word: PixelBox): boolean {
  const slack = 3, ww = word[2] - word[0];
  let lastX = -Infinity;
  for (const c of chars) {
    const b = c.box;
    if (b[2] <= b[0] || b[3] <= b[1]) return false;
    if (b[0] < word[0] - slack || b[2] > word[2] + slack) return false;
    if (chars.length > 1 && b[2] - b[0] > 0.8 * ww) return false;
    if (b[0] < lastX - slack) return false;
    lastX = b[0];
  }
  return true;
}

/** A space's box is the gap between its neighbours (horizontal lines). */
function placeSpaces(chars: OcrChar[]): void {
  for (let i = 0; i < chars.length; i++) {
    if (chars[i].c !== ' ' || i === 0 || i === chars.length - 1) continue;
    const a = chars[i - 1].box, b = chars[i + 1].box;
    const x0 = Math.min(a[2], b[0]), x1 = Math.max(a[2], b[0]);
    chars[i].box = [x0, Math.min(a[1], b[1]), x1, Math.max(a[3], b[3])];
  }
}

export function makeLine(chars: OcrChar[], wmode: WritingMode, confidence?: number): OcrLine {
  return {
    text: chars.map((c) => c.c).join(''),
    box: unionBoxes(chars.map((c) => c.box)),
    wmode,
    confidence: confidence ?? meanConfidence(chars),
    chars,
  };
}


function meanConfidence(chars: readonly OcrChar[]): number {
  const real = chars.filter((c) => c.c !== ' ');
  return real.length ? real.reduce((s, c) => s + c.confidence, 0) / real.length : 0;
}

/** Splits lines at their spaces into words (box = union of the word's characters). */
export function wordsOfLines(lines: readonly OcrLine[]): OcrWord[] {
  const words: OcrWord[] = [];
  for (const line of lines) {
    let run: OcrChar[] = [];
    const flush = () => {
      if (run.length) {
        words.push({ text: run.map((c) => c.c).join(''), box: unionBoxes(run.map((c) => c.box)), confidence: round1(meanConfidence(run)) });
      }
      run = [];
    };
    for (const c of line.chars) {
      if (c.c === ' ') flush();
      else run.push(c);
    }
    flush();
  }
  return words;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
