import type { Box } from '../../../shared/model/geometry';
import type { PageContent, TextSource } from '../../../shared/model/page';
import type { FoldedText } from '../normalize/folded-text';

/**
 * A page's characters in reading order with lines joined by one '\n' pseudo-char (no box), so
 * chars.join('') === pageText(page). Hit offsets (charStart/charEnd) index this sequence.
 * `ruby` flags ruby readings (null when the page has none): they stay in the sequence (the page shows
 * them) but matching reads the page through a view without them (baseView).
 */
export interface PageChars {
  chars: string[];
  boxes: (Box | null)[];
  line: Int32Array;
  lineSource: TextSource[];
  /** 1 for a vertical line (a column), per line. */
  lineVertical: Uint8Array;
  lineBoxes: Box[];
  ruby: Uint8Array | null;
}

export function pageChars(page: Pick<PageContent, 'lines'>): PageChars {
  const lines = page.lines;
  let n = Math.max(0, lines.length - 1);
  for (const l of lines) n += l.chars.length;
  const chars: string[] = new Array(n), boxes: (Box | null)[] = new Array(n), line = new Int32Array(n);
  const lineVertical = new Uint8Array(lines.length), lineSource: TextSource[] = new Array(lines.length), lineBoxes: Box[] = new Array(lines.length);
  let ruby: Uint8Array | null = null, k = 0;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    lineVertical[li] = l.wmode === 'vertical' ? 1 : 0;
    lineSource[li] = l.source;
    lineBoxes[li] = l.box;
    if (li > 0) { chars[k] = '\n'; boxes[k] = null; line[k] = li - 1; k++; }
    for (const c of l.chars) {
      chars[k] = c.c; boxes[k] = c.box; line[k] = li;
      if (c.ruby) (ruby ??= new Uint8Array(n))[k] = 1;
      k++;
    }
  }
  return { chars, boxes, line, lineSource, lineVertical, lineBoxes, ruby };
}

/** Text assembled from a page's chars for matching: view char k stands for page chars [from[k], to[k]). */
export interface CharView {
  chars: string[];
  from: Int32Array;
  to: Int32Array;
}

/** The page as its base text: ruby readings left out (佐藤さとう花子はなこ → 佐藤花子). Null when the page has no ruby. */
export function baseView(p: PageChars): CharView | null {
  const ruby = p.ruby;
  if (!ruby) return null;
  const chars: string[] = [], idx: number[] = [];
  for (let i = 0; i < p.chars.length; i++) if (!ruby[i]) { chars.push(p.chars[i]); idx.push(i); }
  return { chars, from: Int32Array.from(idx), to: Int32Array.from(idx, (i) => i + 1) };
}

// Ruby bases are kanji (and 々〆ヶ): the run of these right before a reading is taken as its base.
const BASE_CHAR = /^[\p{Script=Han}々〆ヶ]$/u;

/**
 * The page as it is read aloud: each reading in place of the kanji run before it (佐藤さとう花子はなこ →
 * さとうはなこ), for matching names' kana. A reading's first char stands for its base too, so a hit
 * covers base and reading. Null when the page has no ruby.
 */
export function readingView(p: PageChars): CharView | null {
  const ruby = p.ruby;
  if (!ruby) return null;
  const chars: string[] = [], from: number[] = [], to: number[] = [], isReading: boolean[] = [];
  for (let i = 0; i < p.chars.length; i++) {
    let start = i;
    if (ruby[i] && (i === 0 || !ruby[i - 1])) {
      while (chars.length && !isReading[chars.length - 1] && BASE_CHAR.test(chars[chars.length - 1])) {
        start = from.pop()!; to.pop(); chars.pop(); isReading.pop();
      }
    }
    chars.push(p.chars[i]); from.push(start); to.push(i + 1); isReading.push(ruby[i] === 1);
  }
  return { chars, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** A fold of a view's chars with its offsets moved back onto the page's chars. */
export function onPage(f: FoldedText, v: CharView): FoldedText {
  const n = f.text.length, start = new Int32Array(n), end = new Int32Array(n);
  for (let i = 0; i < n; i++) { start[i] = v.from[f.start[i]]; end[i] = v.to[f.end[i] - 1]; }
  return { text: f.text, start, end };
}

/**
 * Extends a hit's end over the reading drawn right after it (花子 → 花子はなこ): MuPDF draws readings inline,
 * and a reading left visible beside a covered name would still give the name away.
 */
export function coverReading(p: PageChars, b: number): number {
  if (!p.ruby) return b;
  while (b < p.chars.length && p.ruby[b]) b++;
  return b;
}

/** Whether [a, b) holds a ruby reading char. */
export function touchesReading(p: PageChars, a: number, b: number): boolean {
  if (!p.ruby) return false;
  for (let i = a; i < b; i++) if (p.ruby[i]) return true;
  return false;
}

/** Marks OCR makes of a glyph's edge or of nothing (the left of a 0 read as "_0"): no value begins or ends with one. */
const STRAY_MARK = /^[_|"'`´‘’“”~^.,:;·•*=\-–—]$/;

/**
 * The range whose boxes cover a value found at [a, b): on an OCR line, widened over the stray marks it touches
 * on that line. Tesseract split the seed screenshot book's "090-5833-8384" into "_090…" with the "_" over the
 * left of the 0 and the 0's box a stroke to the right: a box from the value's own characters left a "C" of
 * the digit beside the black. Text and offsets stay the value's; only what is blackened grows.
 */
function boxRange(p: PageChars, a: number, b: number): [number, number] {
  if (b <= a || p.lineSource[p.line[a]] !== 'ocr') return [a, b];
  const first = p.line[a], last = p.line[b - 1];
  // Over the marks and the spaces between them ("_ 090…": the 0 stood under the "_" and the space after
  // it); back to the last mark, so a box never grows over blank space alone.
  const stray = (i: number) => STRAY_MARK.test(p.chars[i]);
  const strayOrSpace = (i: number) => stray(i) || p.chars[i] === ' ';
  let k = a;
  while (k > 0 && p.line[k - 1] === first && strayOrSpace(k - 1)) k--;
  while (k < a && !stray(k)) k++;
  a = k;
  k = b;
  while (k < p.chars.length && p.line[k] === last && strayOrSpace(k)) k++;
  while (k > b && !stray(k - 1)) k--;
  return [a, k];
}

/** One box per line the range [a, b) touches: the union of its characters' boxes on that line (widened by boxRange). */
export function rangeBoxes(p: PageChars, a: number, b: number): Box[] {
  const [s, e] = boxRange(p, a, b);
  return lineBoxes(p, s, e, (k) => k);
}

/** One box per line for positions [s, e) of a view whose char k is page char `charAt(k)`. */
export function lineBoxes(p: PageChars, s: number, e: number, charAt: (k: number) => number): Box[] {
  const out: Box[] = [];
  let cur: Box | null = null, curLine = -1;
  for (let k = s; k < e; k++) {
    const i = charAt(k), box = p.boxes[i];
    if (!box) continue;
    if (!cur || p.line[i] !== curLine) {
      cur = [box[0], box[1], box[2], box[3]];
      curLine = p.line[i];
      out.push(cur);
    } else {
      cur[0] = Math.min(cur[0], box[0]); cur[1] = Math.min(cur[1], box[1]);
      cur[2] = Math.max(cur[2], box[2]); cur[3] = Math.max(cur[3], box[3]);
    }
  }
  return out;
}

/**
 * The text of [a, b) as matched: base chars only ('base', readings left out), or readings in place of their
 * bases ('reading'). Without ruby both are the page's chars.
 */
export function rangeText(p: PageChars, a: number, b: number, as: 'base' | 'reading' = 'base'): string {
  // A value matched over a line break (a wrapped line, lineJoins) is its characters without the break.
  if (!p.ruby) return p.chars.slice(a, b).join('').replace(/\n/g, '');
  if (as === 'reading') {
    const v = readingView({ ...p, chars: p.chars.slice(a, b), ruby: p.ruby.subarray(a, b) });
    return v ? v.chars.join('') : '';
  }
  let s = '';
  for (let i = a; i < b; i++) if (!p.ruby[i] && p.boxes[i]) s += p.chars[i];
  return s;
}

export function rangeSource(p: PageChars, a: number): TextSource {
  return p.lineSource[p.line[a]] ?? 'native';
}
