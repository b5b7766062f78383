import type Tesseract from 'tesseract.js';
import { cropGray, type GrayImage } from './gray-image';
import { linesFromTesseract, type OcrLine, type PixelBox } from './ocr-result';

/** A horizontal line read below this confidence is read again on its own. */
const WEAK_LINE = 40;
/** The second reading replaces the first only when it is this much more confident. */
const BETTER_BY = 15;
/** …and is itself at least this confident (noise read again is still noise). */
const MIN_KEPT = 50;
/** Lines re-read per page at most (a page of noise is not read twice over). */
const MAX_REREADS = 12;

export type ReadLine = (crop: GrayImage) => Promise<Tesseract.Page>;

/**
 * Page layout analysis sometimes merges a line with its neighbour's ascenders and descenders, and the
 * LSTM then reads a clean e-mail as noise at confidence 0 (the seed-scale screenshot book, page 54:
 * "megu. 89aue( 過がの …" for megu.tokunaga3725@mail.example.co.jp). A line read that weakly is cut out
 * (its own box, a little margin) and read again as one line (PSM 7); the more confident reading is kept.
 * Text left unread is a leak left unfound, and the redaction's own re-read would find it later.
 */
export async function rereadWeakLines(img: GrayImage, lines: readonly OcrLine[], readLine: ReadLine): Promise<OcrLine[]> {
  const out = [...lines];
  let rereads = 0;
  for (const [i, line] of lines.entries()) {
    if (rereads >= MAX_REREADS) break;
    const [x0, y0, x1, y1] = line.box;
    const h = y1 - y0;
    if (line.wmode !== 'horizontal' || line.confidence >= WEAK_LINE || h < 8 || x1 - x0 < 2 * h) continue;
    const pad = Math.round(h * 0.15);
    const cx0 = Math.max(0, Math.floor(x0) - pad), cx1 = Math.min(img.width, Math.ceil(x1) + pad);
    // The merged box reaches into the next line: read the band of ink between blank rows that holds most of it.
    const band = inkiestBand(img, cx0, Math.max(0, Math.floor(y0) - pad), cx1, Math.min(img.height, Math.ceil(y1) + pad));
    if (!band) continue;
    const cy0 = Math.max(0, band[0] - 3), cy1 = Math.min(img.height, band[1] + 3);
    rereads++;
    const page = await readLine(cropGray(img, cx0, cy0, cx1, cy1));
    const shift = (b: PixelBox): PixelBox => [b[0] + cx0, b[1] + cy0, b[2] + cx0, b[3] + cy0];
    const again = linesFromTesseract(page, 'horizontal', shift);
    if (again.length !== 1 || again[0].confidence < Math.max(MIN_KEPT, line.confidence + BETTER_BY)) continue;
    out[i] = again[0];
  }
  return out;
}

/** Rows [y0, y1) of the run of inked rows (dark pixels in x0..x1) with the most ink, or null when blank. */
function inkiestBand(img: GrayImage, x0: number, y0: number, x1: number, y1: number): [number, number] | null {
  let best: [number, number] | null = null, bestInk = 0, start = -1, ink = 0;
  for (let y = y0; y <= y1; y++) {
    let dark = 0;
    if (y < y1) for (let x = x0, o = y * img.width + x0; x < x1; x++, o++) if (img.data[o] < 128) dark++;
    if (dark > 0) {
      if (start < 0) { start = y; ink = 0; }
      ink += dark;
    } else if (start >= 0) {
      if (ink > bestInk) { bestInk = ink; best = [start, y]; }
      start = -1;
    }
  }
  return best;
}

