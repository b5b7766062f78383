import { cropGray, type GrayImage } from './gray-image';
import { linesFromTesseract, type OcrLine, type PixelBox } from './ocr-result';
import type { ReadLine } from './weak-lines';

/** A pixel darker than this is ink (as the weak-line re-read counts it). */
const INK = 128;
/** A band of unread ink is read when its height is within these multiples of the page's median line height. */
const MIN_HEIGHT = 0.5;
const MAX_HEIGHT = 2.5;
/** …its ink covers this share of its box (a photo's dark band is denser, a speck sparser). */
const MIN_DENSITY = 0.02;
const MAX_DENSITY = 0.7;
/** A reading of a band is kept at this confidence or more: lower than a weak line's second reading needs, as
 * here nothing else was read (page 222's dropped e-mail reads with one character wrong at confidence 35). */
const MIN_KEPT = 25;
/** Bands read per page at most (a page of unread pictures is not read band by band). */
const MAX_READS = 12;

/**
 * Tesseract's page layout sometimes drops a line altogether: no line, no word, not even noise, where a
 * clean e-mail stands between two lines it read (the seed-scale screenshot book, page 222:
 * ryuusei.iijima9039@… under 飯島龍星). The weak-line re-read only sees lines that exist. Here the page's
 * ink outside every line read is cut into bands between blank rows; a band of a text line's height is
 * read on its own (PSM 7) and what reads confidently is added in reading order. Text left unread is a
 * leak left unfound, and the redaction's own re-read would find it later and refuse the export.
 */
export async function readUnreadInk(img: GrayImage, lines: readonly OcrLine[], readLine: ReadLine): Promise<OcrLine[]> {
  const horizontal = lines.filter((l) => l.wmode === 'horizontal');
  if (horizontal.length < 2) return [...lines];
  const heights = horizontal.map((l) => l.box[3] - l.box[1]).sort((a, b) => a - b);
  const lineHeight = heights[heights.length >> 1];
  if (lineHeight < 6) return [...lines];

  const out = [...lines];
  let reads = 0;
  for (const band of unreadBands(img, lines, lineHeight)) {
    if (reads >= MAX_READS) break;
    const [x0, y0, x1, y1] = band;
    const h = y1 - y0, padX = Math.round(h * 0.3);
    const cx0 = Math.max(0, x0 - padX), cy0 = Math.max(0, y0 - 3), cx1 = Math.min(img.width, x1 + padX), cy1 = Math.min(img.height, y1 + 3);
    reads++;
    const page = await readLine(cropGray(img, cx0, cy0, cx1, cy1));
    const shift = (b: PixelBox): PixelBox => [b[0] + cx0, b[1] + cy0, b[2] + cx0, b[3] + cy0];
    for (const line of linesFromTesseract(page, 'horizontal', shift)) {
      if (line.confidence < MIN_KEPT || line.text.replace(/\s/g, '').length < 2) continue;
      out.splice(readingPlace(out, line), 0, line);
    }
  }
  return out;
}

/**
 * Where a line goes among lines read in reading order: after the last one that comes before it, i.e. that
 * stands on the same row to its left (a list's number the layout dropped: "14." before "Cox, Palmer, …"),
 * or on a row above it.
 */
function readingPlace(lines: readonly OcrLine[], line: OcrLine): number {
  const mid = (line.box[1] + line.box[3]) / 2;
  let at = 0;
  lines.forEach((l, i) => {
    const sameRow = l.box[1] < mid && l.box[3] > mid;
    if (sameRow ? l.box[0] < line.box[0] : (l.box[1] + l.box[3]) / 2 < mid) at = i + 1;
  });
  return at;
}

/** Boxes [x0, y0, x1, y1) of the bands of ink outside every read line that could be a line of text. */
function unreadBands(img: GrayImage, lines: readonly OcrLine[], lineHeight: number): PixelBox[] {
  const { width: w, height: h, data } = img;
  // What the reading covers, a little wider than its boxes: ascenders and descenders stay with their line.
  const covered = new Uint8Array(w * h);
  for (const l of lines) {
    const x0 = Math.max(0, Math.floor(l.box[0]) - 2), x1 = Math.min(w, Math.ceil(l.box[2]) + 2);
    const y0 = Math.max(0, Math.floor(l.box[1]) - 2), y1 = Math.min(h, Math.ceil(l.box[3]) + 2);
    for (let y = y0; y < y1; y++) covered.fill(1, y * w + x0, y * w + x1);
  }
  const rowInk = new Int32Array(h), rowMin = new Int32Array(h).fill(w), rowMax = new Int32Array(h).fill(-1);
  for (let y = 0; y < h; y++) {
    for (let x = 0, o = y * w; x < w; x++, o++) {
      if (data[o] >= INK || covered[o]) continue;
      rowInk[y]++;
      if (x < rowMin[y]) rowMin[y] = x;
      rowMax[y] = x;
    }
  }
  const bands: PixelBox[] = [];
  for (let y = 0; y < h;) {
    // A row with a pixel or two of unread ink is noise, not the start of a line.
    if (rowInk[y] < 2) { y++; continue; }
    let end = y, ink = 0, x0 = w, x1 = -1;
    while (end < h && rowInk[end] >= 2) { ink += rowInk[end]; x0 = Math.min(x0, rowMin[end]); x1 = Math.max(x1, rowMax[end]); end++; }
    const bh = end - y, bw = x1 + 1 - x0;
    const density = ink / Math.max(1, bh * bw);
    if (bh >= MIN_HEIGHT * lineHeight && bh <= MAX_HEIGHT * lineHeight && bw >= 0.8 * bh && density >= MIN_DENSITY && density <= MAX_DENSITY) {
      bands.push([x0, y, x1 + 1, end]);
    }
    y = end;
  }
  return bands;
}
