import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as mupdf from 'mupdf';
import type { Box } from '../../shared/model/geometry';
import { throwIfCancelled } from '../common/errors';
import { ocrImage } from '../ocr/ocr-image';
import { withoutLabels, type LabelCount } from './box-label';
import { auditPdf } from './pdf-audit';
import { pngProblems } from './image-bytes';
import { textAsPage } from './legible-text';
import { guardCheck, type RecordGuard } from './record-guard';
import type { RedactedValue } from './types';
import { NeedleIndex } from './needle-index';
import { proveInk } from './page-proof';
import { fromPixmap } from './raster';
import { foldPageText, needlesOf } from './value-search';
import { ocrEditBudget } from '../detect/match/ocr-edit-budget';
import { pageList } from '../../shared/model/page';

const run = promisify(execFile);

/** One check made on a written output. `page` is 1-based in the original document. */
export interface VerificationCheck {
  check: string;
  ok: boolean;
  /** Set when the check could not run (e.g. pdftotext not installed); not a failure. */
  skipped?: string;
  page?: number;
  /** The kind of value found ('email', 'manual'…) or of structure ('revisions', 'xmp'…); never the value. */
  kind?: string;
}

export interface Verification {
  ok: boolean;
  checks: VerificationCheck[];
  /** The first failed check as one line, for the refusal (with every refused page when there are several). */
  failure?: string;
}

export interface PdfVerifyOptions {
  /** Output page i shows original page pageMap[i]. */
  pageMap: readonly number[];
  /** Output pages (0-based) that are pictures of text (scans, image-only pages): re-read by OCR too. */
  ocrPages?: ReadonlySet<number>;
  /** The PDF as written, for the independent extractor. */
  file?: string;
  ocrLangs?: string;
  ocrDpi?: number;
  /** True when the output must carry no text at all (image-only PDF). */
  imageOnly?: boolean;
  /** Box labels drawn on each output page (0-based): OCR does not count them as text of the page. */
  labels?: ReadonlyMap<number, readonly LabelCount[]>;
  /** Leak records none of whose fields may be legible on any page (issue 17's self-check). */
  guard?: RecordGuard | null;
  /**
   * Check the ink of the other pages too (by output page, page units): the black boxes, and where pictures
   * are drawn. Each page is rendered and whatever its text layer and boxes do not explain is read by OCR.
   */
  ink?: { burnt: ReadonlyMap<number, readonly Box[]>; pictures: ReadonlyMap<number, readonly Box[]> };
  signal?: AbortSignal;
}

const needles = needlesOf;
/** Resolution at which a redacted PDF's text pages are rendered to look for ink their text does not explain. */
const INK_DPI = 150;

/**
 * Re-reads a written PDF: structure (one revision, no Info/XMP/annotations/attachments/JavaScript), text
 * by MuPDF (nothing left under a redacted value's boxes, no redacted value anywhere), text by pdftotext
 * (an independent extractor), and OCR of picture pages.
 */
export async function verifyPdfOutput(bytes: Uint8Array, values: readonly RedactedValue[], opts: PdfVerifyOptions): Promise<Verification> {
  const checks: VerificationCheck[] = [];
  for (const p of auditPdf(bytes)) checks.push({ check: `structure: ${p.detail}`, ok: false, kind: p.what, page: p.page });
  if (checks.length === 0) checks.push({ check: 'structure', ok: true });
  const found = needles(values);
  const exact = new NeedleIndex(found, () => 0), ocr = new NeedleIndex(found, ocrEditBudget);
  const doc = new mupdf.PDFDocument(bytes);
  try {
    const count = doc.countPages();
    if (count !== opts.pageMap.length) checks.push({ check: `page count ${count}, expected ${opts.pageMap.length}`, ok: false, kind: 'pages' });
    for (let i = 0; i < count; i++) {
      throwIfCancelled(opts.signal);
      const original = opts.pageMap[i] ?? i;
      const page = doc.loadPage(i);
      try {
        const { text, chars } = pageChars(page);
        if (opts.imageOnly && text.trim() !== '') checks.push({ check: 'image-only PDF carries a text layer', ok: false, page: original + 1, kind: 'text-layer' });
        for (const v of values.filter((x) => x.pageIndex === original)) {
          if (chars.some((ch) => ch.c.trim() !== '' && v.boxes.some((b) => centreInside(ch.box, b)))) {
            checks.push({ check: 'text left under a redaction (MuPDF)', ok: false, page: original + 1, kind: v.kind });
          }
        }
        searchText(checks, 'text (MuPDF)', foldPageText(text), exact, original);
        guardCheck(checks, opts.guard, textAsPage(original, text, 'native'), 'text (MuPDF)');
        if (opts.ocrPages?.has(i)) {
          const pix = page.toPixmap(mupdf.Matrix.scale((opts.ocrDpi ?? 200) / 72, (opts.ocrDpi ?? 200) / 72), mupdf.ColorSpace.DeviceRGB, false);
          const png = pix.asPNG().slice();
          pix.destroy();
          await ocrSearch(checks, png, ocr, original, { ...opts, labels: opts.labels?.get(i) });
        } else if (opts.ink) {
          // Text drawn as outlines, or glyphs whose text mapping lies, are not in the text layer: their ink is.
          const s = INK_DPI / 72;
          const pix = page.toPixmap(mupdf.Matrix.scale(s, s), mupdf.ColorSpace.DeviceRGB, false);
          const raster = fromPixmap(pix);
          pix.destroy();
          const proof = await proveInk({
            raster, lines: [{ source: 'native', chars }], pictures: opts.ink.pictures.get(i) ?? [], burnt: opts.ink.burnt.get(i) ?? [], sx: s, sy: s,
            needles: ocr, guard: opts.guard, pageIndex: original, ocrLangs: opts.ocrLangs ?? 'jpn+eng', signal: opts.signal,
          });
          checks.push(...proof.checks);
        }
      } finally {
        page.destroy();
      }
    }
  } finally {
    doc.destroy();
  }
  if (opts.file) await pdftotextSearch(checks, opts.file, exact, opts.pageMap, opts.guard);
  return summarize(checks);
}

/** Re-reads a written PNG: no metadata chunks, nothing after IEND, and no redacted value legible to OCR. */
export async function verifyPngOutput(png: Uint8Array, values: readonly RedactedValue[], pageIndex: number,
  opts: { ocrLangs?: string; signal?: AbortSignal; labels?: readonly LabelCount[]; guard?: RecordGuard | null } = {}): Promise<Verification> {
  const checks: VerificationCheck[] = [];
  for (const p of pngProblems(png)) checks.push({ check: `image file: ${p}`, ok: false, page: pageIndex + 1, kind: 'image-structure' });
  if (checks.length === 0) checks.push({ check: 'image file', ok: true, page: pageIndex + 1 });
  await ocrSearch(checks, png, new NeedleIndex(needles(values), ocrEditBudget), pageIndex, opts);
  return summarize(checks);
}

async function ocrSearch(checks: VerificationCheck[], png: Uint8Array, found: NeedleIndex, original: number,
  opts: { ocrLangs?: string; signal?: AbortSignal; labels?: readonly LabelCount[]; guard?: RecordGuard | null }): Promise<void> {
  const r = await ocrImage(png, { langs: opts.ocrLangs ?? 'jpn+eng', signal: opts.signal });
  guardCheck(checks, opts.guard, textAsPage(original, r.text, 'ocr'), 'OCR');
  // The box labels drawn (黒塗り / REDACTED) are not page text: discounted as many times as drawn.
  const text = withoutLabels(foldPageText(r.text, true), opts.labels);
  const before = checks.length;
  for (const n of found.find(text)) checks.push({ check: 'redacted value legible to OCR', ok: false, page: original + 1, kind: n.kind });
  if (checks.length === before) checks.push({ check: 'OCR', ok: true, page: original + 1 });
}

function searchText(checks: VerificationCheck[], what: string, folded: string, found: NeedleIndex, original: number): void {
  for (const n of found.find(folded)) checks.push({ check: `redacted value in ${what}`, ok: false, page: original + 1, kind: n.kind });
}

async function pdftotextSearch(checks: VerificationCheck[], file: string, found: NeedleIndex, pageMap: readonly number[], guard?: RecordGuard | null): Promise<void> {
  let out: string;
  try {
    out = (await run('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') {
      checks.push({ check: 'text (pdftotext)', ok: true, skipped: 'pdftotext is not installed' });
      return;
    }
    checks.push({ check: `pdftotext could not read the output (${e.message.split('\n')[0]})`, ok: false, kind: 'unreadable' });
    return;
  }
  const before = checks.length;
  out.split('\f').forEach((pageText, i) => {
    searchText(checks, 'text (pdftotext)', foldPageText(pageText), found, pageMap[i] ?? i);
    guardCheck(checks, guard, textAsPage(pageMap[i] ?? i, pageText, 'native'), 'text (pdftotext)');
  });
  if (checks.length === before) checks.push({ check: 'text (pdftotext)', ok: true });
}

function pageChars(page: mupdf.Page): { text: string; chars: { c: string; box: Box }[] } {
  const b = page.getBounds();
  const chars: { c: string; box: Box }[] = [];
  let text = '';
  const st = page.toStructuredText('preserve-whitespace');
  try {
    st.walk({
      onChar(c, _o, _f, _s, q) {
        const xs = [q[0], q[2], q[4], q[6]], ys = [q[1], q[3], q[5], q[7]];
        chars.push({ c, box: [Math.min(...xs) - b[0], Math.min(...ys) - b[1], Math.max(...xs) - b[0], Math.max(...ys) - b[1]] });
        text += c;
      },
      endLine() { text += '\n'; },
    });
  } finally {
    st.destroy();
  }
  return { text, chars };
}

function centreInside(ch: Box, b: Box): boolean {
  const cx = (ch[0] + ch[2]) / 2, cy = (ch[1] + ch[3]) / 2;
  return cx > b[0] && cx < b[2] && cy > b[1] && cy < b[3];
}

function summarize(checks: VerificationCheck[]): Verification {
  const bad = checks.find((c) => !c.ok);
  // Every page is proven before the export is refused: the examiner learns all the pages to look at, not the first.
  const pages = [...new Set(checks.filter((c) => !c.ok && c.page).map((c) => c.page!))].sort((a, b) => a - b);
  const more = pages.length > 1
    ? `; refused on ${pages.length} pages in all: ${pageList(pages)}` : '';
  return {
    ok: !bad,
    checks,
    failure: bad ? `${bad.page ? `page ${bad.page}: ` : ''}${bad.check}${bad.kind ? ` (${bad.kind})` : ''}${more}` : undefined,
  };
}

/** Merges several outputs' verifications into one. */
export function mergeVerifications(vs: readonly Verification[]): Verification {
  return summarize(vs.flatMap((v) => v.checks));
}
