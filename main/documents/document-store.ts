import type { CaseDb } from '../case/case-db';
import { badInput } from '../common/errors';
import { now } from '../common/clock';
import { boxArea, intersectBoxes } from '../../shared/model/geometry';
import type { LayoutSpec, PageContent, PageImage, TextLine } from '../../shared/model/page';
import type { DocumentFormat, DocumentMetadata, DocumentStatus, ExtractionResult, ReadNote } from './types';
import { partialReason, type CoverageReport } from './coverage';

type Db = Pick<{ db: CaseDb }, 'db'>;

export type PageTextSource = 'native' | 'ocr' | 'mixed' | 'none';

export interface DocumentRecord {
  itemId: number;
  format: DocumentFormat;
  status: DocumentStatus;
  error: string | null;
  layout: LayoutSpec | null;
  pageCount: number;
  metadata: DocumentMetadata | null;
  extractedAt: string;
  /** Share (0–1) of the source characters found on the pages; null when not measured (see coverage.ts). */
  coverage: number | null;
  /** The measure with the places that went missing; null when not measured. */
  coverageDetail: CoverageReport | null;
  readNotes: ReadNote[];
  /** Why the item was not read whole (status ok, pages kept, but text may be missing); null when whole. */
  partialReason: string | null;
  /** False for items extracted before coverage was measured (a re-scan measures them). */
  coverageChecked: boolean;
}

/** What the item's reading came to: `partial` is an `ok` document whose text may be incomplete. */
export type ItemReadStatus = DocumentStatus | 'partial';

export function readStatusOf(d: Pick<DocumentRecord, 'status' | 'partialReason'>): ItemReadStatus {
  return d.status === 'ok' && d.partialReason ? 'partial' : d.status;
}

export interface PageSummary {
  index: number;
  width: number;
  height: number;
  needsOcr: boolean;
  textSource: PageTextSource;
  ocrConfidence: number | null;
  images: PageImage[];
}

interface DocumentRow {
  item_id: number; format: string; status: string; error: string | null; layout_json: string | null;
  page_count: number; metadata_json: string | null; extracted_at: string;
  coverage: number | null; coverage_json: string | null; read_notes_json: string; partial_reason: string | null;
  coverage_checked: number;
}
interface PageRow {
  item_id: number; page_index: number; width: number; height: number; needs_ocr: number; text_source: string;
  ocr_confidence: number | null; images_json: string;
}

/**
 * Writes one item's extraction in a single transaction: a run killed half-way leaves the previous
 * state, never half the pages. Re-running replaces the native rows; OCR rows survive when the
 * layout (hence the pages) did not change.
 */
export function saveExtraction(db: CaseDb, itemId: number, result: ExtractionResult, engine: string): void {
  const layoutJson = result.layout ? JSON.stringify(result.layout) : null;
  db.transaction(() => {
    const old = db.prepare('SELECT layout_json, status FROM document WHERE item_id = ?').get(itemId) as Pick<DocumentRow, 'layout_json' | 'status'> | undefined;
    const keepOcr = old !== undefined && old.layout_json === layoutJson && result.status === 'ok';
    const oldConfidence = new Map<number, number | null>();
    if (keepOcr) {
      for (const r of db.prepare('SELECT page_index, ocr_confidence FROM document_page WHERE item_id = ?').all(itemId) as PageRow[]) {
        oldConfidence.set(r.page_index, r.ocr_confidence);
      }
    }
    db.prepare("DELETE FROM page_text WHERE item_id = ? AND (source = 'native' OR ?)").run(itemId, keepOcr ? 0 : 1);
    db.prepare('DELETE FROM document_page WHERE item_id = ?').run(itemId);
    const ok = result.status === 'ok';
    db.prepare(`INSERT INTO document (item_id, format, status, error, layout_json, page_count, metadata_json, extracted_at,
        coverage, coverage_json, read_notes_json, partial_reason, coverage_checked)
      VALUES (@itemId, @format, @status, @error, @layout, @pageCount, @metadata, @at, @coverage, @coverageJson, @readNotes, @partial, 1)
      ON CONFLICT(item_id) DO UPDATE SET format = excluded.format, status = excluded.status, error = excluded.error,
        layout_json = excluded.layout_json, page_count = excluded.page_count, metadata_json = excluded.metadata_json,
        extracted_at = excluded.extracted_at, coverage = excluded.coverage, coverage_json = excluded.coverage_json,
        read_notes_json = excluded.read_notes_json, partial_reason = excluded.partial_reason, coverage_checked = 1`).run({
      coverage: ok && result.coverage ? result.coverage.coverage : null,
      coverageJson: ok && result.coverage ? JSON.stringify(result.coverage) : null,
      readNotes: JSON.stringify(result.readNotes ?? []),
      partial: ok ? partialReason(result.coverage, result.readNotes, result.coverageError) : null,
      itemId,
      format: result.format,
      status: result.status,
      error: result.error ?? null,
      layout: layoutJson,
      pageCount: result.status === 'ok' ? result.pageCount : 0,
      metadata: result.metadata ? JSON.stringify(result.metadata) : null,
      at: now().utc,
    });
    if (result.status !== 'ok') return;
    const ocrPages = new Set((db.prepare("SELECT page_index FROM page_text WHERE item_id = ? AND source = 'ocr'").all(itemId) as { page_index: number }[]).map((r) => r.page_index));
    const insPage = db.prepare(`INSERT INTO document_page (item_id, page_index, width, height, needs_ocr, text_source, ocr_confidence, images_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insText = db.prepare(`INSERT INTO page_text (item_id, page_index, source, lines_json, engine, created_at) VALUES (?, ?, 'native', ?, ?, ?)`);
    const at = now().utc;
    for (const p of result.pages) {
      const native = p.lines.length > 0;
      const ocr = ocrPages.has(p.index);
      const source: PageTextSource = native && ocr ? 'mixed' : native ? 'native' : ocr ? 'ocr' : 'none';
      insPage.run(itemId, p.index, p.width, p.height, p.needsOcr ? 1 : 0, source, oldConfidence.get(p.index) ?? null, JSON.stringify(p.images));
      if (native) insText.run(itemId, p.index, JSON.stringify(p.lines), engine, at);
    }
  })();
}

export function getDocument(c: Db, itemId: number): DocumentRecord | null {
  const r = c.db.prepare('SELECT * FROM document WHERE item_id = ?').get(itemId) as DocumentRow | undefined;
  if (!r) return null;
  return {
    itemId: r.item_id,
    format: r.format as DocumentFormat,
    status: r.status as DocumentStatus,
    error: r.error,
    layout: r.layout_json ? (JSON.parse(r.layout_json) as LayoutSpec) : null,
    pageCount: r.page_count,
    metadata: r.metadata_json ? (JSON.parse(r.metadata_json) as DocumentMetadata) : null,
    extractedAt: r.extracted_at,
    coverage: r.coverage,
    coverageDetail: r.coverage_json ? (JSON.parse(r.coverage_json) as CoverageReport) : null,
    readNotes: JSON.parse(r.read_notes_json) as ReadNote[],
    partialReason: r.partial_reason,
    coverageChecked: r.coverage_checked === 1,
  };
}

/**
 * What rendering a page needs of an item's document, without parsing its metadata and coverage JSON
 * (a quarter of a megabyte on a 1,400-chapter book: Review asks for a page and its thumbnails at once).
 */
export function requireDocumentHead(c: Db, itemId: number): Pick<DocumentRecord, 'status' | 'error' | 'pageCount' | 'layout'> {
  const r = c.db.prepare('SELECT status, error, page_count, layout_json FROM document WHERE item_id = ?').get(itemId) as
    Pick<DocumentRow, 'status' | 'error' | 'page_count' | 'layout_json'> | undefined;
  if (!r) throw badInput(`item ${itemId} has not been scanned yet; run 'shoko scan' first`);
  return { status: r.status as DocumentStatus, error: r.error, pageCount: r.page_count, layout: r.layout_json ? (JSON.parse(r.layout_json) as LayoutSpec) : null };
}

/** The extracted document of an item, or bad input saying what to run first. */
export function requireDocument(c: Db, itemId: number): DocumentRecord {
  const d = getDocument(c, itemId);
  if (!d) throw badInput(`item ${itemId} has not been scanned yet; run 'shoko scan' first`);
  return d;
}

export function listPages(c: Db, itemId: number, range: { from?: number; to?: number } = {}): PageSummary[] {
  const rows = c.db.prepare('SELECT * FROM document_page WHERE item_id = ? AND page_index BETWEEN ? AND ? ORDER BY page_index')
    .all(itemId, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as PageRow[];
  return rows.map((r) => ({
    index: r.page_index,
    width: r.width,
    height: r.height,
    needsOcr: r.needs_ocr === 1,
    textSource: r.text_source as PageTextSource,
    ocrConfidence: r.ocr_confidence,
    images: JSON.parse(r.images_json) as PageImage[],
  }));
}

/** The lines of one page from one source ('native' or 'ocr'), or [] when there are none. */
export function getPageLines(c: Db, itemId: number, pageIndex: number, source: 'native' | 'ocr'): TextLine[] {
  const r = c.db.prepare('SELECT lines_json FROM page_text WHERE item_id = ? AND page_index = ? AND source = ?').get(itemId, pageIndex, source) as
    | { lines_json: string }
    | undefined;
  return r ? (JSON.parse(r.lines_json) as TextLine[]) : [];
}

/**
 * Everything known about one page: native lines first, then OCR lines that do not repeat native
 * text already there (an OCR line lying mostly on a native line is the same text read twice).
 */
export function getPageContent(c: Db, itemId: number, pageIndex: number): PageContent {
  const page = listPages(c, itemId, { from: pageIndex, to: pageIndex })[0];
  if (!page) {
    const d = requireDocument(c, itemId);
    throw badInput(`item ${itemId} has no page ${pageIndex} (pages 0–${Math.max(0, d.pageCount - 1)}${d.status !== 'ok' ? `; document ${d.status}` : ''})`);
  }
  const native = getPageLines(c, itemId, pageIndex, 'native');
  const ocr = getPageLines(c, itemId, pageIndex, 'ocr').filter(
    (o) => !native.some((n) => {
      const overlap = intersectBoxes(n.box, o.box);
      return overlap !== null && boxArea(overlap) > 0.5 * Math.min(boxArea(o.box), boxArea(n.box));
    }),
  );
  return { index: page.index, width: page.width, height: page.height, lines: [...native, ...ocr], images: page.images, needsOcr: page.needsOcr };
}
