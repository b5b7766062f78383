// A worker thread that opens collected files with MuPDF. Everything untrusted is parsed here, so a
// hostile file can at worst kill this thread (the pool replaces it) or time out; never the process.
import { parentPort } from 'node:worker_threads';
import * as mupdf from 'mupdf';
import { openDocument, type OpenedDocument } from './open-document';
import { extractPage } from './page-text';
import { measureCoverage } from './coverage';
import { epubSourceText } from './source-text';
import { encodePng } from './png-encode';
import { ProtectedDocumentError } from './protection';
import type { OpenParams, WorkerReply, WorkerRequest } from './worker-protocol';
import { oneLine, ShokoError } from '../common/errors';

const port = parentPort!;
let warnings: string[] = [];
mupdf.setLog({
  warning: (m) => void (warnings.length < 50 && warnings.push(m)),
  error: (m) => void (warnings.length < 50 && warnings.push(m)),
});

/** MuPDF log lines that say the data it decoded was damaged (not mere CSS or XHTML syntax it recovers from). */
const DAMAGE = /premature|corrupt|damaged|truncated|overflow|out of bounds|invalid|repair|bad (?:compress|record|data)|unexpected end/i;

// The last document stays open: a viewer renders page after page of the same book.
let cached: { key: string; doc: OpenedDocument } | null = null;

async function open(p: OpenParams): Promise<OpenedDocument> {
  const key = JSON.stringify([p.source, p.password ?? '', p.layout]);
  if (cached?.key === key) return cached.doc;
  cached?.doc.close();
  cached = null;
  mupdf.emptyStore();
  const doc = await openDocument(p.source, { password: p.password, layout: p.layout, limits: p.limits, warnings });
  cached = { key, doc };
  return doc;
}

/** Source characters vs page characters; a source that cannot be rebuilt is said, never taken as whole. */
async function measureReflow(doc: OpenedDocument, pageTexts: string[], limits: OpenParams['limits']) {
  try {
    const src = await epubSourceText(await doc.reflowSource!(), limits);
    return { coverage: measureCoverage(src.documents, pageTexts, src.unreadable) };
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) throw err;
    return { coverageError: oneLine(err) || 'unknown error' };
  }
}

/** The page (through `matrix`) drawn onto a white RGB pixmap covering `bounds` (device space) only. */
function drawOnWhite(page: mupdf.Page, matrix: mupdf.Matrix, bounds: mupdf.Rect, alpha: boolean): mupdf.Pixmap {
  const ibox: mupdf.Rect = [Math.floor(bounds[0]), Math.floor(bounds[1]), Math.ceil(bounds[2]), Math.ceil(bounds[3])];
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, ibox, alpha);
  pix.clear(255);
  const dev = new mupdf.DrawDevice(matrix, pix);
  page.run(dev, mupdf.Matrix.identity);
  dev.close();
  dev.destroy();
  return pix;
}

function send(msg: WorkerReply, transfer?: ArrayBuffer[]): void {
  port.postMessage(msg, transfer ?? []);
}

async function handle(req: WorkerRequest): Promise<void> {
  warnings = [];
  const doc = await open(req);
  if (req.op === 'extract') {
    if (doc.pageCount > req.limits.maxPages) throw new Error(`${doc.pageCount} pages (limit ${req.limits.maxPages})`);
    send({ id: req.id, type: 'opened', format: doc.format, pageCount: doc.pageCount, layout: doc.layout, metadata: doc.metadata, readNotes: doc.readNotes });
    const from = Math.max(0, req.from ?? 0);
    const to = Math.min(doc.pageCount - 1, req.to ?? doc.pageCount - 1);
    // Coverage is measured on whole reflowable books only: a page range holds only part of the text.
    const pageTexts: string[] | null = doc.reflowSource && from === 0 && to === doc.pageCount - 1 ? [] : null;
    for (let i = from; i <= to; i++) {
      let page: ReturnType<OpenedDocument['loadPage']> | null = null;
      try {
        page = doc.loadPage(i);
        const extracted = extractPage(page, i, req.limits.maxImagePixels, { ruby: doc.rubyMarkedAt?.(i) ?? doc.rubyMarked });
        pageTexts?.push(extracted.lines.map((l) => l.text).join('\n'));
        send({ id: req.id, type: 'page', page: extracted });
      } catch (err) {
        throw new Error(`page ${i + 1}: ${oneLine(err)}`.replace(/^page (\d+): page \1: /, 'page $1: '));
      } finally {
        page?.destroy();
      }
    }
    const coverage = pageTexts ? await measureReflow(doc, pageTexts, req.limits) : {};
    // MuPDF read damaged data: its memory may be corrupt without a fault yet (seen in a seeded search: a
    // later book faulted in free()). The pool retires this engine rather than hand it the next item.
    const retire = warnings.some((w) => DAMAGE.test(w));
    send({ id: req.id, type: 'done', warnings: [...new Set(warnings)], ...coverage, ...(retire ? { retire } : {}) });
    return;
  }
  if (req.pageIndex < 0 || req.pageIndex >= doc.pageCount) throw new Error(`no page ${req.pageIndex + 1} (the document has ${doc.pageCount})`);
  const page = doc.loadPage(req.pageIndex);
  try {
    if (doc.imagePages) extractPage(page, req.pageIndex, req.limits.maxImagePixels); // refuses oversized images before decoding
    const scale = req.dpi / 72;
    const matrix = mupdf.Matrix.scale(scale, scale);
    const pageBounds = page.getBounds();
    // A clip is in Shoko's page units (origin at the page's top-left corner): MuPDF's are offset by the bounds.
    const area: mupdf.Rect = req.clip
      ? [pageBounds[0] + req.clip[0], pageBounds[1] + req.clip[1], pageBounds[0] + req.clip[2], pageBounds[1] + req.clip[3]]
      : pageBounds;
    const bounds = mupdf.Rect.transform(area, matrix);
    const w = Math.round(bounds[2] - bounds[0]);
    const h = Math.round(bounds[3] - bounds[1]);
    if (!(w > 0 && h > 0)) throw new Error(`page ${req.pageIndex + 1}: nothing to render in ${JSON.stringify(req.clip)}`);
    if (w * h > req.limits.maxImagePixels) {
      // A tall scroll capture at 150 dpi can pass the limit: say the resolution that fits (OCR reads such pages in bands).
      const fits = Math.floor(req.dpi * Math.sqrt(req.limits.maxImagePixels / (w * h)));
      throw new Error(`page ${req.pageIndex + 1} at ${req.dpi} dpi would be ${w}×${h} pixels (limit ${req.limits.maxImagePixels}); it fits at ${fits} dpi or less`);
    }
    let data: Uint8Array;
    let pw: number;
    let ph: number;
    if (req.format === 'png' && req.clip) {
      // One band of the page: drawn onto a white pixmap of that band only (the rest is never rasterised).
      const pix = drawOnWhite(page, matrix, bounds, false);
      pw = pix.getWidth();
      ph = pix.getHeight();
      data = encodePng(pix.getPixels(), pw, ph, 3);
      pix.destroy();
    } else if (req.format === 'png') {
      const pix = page.toPixmap(matrix, mupdf.ColorSpace.DeviceRGB, false, true);
      pw = pix.getWidth();
      ph = pix.getHeight();
      // Encoded with native zlib, not MuPDF's WASM PNG writer (the slow part of a render).
      data = encodePng(pix.getPixels(), pw, ph, 3);
      pix.destroy();
    } else {
      // Opaque RGBA on white: draw onto a cleared pixmap with alpha (no conversion pass in JS).
      const pix = drawOnWhite(page, matrix, bounds, true);
      pw = pix.getWidth();
      ph = pix.getHeight();
      data = new Uint8Array(pix.getPixels().slice().buffer);
      pix.destroy();
    }
    send({ id: req.id, type: 'rendered', width: pw, height: ph, format: req.format, data }, [data.buffer as ArrayBuffer]);
  } finally {
    page.destroy();
  }
}

// Jobs run one after another; the pool never sends a second before the first answered.
port.on('message', (req: WorkerRequest) => {
  handle(req).catch((err: unknown) => {
    const status = err instanceof ProtectedDocumentError ? 'protected' : 'failed';
    // Shoko's own readers (Kindle records, EPUB package, DRM check) refuse a file in plain JavaScript before
    // or beside MuPDF: such a refusal leaves the engine sound, unless MuPDF logged damage on the way. Anything
    // else (a WebAssembly trap, a MuPDF error) retires the engine.
    const ownRefusal = err instanceof ShokoError || err instanceof ProtectedDocumentError;
    const retire = !ownRefusal || warnings.some((w) => DAMAGE.test(w));
    send({ id: req.id, type: 'error', status, message: oneLine(err) || 'unknown error', retire });
  });
});
