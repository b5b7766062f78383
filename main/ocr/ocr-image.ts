import type Tesseract from 'tesseract.js';
import { throwIfCancelled } from '../common/errors';
import type { WritingMode } from '../../shared/model/page';
import {
  cropGray, downscaleGray, encodePgm, inkBox, rotateGray, toGray, unrotateBox,
  type GrayImage, type QuarterTurn, type RgbaImage,
} from './gray-image';
import { parseLanguages } from './language-data';
import { engineVersion, sharedOcrPool, type OcrPool } from './ocr-pool';
import {
  linesFromTesseract, round1, wordsOfLines, type OcrLine, type OcrResult, type PixelBox,
} from './ocr-result';
import { readSidewaysLatin } from './sideways-latin';
import { inkLayout } from './text-direction';
import { readUnreadInk } from './unread-ink';
import { rereadWeakLines } from './weak-lines';

export type VerticalChoice = 'auto' | 'yes' | 'no';

export interface OcrImageOptions {
  /** 'jpn+eng' (default), 'eng', 'jpn_vert'… */
  langs?: string;
  /** Vertical Japanese: 'yes' (a book declared vertical), 'no', or 'auto' = try both, keep the more confident. */
  vertical?: VerticalChoice;
  /** Known clockwise turn the image needs, or 'auto' to detect 0/90/180/270. */
  rotation?: QuarterTurn | 'auto';
  /** How 'auto' picks the writing mode: 'layout' (default) lets a clear line layout decide and reads
   * both ways only when it is unclear; 'confidence' always reads both ways. */
  decideMode?: 'layout' | 'confidence';
  /** The image's resolution when known (a page rendered at 150 dpi); spares tesseract a guess. */
  dpi?: number;
  pool?: OcrPool;
  signal?: AbortSignal;
  /** Names the image in error messages (its path). */
  what?: string;
}

/** A pass at rotation 0 at least this confident means the page is upright: no rotation probes. */
const UPRIGHT_CONFIDENCE = 70;
/** Another rotation must beat the upright probe by this much to be believed. */
const ROTATION_MARGIN = 10;
/** Beyond this many pixels a page is downscaled first: tesseract's time grows with area, not accuracy. */
const MAX_WORK_PIXELS = 12_000_000;
/** Side of the window the rotation probes read (full resolution, centred on the ink). */
const PROBE_SIDE = 600;
/** Japanese characters read around sideways Latin runs before they count as evidence of an upright page. */
const MIN_CJK_EVIDENCE = 8;

interface Pass {
  mode: WritingMode;
  page: Tesseract.Page;
}

/**
 * OCR of one image (PNG/JPEG/TIFF bytes or an RGBA raster): text, confidence, words and lines with
 * per-character boxes in the image's pixels, the writing mode used and the rotation found.
 */
export async function ocrImage(image: Uint8Array | RgbaImage, opts: OcrImageOptions = {}): Promise<OcrResult> {
  const pool = opts.pool ?? sharedOcrPool();
  const signal = opts.signal;
  const langList = parseLanguages(opts.langs ?? 'jpn+eng');
  const langs = langList.join('+');
  const original = toGray(image, opts.what);
  throwIfCancelled(signal);

  const f = Math.min(1, Math.sqrt(MAX_WORK_PIXELS / (original.width * original.height)));
  const work = downscaleGray(original, f);

  const horizontalLangs = langList.filter((l) => l !== 'jpn_vert').join('+');
  const canVertical = langList.includes('jpn') || langList.includes('jpn_vert');
  const vertical = opts.vertical ?? 'auto';
  const candidates: WritingMode[] = [];
  if (vertical !== 'yes' && horizontalLangs) candidates.push('horizontal');
  if (vertical !== 'no' && canVertical) candidates.push('vertical');
  if (candidates.length === 0) candidates.push(horizontalLangs ? 'horizontal' : 'vertical');
  let modes = candidates;
  let modeDecidedBy: OcrResult['modeDecidedBy'] = 'given';
  /** Both writing modes possible: when the page's blank bands say clearly which way its lines run, read
   * it that way only; otherwise read it both ways and keep the more confident reading. */
  const chooseModes = (img: GrayImage) => {
    modes = candidates;
    modeDecidedBy = candidates.length === 2 ? 'confidence' : 'given';
    const direction = candidates.length === 2 && opts.decideMode !== 'confidence' ? inkLayout(img).direction : null;
    if (direction) {
      modes = [direction];
      modeDecidedBy = 'layout';
    }
  };

  const recognize = (img: GrayImage, mode: WritingMode) =>
    pool.recognize({ langs: mode === 'vertical' ? 'jpn_vert' : horizontalLangs, psm: mode === 'vertical' ? '5' : '3', image: encodePgm(img), dpi: opts.dpi && opts.dpi * f }, signal)
      .then((page): Pass => ({ mode, page }));
  const readAll = (img: GrayImage) => Promise.all(modes.map((m) => recognize(img, m)));
  const best = (passes: Pass[]) => passes.reduce((a, b) => (b.page.confidence > a.page.confidence ? b : a));

  const identity = (b: PixelBox) => b;
  /** A vertical reading with its sideways Latin runs read and spliced in (when eng is among the languages). */
  const withSideways = async (img: GrayImage, pass: Pass) => {
    const lines = linesFromTesseract(pass.page, pass.mode, identity);
    if (pass.mode !== 'vertical' || !langList.includes('eng')) return { lines, sideways: null };
    const sideways = await readSidewaysLatin(img, pass.page, lines, (crop, psm) =>
      pool.recognize({ langs: 'eng', psm, image: encodePgm(crop), dpi: opts.dpi && opts.dpi * f }, signal));
    return { lines: sideways?.lines ?? lines, sideways };
  };

  let turn: QuarterTurn = opts.rotation === 'auto' || opts.rotation === undefined ? 0 : opts.rotation;
  let upright = rotateGray(work, turn);

  chooseModes(upright);
  let passes = await readAll(upright);
  let kept = best(passes);
  let read = await withSideways(upright, kept);

  // A vertical page with sideways Latin reads unsurely in jpn_vert until its runs are read; with them,
  // confidently read Japanese around confidently read Latin is evidence the page is upright. Without that
  // Japanese (a turned English page read as columns), the runs prove nothing and the probes decide.
  const uprightConfidence = read.sideways && read.sideways.cjkChars >= MIN_CJK_EVIDENCE && read.sideways.cjkConfidence >= UPRIGHT_CONFIDENCE
    ? Math.max(kept.page.confidence, lineConfidence(read.lines)) : kept.page.confidence;
  if ((opts.rotation ?? 'auto') === 'auto' && uprightConfidence < UPRIGHT_CONFIDENCE) {
    // Not confidently upright: read a window of the page at each quarter turn, keep the best.
    const probe = probeWindow(work, PROBE_SIDE);
    if (probe) {
      let bestTurn: QuarterTurn = 0, bestConf = -1, uprightConf = -1;
      for (const t of [0, 90, 180, 270] as QuarterTurn[]) {
        const conf = best(await Promise.all(candidates.map((m) => recognize(rotateGray(probe, t), m)))).page.confidence;
        if (t === 0) uprightConf = conf;
        if (conf > bestConf) { bestConf = conf; bestTurn = t; }
      }
      if (bestTurn !== 0 && bestConf >= uprightConf + ROTATION_MARGIN) {
        turn = bestTurn;
        upright = rotateGray(work, turn);
        chooseModes(upright);
        passes = await readAll(upright);
        kept = best(passes);
        read = await withSideways(upright, kept);
      }
    }
  }
  throwIfCancelled(signal);

  let lines: OcrLine[] = read.lines;
  const sidewaysWords = read.sideways?.runs ?? 0;
  if (kept.mode === 'horizontal') {
    const readLine = (crop: GrayImage) =>
      pool.recognize({ langs: horizontalLangs, psm: '7', image: encodePgm(crop), dpi: opts.dpi && opts.dpi * f }, signal);
    lines = await rereadWeakLines(upright, lines, readLine);
    lines = await readUnreadInk(upright, lines, readLine);
  }

  // Upright working frame -> the image as given.
  const toOriginal = (b: PixelBox): PixelBox => {
    const r = unrotateBox(b, turn, work.width, work.height);
    return [r[0] / f, r[1] / f, r[2] / f, r[3] / f].map((v) => Math.round(v * 10) / 10) as PixelBox;
  };
  lines = lines.map((l) => ({
    ...l,
    box: toOriginal(l.box),
    confidence: round1(l.confidence),
    chars: l.chars.map((c) => ({ ...c, box: toOriginal(c.box) })),
  }));

  return {
    text: lines.map((l) => l.text).join('\n'),
    // With sideways runs spliced in, the reading's confidence is that of its characters as kept.
    confidence: round1(sidewaysWords ? lineConfidence(lines) : kept.page.confidence),
    words: wordsOfLines(lines),
    lines,
    mode: kept.mode,
    modesTried: passes.map((p) => ({ mode: p.mode, confidence: round1(p.page.confidence) })),
    modeDecidedBy,
    rotation: turn,
    imageSize: { width: original.width, height: original.height },
    langs,
    engine: engineVersion(pool.variant),
    sidewaysWords,
  };
}

/** Mean confidence of the characters (spaces aside). */
function lineConfidence(lines: readonly OcrLine[]): number {
  let n = 0, sum = 0;
  for (const l of lines) for (const c of l.chars) if (c.c !== ' ') { n++; sum += c.confidence; }
  return n ? sum / n : 0;
}

/** A full-resolution window centred on the page's ink: enough text to judge orientation, cheap to read. */
function probeWindow(img: GrayImage, side: number): GrayImage | null {
  const ink = inkBox(img);
  if (!ink) return null;
  const cx = (ink[0] + ink[2]) / 2, cy = (ink[1] + ink[3]) / 2;
  const w = Math.min(side, ink[2] - ink[0]), h = Math.min(side, ink[3] - ink[1]);
  const x0 = Math.max(0, Math.round(cx - w / 2)), y0 = Math.max(0, Math.round(cy - h / 2));
  const x1 = Math.min(img.width, x0 + Math.max(w, 32)), y1 = Math.min(img.height, y0 + Math.max(h, 32));
  return cropGray(img, x0, y0, x1, y1);
}
