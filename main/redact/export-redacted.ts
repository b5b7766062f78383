import fs from 'node:fs';
import path from 'node:path';
import type { CaseHandle } from '../case/case-folder';
import { getEvidenceItem, listEvidenceItems } from '../case/evidence-items';
import { badInput, throwIfCancelled, verificationFailed } from '../common/errors';
import { now } from '../common/clock';
import { getDocument, getPageContent, listPages, requireDocument, type PageSummary } from '../documents/document-store';
import { appendCustodyEvent } from '../evidence/custody-log';
import { sha256File } from '../evidence/hashing';
import type { Box } from '../../shared/model/geometry';
import type { ProgressFn } from '../../shared/model/progress';
import { countLabels, labelsInside, stampPdfLabels } from './box-label';
import { withCaption } from './caption';
import { recordExport, type ExportKind, type ExportRecord } from './export-store';
import { parsePageRanges } from './page-ranges';
import { redactPdf } from './pdf-redact';
import { cropRaster } from './raster';
import { encodePagePngSync } from './page-png';
import { RecordGuard } from './record-guard';
import { burnedPage, exportRenderedPages, type Output } from './rendered-export';
import { hitsForRedaction, manualRegions, regionsOfHit, TextUnder, HIT_PADDING, type HitStatusChoice } from './regions';
import { BOX_LABELS, type BoxLabel, type RedactedValue, type RedactionRegion } from './types';
import { mergeVerifications, verifyPdfOutput, verifyPngOutput, type Verification } from './verify-export';

export interface ExportRedactedOptions {
  format: ExportKind;
  /** One item; default every extracted item of the case (not for screenshots). */
  itemId?: number;
  /** 1-based page list as people write it: "1-5,9". Default every page. */
  pages?: string;
  status?: HitStatusChoice;
  dpi?: number;
  /** Screenshot: the 1-based page and the area to show, in page units. */
  page?: number;
  crop?: Box;
  /** Screenshot: add a caption line with the case number and date. */
  caption?: boolean;
  /** Folder written to; default <case>/exports/redacted-<time>. */
  outDir?: string;
  ocrLangs?: string;
  padding?: number;
  /** Password of a password-protected PDF original. */
  password?: string;
  /** A word on each black box of a rendered page (PNG, screenshot, image-only PDF): 黒塗り, REDACTED or none (default). */
  label?: BoxLabel;
  /** Where the imported leaked list is now, when it moved since import (the self-check re-reads it). */
  listPath?: string;
}

export interface ExportRedactedResult {
  outDir: string;
  exports: ExportRecord[];
  regionCount: number;
  verification: Verification;
}

export interface JobHooks {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** What one item's export is made from: its regions, the values they hide, and the pages shown. */
export interface ItemPlan {
  itemId: number;
  pages: number[];
  regions: RedactionRegion[];
  /** The regions of each page (a book has hundreds of thousands: never filtered page by page). */
  regionsByPage: Map<number, RedactionRegion[]>;
  values: RedactedValue[];
  summaries: Map<number, PageSummary>;
  /** Pages whose stored text holds OCR lines. */
  ocrLinePages: Set<number>;
}

/**
 * Writes redacted outputs (PNG pages, a screenshot, or a PDF) for one item or every item, re-reads every
 * output (structure, text with MuPDF and pdftotext, OCR of images), and records each verified output as an
 * export with its hash and a custody event. If any redacted value can still be read, nothing is kept: the
 * files are removed, the refusal is logged, and a verification-failed error names the page and value kind.
 */
export async function exportRedacted(c: CaseHandle, opts: ExportRedactedOptions, hooks: JobHooks = {}): Promise<ExportRedactedResult> {
  if (!['png', 'pdf', 'screenshot'].includes(opts.format)) throw badInput(`--format ${opts.format}: expected png, pdf or screenshot`);
  if (opts.label !== undefined && !BOX_LABELS.includes(opts.label)) throw badInput(`--label ${String(opts.label)}: expected ${BOX_LABELS.join(', ')}`);
  if (opts.format === 'screenshot' && (opts.itemId === undefined || !opts.crop || opts.page === undefined)) {
    throw badInput('a screenshot needs --item, --page and --crop x0,y0,x1,y1');
  }
  const itemIds = opts.itemId !== undefined
    ? [getEvidenceItem(c.db, opts.itemId).id]
    : listEvidenceItems(c.db).map((i) => i.id).filter((id) => getDocument(c, id)?.status === 'ok');
  if (itemIds.length === 0) throw badInput("no scanned item to export; run 'shoko scan' first");
  const outDir = path.resolve(opts.outDir ?? path.join(c.exportsDir, `redacted-${now().utc.replace(/[:.]/g, '-')}`));
  fs.mkdirSync(outDir, { recursive: true });

  const all: ExportRecord[] = [];
  const verifications: Verification[] = [];
  let regionCount = 0;
  for (const itemId of itemIds) {
    throwIfCancelled(hooks.signal);
    const plan = planItem(c, itemId, opts);
    regionCount += plan.regions.length;
    const { records, verification } = await exportItem(c, plan, opts, outDir, hooks);
    all.push(...records);
    verifications.push(verification);
  }
  return { outDir, exports: all, regionCount, verification: mergeVerifications(verifications) };
}

/**
 * Regions (confirmed or all non-dismissed hits, plus hand-drawn boxes) and the values they hide. Page texts
 * are read one page at a time (hits come in page order) and not kept: a 1,300-page book's characters with
 * their boxes are hundreds of megabytes, and the proof reads each page again when it gets to it.
 */
export function planItem(c: CaseHandle, itemId: number, opts: Pick<ExportRedactedOptions, 'pages' | 'status' | 'padding' | 'format' | 'page'>): ItemPlan {
  const doc = requireDocument(c, itemId);
  if (doc.status !== 'ok') throw badInput(`item ${itemId} cannot be exported: ${doc.status}${doc.error ? `: ${doc.error}` : ''}`);
  let pages: number[];
  if (opts.format === 'screenshot') {
    const p = opts.page ?? 0;
    if (!Number.isInteger(p) || p < 1 || p > doc.pageCount) throw badInput(`--page ${p}: item ${itemId} has pages 1–${doc.pageCount}`);
    pages = [p - 1];
  } else {
    pages = opts.pages ? parsePageRanges(opts.pages, doc.pageCount) : [...Array(doc.pageCount).keys()];
  }
  const wanted = new Set(pages);
  const summaries = new Map(listPages(c, itemId).map((p) => [p.index, p]));
  const ocrLinePages = new Set<number>();
  let current: { index: number; under: TextUnder } | null = null;
  const under = (p: number): TextUnder => {
    if (current?.index !== p) {
      const content = getPageContent(c, itemId, p);
      if (content.lines.some((l) => l.source === 'ocr')) ocrLinePages.add(p);
      current = { index: p, under: new TextUnder(content) };
    }
    return current.under;
  };
  const regions: RedactionRegion[] = [];
  const values: RedactedValue[] = [];
  for (const hit of hitsForRedaction(c, itemId, opts.status ?? 'confirmed')) {
    if (!wanted.has(hit.pageIndex) || hit.boxes.length === 0) continue;
    regions.push(...regionsOfHit(hit, opts.padding ?? HIT_PADDING));
    // The matched text as detection stored it, and whatever else stands under its boxes.
    if (hit.text) values.push({ pageIndex: hit.pageIndex, value: hit.text, kind: hit.valueKind, boxes: hit.boxes });
    const v = under(hit.pageIndex).value(hit.pageIndex, hit.boxes, hit.valueKind);
    if (v && v.value !== hit.text) values.push(v);
  }
  for (const r of manualRegions(c, itemId)) {
    if (!wanted.has(r.pageIndex)) continue;
    regions.push(r);
    const v = under(r.pageIndex).value(r.pageIndex, [r.box], 'manual');
    if (v) values.push(v);
  }
  const regionsByPage = new Map<number, RedactionRegion[]>();
  for (const r of regions) {
    const list = regionsByPage.get(r.pageIndex);
    if (list) list.push(r); else regionsByPage.set(r.pageIndex, [r]);
  }
  return { itemId, pages, regions, regionsByPage, values, summaries, ocrLinePages };
}

/**
 * Writes, verifies and records one item's outputs. On a failed verification every file written here is
 * removed and the refusal logged before the error is thrown.
 */
export async function exportItem(c: CaseHandle, plan: ItemPlan, opts: ExportRedactedOptions, outDir: string,
  hooks: JobHooks = {}): Promise<{ records: ExportRecord[]; verification: Verification }> {
  const item = getEvidenceItem(c.db, plan.itemId);
  const doc = requireDocument(c, plan.itemId);
  const nativePdf = opts.format === 'pdf' && doc.format === 'pdf' && !doc.readNotes.some((n) => n.code === 'polyglot-file');
  const written: string[] = [];
  const write = (name: string, bytes: Uint8Array) => {
    const file = path.join(outDir, name);
    try {
      fs.writeFileSync(file, bytes, { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw badInput(`${file}: already exists; choose another --out folder`);
      throw badInput(`${file}: cannot write (${(err as Error).message})`);
    }
    written.push(file);
    return file;
  };
  const dpi = opts.dpi ?? 150;
  const langs = opts.ocrLangs ?? 'jpn+eng';
  const base = `item${plan.itemId}`;
  const progress = (done: number, total: number, subject: string) => hooks.onProgress?.({ phase: 'redact', done, total, subject });
  const outputs: Output[] = [];
  const verifications: Verification[] = [];
  try {
    // Issue 17: every field of a leak record known to be in the case is looked for on every exported page.
    const guard = await RecordGuard.load(c, plan.itemId, opts.status ?? 'confirmed', opts.listPath);
    // A polyglot's pages past the PDF's own (its appended EPUB/CBZ) exist only in Shoko's reading: the
    // whole item is then exported as rendered pages, never as a redacted copy of the PDF part alone.
    if (nativePdf) {
      progress(0, 2, `${base}: redacting the PDF`);
      const redacted = redactPdf(new Uint8Array(fs.readFileSync(c.evidencePath(item.sha256))), plan.regions, { keepPages: plan.pages, password: opts.password });
      // Labels go on after the redaction is applied, as pictures over the black boxes (output page numbering).
      const boxesOf = (p: number) => (plan.regionsByPage.get(p) ?? []).map((r) => r.box);
      const boxesByPage = new Map(plan.pages.map((p, i) => [i, boxesOf(p)] as const));
      const { bytes, labels } = stampPdfLabels(redacted, boxesByPage, opts.label ?? 'none');
      const file = write(`${base}-redacted.pdf`, bytes);
      progress(1, 2, `${base}: re-reading the redacted PDF`);
      // Picture pages (scans) are re-read by OCR as well: their text was in pixels, which text extraction does not see.
      const ocrPages = new Set(plan.pages.map((p, i) => (isPicturePage(plan, p) ? i : -1)).filter((i) => i >= 0));
      const ink = {
        burnt: new Map(plan.pages.map((p, i) => [i, boxesOf(p)] as const)),
        pictures: new Map(plan.pages.map((p, i) => [i, (plan.summaries.get(p)?.images ?? []).map((im) => im.box)] as const)),
      };
      const v = await verifyPdfOutput(bytes, plan.values, { pageMap: plan.pages, ocrPages, file, ocrLangs: langs, labels, guard, ink, signal: hooks.signal });
      outputs.push({ file, kind: 'pdf', pages: plan.pages, verification: v });
      verifications.push(v);
    } else if (opts.format === 'screenshot') {
      // One picture of part of a page: read whole by OCR, as any image would be.
      const p = plan.pages[0];
      progress(0, 1, `${base}: page ${p + 1}`);
      const { raster, width, height, labels } = await burnedPage(c, plan, p, dpi, opts.label ?? 'none', hooks.signal);
      const crop = opts.crop!;
      const sx = raster.width / width, sy = raster.height / height;
      let shot = cropRaster(raster, crop[0] * sx, crop[1] * sy, crop[2] * sx, crop[3] * sy);
      const shown = labelsInside(labels, crop[0] * sx, crop[1] * sy, crop[2] * sx, crop[3] * sy);
      if (shot.width === 0 || shot.height === 0) throw badInput(`--crop ${crop.join(',')}: outside page ${p + 1} (${width}×${height})`);
      if (opts.caption) shot = withCaption(shot, captionText(c));
      const png = encodePagePngSync(shot);
      const file = write(`${base}-p${p + 1}-screenshot.png`, png);
      const v = await verifyPngOutput(png, plan.values, p, { ocrLangs: langs, signal: hooks.signal, labels: countLabels(shown), guard });
      outputs.push({ file, kind: 'screenshot', pages: [p], verification: v });
      verifications.push(v);
    } else {
      verifications.push(...await exportRenderedPages(c, plan, opts, { base, dpi, langs, guard, write, outputs, progress, signal: hooks.signal }));
    }
    const verification = mergeVerifications(verifications);
    if (!verification.ok) {
      removeAll(written);
      appendCustodyEvent(c.db, {
        action: 'redact.refused', itemId: plan.itemId,
        details: { format: opts.format, failure: verification.failure, failedChecks: verification.checks.filter((x) => !x.ok) },
      });
      throw verificationFailed(`export refused for item ${plan.itemId}: ${verification.failure}; the redacted output still reveals it, so no file was kept`);
    }
    const records = c.db.transaction(() => outputs.map((o) => recordExport(c, {
      kind: o.kind, itemId: plan.itemId, file: o.file, sha256: sha256File(o.file), size: fs.statSync(o.file).size, pages: o.pages,
      regionCount: o.pages.reduce((n, p) => n + (plan.regionsByPage.get(p)?.length ?? 0), 0), verification: o.verification,
    })))();
    appendCustodyEvent(c.db, {
      action: 'redact.exported', itemId: plan.itemId,
      details: {
        format: opts.format, status: opts.status ?? 'confirmed', label: opts.label ?? 'none', dpi: nativePdf ? null : dpi,
        regions: plan.regions.length, reasons: [...new Set(plan.regions.map((r) => r.reason))],
        outputs: records.map((r) => ({ exportId: r.id, path: r.path, sha256: r.sha256, size: r.size, pages: r.pages.map((p) => p + 1) })),
        verification: checkSummary(verification),
        ...(guard ? { recordsGuarded: guard.records } : {}),
      },
    });
    progress(1, 1, `${base}: verified`);
    return { records, verification };
  } catch (err) {
    removeAll(written);
    throw err;
  }
}

function isPicturePage(plan: ItemPlan, p: number): boolean {
  const s = plan.summaries.get(p);
  if (s?.needsOcr || s?.textSource === 'ocr' || s?.textSource === 'mixed') return true;
  return plan.ocrLinePages.has(p);
}

function captionText(c: CaseHandle): string {
  const id = c.info.caseNumber ? `${c.info.name} (${c.info.caseNumber})` : c.info.name;
  return `${id} — ${now().utc.slice(0, 10)} — 黒塗り済み / redacted by Shoko`;
}

/** The checks made, each named once with how many times it ran (a long book makes thousands). */
function checkSummary(v: Verification): string[] {
  const counts = new Map<string, number>();
  for (const x of v.checks) {
    const name = x.skipped ? `${x.check}: skipped (${x.skipped})` : x.check;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => (n > 1 ? `${name} (×${n})` : name));
}

function removeAll(files: string[]): void {
  for (const f of files.splice(0)) fs.rmSync(f, { force: true });
}
