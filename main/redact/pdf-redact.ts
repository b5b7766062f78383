import * as mupdf from 'mupdf';
import type { Box } from '../../shared/model/geometry';
import { badInput } from '../common/errors';
import { scrubPdf } from './pdf-scrub';
import type { RedactionRegion } from './types';

/** Save options: a full rewrite (one revision, no incremental update), unused objects dropped, content re-written. */
export const PDF_SAVE_OPTIONS = 'garbage=4,compress,clean,sanitize';

export interface RedactPdfOptions {
  /** Draw a black box over each region (default true): the content is removed either way. */
  blackBoxes?: boolean;
  /** Keep only these pages (0-based, in this order); default all. */
  keepPages?: readonly number[];
  password?: string;
}

/**
 * Redacts a PDF: inside each region the glyphs (visible or invisible text), the vector paths fully
 * covered by it and the image samples under it are removed from the file, not covered; then everything
 * that is not page content (metadata, XMP, annotations, form values, attachments, scripts) is scrubbed
 * and the file is written as one revision. Regions are in page units with a top-left origin.
 */
export function redactPdf(bytes: Uint8Array, regions: readonly RedactionRegion[], opts: RedactPdfOptions = {}): Uint8Array {
  const doc = openPdf(bytes, opts.password);
  try {
    applyRegions(doc, regions, opts.blackBoxes ?? true);
    if (opts.keepPages) doc.rearrangePages([...opts.keepPages]);
    scrubPdf(doc);
    return saveFull(doc);
  } finally {
    doc.destroy();
  }
}

export function openPdf(bytes: Uint8Array, password?: string): mupdf.PDFDocument {
  let doc: mupdf.PDFDocument;
  try {
    doc = new mupdf.PDFDocument(bytes);
  } catch (err) {
    throw badInput(`not a readable PDF (${(err as Error).message})`, err);
  }
  if (doc.needsPassword() && !(password !== undefined && doc.authenticatePassword(password))) {
    doc.destroy();
    throw badInput(password === undefined ? 'the PDF is password-protected; give its password to redact it' : 'wrong password for the PDF');
  }
  return doc;
}

export function saveFull(doc: mupdf.PDFDocument): Uint8Array {
  const buf = doc.saveToBuffer(PDF_SAVE_OPTIONS);
  try {
    return buf.asUint8Array().slice();
  } finally {
    buf.destroy();
  }
}

/**
 * Two passes per page: text is removed under each region's (tighter) text box, then image samples and
 * line art under the full box are removed and the black box drawn. One pass with the full box would
 * also take glyphs of the lines above and below, whose boxes overlap the padded region.
 */
function applyRegions(doc: mupdf.PDFDocument, regions: readonly RedactionRegion[], blackBoxes: boolean): void {
  const byPage = new Map<number, RedactionRegion[]>();
  const pages = doc.countPages();
  for (const r of regions) {
    if (!Number.isInteger(r.pageIndex) || r.pageIndex < 0 || r.pageIndex >= pages) {
      throw badInput(`redaction region on page ${r.pageIndex + 1}, but the PDF has ${pages} page(s)`);
    }
    const list = byPage.get(r.pageIndex) ?? [];
    list.push(r);
    byPage.set(r.pageIndex, list);
  }
  for (const [index, list] of byPage) {
    const page = doc.loadPage(index);
    try {
      const bounds = page.getBounds();
      const toRect = (b: Box): mupdf.Rect => [b[0] + bounds[0], b[1] + bounds[1], b[2] + bounds[0], b[3] + bounds[1]];
      for (const r of list) page.createAnnotation('Redact').setRect(toRect(r.textBox ?? r.box));
      page.applyRedactions(false, mupdf.PDFPage.REDACT_IMAGE_NONE, mupdf.PDFPage.REDACT_LINE_ART_NONE, mupdf.PDFPage.REDACT_TEXT_REMOVE);
      for (const r of list) page.createAnnotation('Redact').setRect(toRect(r.box));
      page.applyRedactions(blackBoxes, mupdf.PDFPage.REDACT_IMAGE_PIXELS, mupdf.PDFPage.REDACT_LINE_ART_REMOVE_IF_COVERED,
        mupdf.PDFPage.REDACT_TEXT_NONE);
    } finally {
      page.destroy();
    }
  }
}
