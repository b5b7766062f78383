import type { CaseHandle } from '../case/case-folder';
import { badInput, throwIfCancelled } from '../common/errors';
import { getPageContent, requireDocument } from '../documents/document-store';
import { renderDocumentPage } from '../documents/extract-document';
import { itemSource } from '../documents/extract-item';
import { imageDensity, MAX_READING_DPI, PICTURE_FORMATS } from '../documents/picture-pages';
import type { RenderedPage } from '../documents/types';
import { DocumentJobError } from '../documents/worker-pool';
import { DEFAULT_LAYOUT } from '../../shared/model/page';
import { drawBoxLabels, type DrawnLabel } from './box-label';
import type { ExportKind } from './export-store';
import type { ExportRedactedOptions, ItemPlan } from './export-redacted';
import { ImagePdfWriter, imagePdfProblems } from './image-pdf';
import { pngProblems } from './image-bytes';
import { provePage } from './page-proof';
import { auditPdf } from './pdf-audit';
import { encodePagePng } from './page-png';
import { burnIn, type Raster } from './raster';
import type { RecordGuard } from './record-guard';
import type { BoxLabel } from './types';
import { NeedleIndex } from './needle-index';
import { needlesOf } from './value-search';
import { ocrEditBudget } from '../detect/match/ocr-edit-budget';
import { mergeVerifications, type Verification, type VerificationCheck } from './verify-export';

/** One written file and the proof made of it. */
export interface Output {
  file: string;
  kind: ExportKind;
  pages: number[];
  verification: Verification;
}

export interface RenderedExportContext {
  base: string;
  dpi: number;
  langs: string;
  guard: RecordGuard | null;
  write: (name: string, bytes: Uint8Array) => string;
  outputs: Output[];
  progress: (done: number, total: number, subject: string) => void;
  signal?: AbortSignal;
}

/** Pages in flight at once: the document workers render the next pages while this thread proves one. */
const PAGES_IN_FLIGHT = 3;

/**
 * PNG pages or an image-only PDF of rendered pages. Each page is rendered, burnt, written, and proven
 * by provePage (its known text minus what the boxes destroyed, and OCR of whatever ink that text does not
 * explain); an image-only PDF is then re-read and must show exactly the proven pages and nothing else.
 * Returns one verification per output.
 */
export async function exportRenderedPages(c: CaseHandle, plan: ItemPlan, opts: ExportRedactedOptions, x: RenderedExportContext): Promise<Verification[]> {
  const needles = new NeedleIndex(needlesOf(plan.values), ocrEditBudget);
  const pdf = opts.format === 'pdf' ? new ImagePdfWriter() : null;
  const pageChecks: VerificationCheck[][] = [];
  const pngs: Output[] = [];
  const ready = new Map<number, { raster: Raster; width: number; height: number }>();
  let nextToAdd = 0, next = 0, done = 0;
  const picture = PICTURE_FORMATS.has(requireDocument(c, plan.itemId).format);
  const known = knownOcrPages(c, plan, picture);
  const dpiOf = pageDpi(plan, opts, x.dpi, picture);
  try {
    const lane = async () => {
      for (let n = next++; n < plan.pages.length; n = next++) {
        throwIfCancelled(x.signal);
        const p = plan.pages[n];
        const page = await burnedPage(c, plan, p, dpiOf(p), opts.label ?? 'none', x.signal, opts.password);
        const checks: VerificationCheck[] = [];
        // The PNG is compressed on libuv's threads while this thread proves the page (the raster is only read).
        const encoding = pdf ? null : encodePagePng(page.raster);
        // Handled here too: a proof that throws first must not leave it an unhandled rejection.
        encoding?.catch(() => undefined);
        if (pdf) {
          ready.set(n, page);
          // Pages go into the PDF in order, as soon as the ones before them are in.
          for (let r = ready.get(nextToAdd); r; r = ready.get(nextToAdd)) {
            pdf.add(r);
            ready.delete(nextToAdd++);
          }
        }
        const proof = await provePage({
          raster: page.raster, content: getPageContent(c, plan.itemId, p), burnt: page.boxes, sx: page.sx, sy: page.sy, labels: page.labels,
          needles, guard: x.guard, ocrKnown: known.has(p), ocrLangs: x.langs, signal: x.signal,
        });
        if (encoding) {
          const png = await encoding;
          const file = x.write(`${x.base}-p${String(p + 1).padStart(4, '0')}.png`, png);
          for (const problem of pngProblems(png)) checks.push({ check: `image file: ${problem}`, ok: false, page: p + 1, kind: 'image-structure' });
          if (checks.length === 0) checks.push({ check: 'image file', ok: true, page: p + 1 });
          pngs[n] = { file, kind: 'png', pages: [p], verification: { ok: true, checks } };
        }
        checks.push(...proof.checks);
        pageChecks[n] = checks;
        x.progress(++done, plan.pages.length, `${x.base}: page ${p + 1} proven`);
      }
    };
    // A failing lane stops the others at their next page; all are waited for, so no file is written after
    // the caller has removed the export's files.
    const settled = await Promise.allSettled(Array.from({ length: Math.min(PAGES_IN_FLIGHT, plan.pages.length) }, () => lane().catch((e: unknown) => {
      next = plan.pages.length;
      throw e;
    })));
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  } catch (err) {
    pdf?.discard();
    throw err;
  }
  if (!pdf) {
    // Each PNG's record carries its own page's proof; outputs in page order.
    pngs.forEach((o, n) => { o.verification = mergeVerifications([{ ok: true, checks: pageChecks[n] ?? [] }]); });
    x.outputs.push(...pngs);
    return pngs.map((o) => o.verification);
  }
  const bytes = pdf.finish();
  const file = x.write(`${x.base}-redacted.pdf`, bytes);
  const checks: VerificationCheck[] = [];
  for (const a of auditPdf(bytes)) checks.push({ check: `structure: ${a.detail}`, ok: false, kind: a.what, page: a.page });
  if (checks.length === 0) checks.push({ check: 'structure', ok: true });
  const problems = imagePdfProblems(bytes, pdf);
  for (const pr of problems) checks.push({ check: `image-only PDF: ${pr.problem}`, ok: false, page: (plan.pages[pr.page] ?? 0) + 1, kind: 'image-pdf' });
  if (problems.length === 0) checks.push({ check: 'image-only PDF: every page is exactly its proven picture, no text layer' , ok: true });
  const verification = mergeVerifications([{ ok: true, checks }, ...pageChecks.map((cs) => ({ ok: true, checks: cs ?? [] }))]);
  x.outputs.push({ file, kind: 'pdf', pages: plan.pages, verification });
  return [verification];
}

/**
 * Renders one page (document engine, in its workers), burns in its regions, then writes the box labels if
 * asked. Not through the page cache: a book's worth of raw pages (4 MB each at 150 dpi) is not kept on disk.
 */
export async function burnedPage(c: CaseHandle, plan: ItemPlan, p: number, dpi: number, label: BoxLabel, signal?: AbortSignal, password?: string) {
  const doc = requireDocument(c, plan.itemId);
  const { source, reason } = itemSource(c, plan.itemId);
  if (!source) throw badInput(`item ${plan.itemId}: ${reason}`);
  let rendered: RenderedPage;
  try {
    rendered = await renderDocumentPage(source, p, { dpi, format: 'rgba', password, layout: doc.layout ?? DEFAULT_LAYOUT, signal });
  } catch (err) {
    if (err instanceof DocumentJobError) throw badInput(`item ${plan.itemId} page ${p + 1}: ${err.message}`);
    throw err;
  }
  const raster: Raster = { width: rendered.width, height: rendered.height, data: rendered.data instanceof Uint8Array ? rendered.data : new Uint8Array(rendered.data) };
  const s = plan.summaries.get(p);
  const width = s?.width ?? (rendered.width * 72) / dpi, height = s?.height ?? (rendered.height * 72) / dpi;
  const boxes = (plan.regionsByPage.get(p) ?? []).map((r) => r.box);
  const sx = raster.width / width, sy = raster.height / height;
  burnIn(raster, boxes, sx, sy);
  // Only now, on pixels already destroyed: the label cannot carry anything of what stood there.
  const labels: DrawnLabel[] = drawBoxLabels(raster, boxes, label, sx, sy);
  return { raster, width, height, labels, boxes, sx, sy };
}

/**
 * The resolution each page is rendered at: the one asked for; when none was, a picture page (screenshot,
 * scan in a CBZ) at its own pixels (up to the scan's cap), as the scan read it — the press gets the picture as it was, not scaled
 * up to 150 dpi from a density the file may not even state, and the proof's OCR reads the pixels the scan
 * read (the seed screenshot book: 2.4× fewer pixels to burn, write and read again than at 150 dpi).
 */
function pageDpi(plan: ItemPlan, opts: ExportRedactedOptions, fallback: number, picture: boolean): (p: number) => number {
  if (opts.dpi !== undefined || !picture) return () => fallback;
  return (p) => {
    const own = imageDensity(plan.summaries.get(p) ?? { images: [] });
    return own > 0 ? Math.min(MAX_READING_DPI, own) : fallback;
  };
}

/**
 * Pages the scan read whole by OCR (picture books, pages that are one large picture) and whose reading is
 * stored: that reading stands for the pixels the boxes did not touch.
 */
function knownOcrPages(c: CaseHandle, plan: ItemPlan, picture: boolean): Set<number> {
  const stored = new Set((c.db.prepare("SELECT page_index FROM page_text WHERE item_id = ? AND source = 'ocr'").all(plan.itemId) as { page_index: number }[])
    .map((r) => r.page_index));
  return new Set(plan.pages.filter((p) => stored.has(p) && (picture || plan.summaries.get(p)?.needsOcr)));
}
