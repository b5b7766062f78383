import type { Box } from '../../shared/model/geometry';
import type { PageContent, TextLine } from '../../shared/model/page';
import { ocrImage } from '../ocr/ocr-image';
import type { OcrPool } from '../ocr/ocr-pool';
import { labelsInside, withoutLabels, countLabels, type DrawnLabel } from './box-label';
import { legibleText, textAsPage, trustworthyChar } from './legible-text';
import { boxPixels, cropRaster, type Raster } from './raster';
import { mergeOverlapping, residualInk, type PixelRect } from './residual-ink';
import type { NeedleIndex } from './needle-index';
import { foldPageText, type Needle } from './value-search';
import { guardCheck, type RecordGuard } from './record-guard';
import type { VerificationCheck } from './verify-export';

export interface PageProofInput {
  /** The burnt page as written (boxes filled, labels drawn). */
  raster: Raster;
  /** What the engine knows of the original page: its text layer and any OCR reading stored at scan. */
  content: PageContent;
  /** Black boxes on the page (page units), as burnIn filled them. */
  burnt: readonly Box[];
  /** Pixels per page unit. */
  sx: number;
  sy: number;
  labels: readonly DrawnLabel[];
  /** The redacted values, searched with OCR's tolerance (ocrEditBudget). */
  needles: NeedleIndex;
  guard: RecordGuard | null;
  /**
   * The scan's OCR read this whole page (a picture page): its stored reading stands for the pixels away
   * from the boxes, which burning did not change; only the boxes' surroundings are read again.
   */
  ocrKnown: boolean;
  ocrLangs: string;
  pool?: OcrPool;
  signal?: AbortSignal;
}

export interface PageProof {
  checks: VerificationCheck[];
  /** Pixels given to OCR for this page (0 when the known text explains every mark). */
  ocrPixels: number;
}

/** When the regions to read cover more than this share of the page, the page is read whole, once. */
const WHOLE_PAGE_SHARE = 0.5;
/** Smallest side of an area given to OCR (pixels): tesseract needs some margin around a glyph. */
const MIN_OCR_SIDE = 48;

/**
 * Proves that a burnt page shows none of the redacted values and no field of a guarded leak record:
 *
 * - **text**: the page's known text minus the characters wholly under a box is searched for every
 *   redacted value (allowing as many misses as OCR would: a box that misses part of a value refuses)
 *   and matched by detection for every guarded record;
 * - **ink**: every mark on the burnt page outside the boxes must lie on a character of that text;
 *   whatever does not (pictures, outlined text, glyphs with a made-up text mapping) is read by OCR and
 *   searched the same way. A text page whose text explains all of its ink needs no OCR.
 */
export async function provePage(p: PageProofInput): Promise<PageProof> {
  const checks: VerificationCheck[] = [];
  const page = p.content.index + 1;
  const known = legibleText(p.content, p.burnt);
  const hasOcrLines = known.content.lines.some((l) => l.source === 'ocr');
  search(checks, foldPageText(known.content.lines.map((l) => l.text).join('\n'), hasOcrLines), p.needles, page, hasOcrLines);
  guardCheck(checks, p.guard, known.content, 'text');
  if (!checks.some((c) => !c.ok)) checks.push({ check: 'legible text', ok: true, page });

  const ink = await proveInk({
    raster: p.raster, lines: p.content.lines, pictures: p.content.images.map((im) => im.box), burnt: p.burnt, sx: p.sx, sy: p.sy,
    labels: p.labels, needles: p.needles, guard: p.guard, pageIndex: p.content.index, ocrKnown: p.ocrKnown, ocrLangs: p.ocrLangs, pool: p.pool, signal: p.signal,
  });
  return { checks: [...checks, ...ink.checks], ocrPixels: ink.ocrPixels };
}

export interface InkProofInput {
  raster: Raster;
  /** Text known to be on the page; its native characters explain their own ink. */
  lines: readonly (Pick<TextLine, 'source' | 'chars'> & { wmode?: TextLine['wmode'] })[];
  /** Where pictures are drawn (page units): text over them explains nothing of the picture. */
  pictures: readonly Box[];
  burnt: readonly Box[];
  sx: number;
  sy: number;
  labels?: readonly DrawnLabel[];
  needles: NeedleIndex;
  guard: RecordGuard | null | undefined;
  /** 0-based original page, for the checks. */
  pageIndex: number;
  /** See PageProofInput.ocrKnown. */
  ocrKnown?: boolean;
  ocrLangs: string;
  pool?: OcrPool;
  signal?: AbortSignal;
}

/**
 * The ink half of the proof: the marks on a page that neither a black box nor known text accounts for are
 * read by OCR (small areas one by one, the whole page once when they cover half of it) and searched for the
 * redacted values and the guarded records' fields.
 */
export async function proveInk(p: InkProofInput): Promise<PageProof> {
  const checks: VerificationCheck[] = [];
  const page = p.pageIndex + 1;
  const regions = p.ocrKnown ? neighbourhoods(p) : unexplainedInk(p);
  if (regions.length === 0) {
    checks.push({ check: p.ocrKnown ? "picture page without boxes: the scan's OCR reading is its text" : 'ink: every mark outside the boxes is known text', ok: true, page });
    return { checks, ocrPixels: 0 };
  }
  const area = regions.reduce((n, r) => n + (r[2] - r[0]) * (r[3] - r[1]), 0);
  const reads = area > WHOLE_PAGE_SHARE * p.raster.width * p.raster.height ? [[0, 0, p.raster.width, p.raster.height] as PixelRect] : regions.map((r) => atLeast(r, p.raster));
  let ocrPixels = 0;
  // Read the way the scan's OCR read this page: blackened bands hide the blank rows that show a page's line
  // direction, and an unclear layout is read both ways (twice the OCR for a proof that needs one).
  const modes = new Set(p.ocrKnown ? p.lines.filter((l) => l.source === 'ocr').map((l) => l.wmode) : []);
  const vertical = modes.size !== 1 ? 'auto' : modes.has('vertical') ? 'yes' : 'no';
  await Promise.all(reads.map(async (r) => {
    const crop = cropRaster(p.raster, r[0], r[1], r[2], r[3]);
    ocrPixels += crop.width * crop.height;
    const result = await ocrImage({ width: crop.width, height: crop.height, rgba: crop.data }, { langs: p.ocrLangs, vertical, dpi: p.sx * 72, pool: p.pool, signal: p.signal });
    const labels = countLabels(labelsInside(p.labels ?? [], r[0], r[1], r[2], r[3]));
    search(checks, withoutLabels(foldPageText(result.text, true), labels), p.needles, page, true);
    guardCheck(checks, p.guard, textAsPage(p.pageIndex, result.text, 'ocr'), 'OCR');
  }));
  if (checks.length === 0) {
    checks.push({ check: `OCR of ${reads.length} area(s) not explained by text${p.ocrKnown ? ' (around the boxes; the scan\'s OCR reading for the rest)' : ''}`, ok: true, page });
  }
  return { checks, ocrPixels };
}

/**
 * Redacted values in some folded text. A value redacted on this page is searched with OCR's tolerance (values
 * under five characters exactly): a box that missed part of it leaves a near copy. A value redacted on other
 * pages only counts here where it stands whole: with a seed-scale list, a 7-digit postal code from page 3 is
 * one edit from some member number on page 8, and refusing that would be noise (a whole occurrence here, or a
 * record field detection reads here, is still refused; the record guard matches fields tolerantly itself).
 */
export function valuesShown(folded: string, needles: NeedleIndex, pageIndex: number): Needle[] {
  return needles.find(folded).filter((n) => !n.pages || n.pages.has(pageIndex) || folded.includes(n.folded));
}

function search(checks: VerificationCheck[], folded: string, needles: NeedleIndex, page: number, ocr: boolean): void {
  for (const n of valuesShown(folded, needles, page - 1)) {
    checks.push({ check: `redacted value ${ocr ? 'legible to OCR' : 'still in the legible text'}`, ok: false, page, kind: n.kind });
  }
}

/**
 * Ink no known text explains. Characters of the text layer explain their own box, unless their text
 * cannot be trusted or they lie on a picture (a scan's invisible text layer says nothing about the
 * picture under it). The black boxes explain themselves.
 */
function unexplainedInk(p: InkProofInput): PixelRect[] {
  const explained: PixelRect[] = p.burnt.map((b) => boxPixels(p.raster, b, p.sx, p.sy));
  const pictures = p.pictures;
  for (const line of p.lines) {
    if (line.source !== 'native') continue;
    for (const ch of line.chars) {
      if (!trustworthyChar(ch.c) || pictures.some((b) => ch.box[0] < b[2] && ch.box[2] > b[0] && ch.box[1] < b[3] && ch.box[3] > b[1])) continue;
      const [x0, y0, x1, y1] = boxPixels(p.raster, ch.box, p.sx, p.sy);
      explained.push([x0 - 1, y0 - 1, x1 + 1, y1 + 1]);
    }
  }
  return residualInk(p.raster, { explained, ruleLength: 36 * p.sx }).regions;
}

/**
 * On a page the scan read whole by OCR: the strips around each box, where a box that misses part of a
 * value (OCR boxes are approximate) would leave it. A strip reaches a line's height beyond the box across
 * the line and two line heights along it.
 */
function neighbourhoods(p: InkProofInput): PixelRect[] {
  const out: PixelRect[] = [];
  for (const b of p.burnt) {
    const [x0, y0, x1, y1] = boxPixels(p.raster, b, p.sx, p.sy);
    const w = x1 - x0, h = y1 - y0;
    const line = Math.min(w, h);
    const [ax, ay] = w >= h ? [2 * line, line] : [line, 2 * line];
    out.push([Math.max(0, x0 - ax), Math.max(0, y0 - ay), Math.min(p.raster.width, x1 + ax), Math.min(p.raster.height, y1 + ay)]);
  }
  return mergeOverlapping(out);
}

/** Grows a small area to MIN_OCR_SIDE around its centre, within the image. */
function atLeast(r: PixelRect, img: Raster): PixelRect {
  const grow = (a: number, b: number, max: number): [number, number] => {
    if (b - a >= MIN_OCR_SIDE) return [a, b];
    const mid = (a + b) / 2;
    const lo = Math.max(0, Math.floor(mid - MIN_OCR_SIDE / 2));
    return [lo, Math.min(max, lo + MIN_OCR_SIDE)];
  };
  const [x0, x1] = grow(r[0], r[2], img.width);
  const [y0, y1] = grow(r[1], r[3], img.height);
  return [x0, y0, x1, y1];
}
