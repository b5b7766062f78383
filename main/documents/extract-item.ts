import fs from 'node:fs';
import type { CaseHandle } from '../case/case-folder';
import { getEvidenceItem } from '../case/evidence-items';
import { appendCustodyEvent } from '../evidence/custody-log';
import { DEFAULT_LAYOUT, type LayoutSpec } from '../../shared/model/page';
import type { ProgressFn } from '../../shared/model/progress';
import { saveExtraction, getDocument, readStatusOf, type ItemReadStatus } from './document-store';
import { extractDocument } from './extract-document';
import { formatForMediaType, unopenedReason } from './formats';
import { MUPDF_ENGINE } from './engine-version';
import type { DocumentSource, DocumentStatus, ExtractionLimits, ExtractionResult, ReadNote } from './types';
import type { DocumentWorkerPool } from './worker-pool';

export interface ExtractItemOptions {
  password?: string;
  layout?: LayoutSpec;
  /** Extract again even when the store already holds this item at this layout. */
  force?: boolean;
  limits?: Partial<ExtractionLimits>;
  pool?: DocumentWorkerPool;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface ExtractItemOutcome {
  itemId: number;
  status: DocumentStatus;
  format: string;
  pageCount: number;
  error?: string;
  /** Already in the store at this layout: nothing was done. */
  skipped: boolean;
  /** `partial` when the document opened but its text may be incomplete (coverage, reader notes). */
  readStatus: ItemReadStatus;
  /** Why it is partial (one line); absent when read whole. */
  partialReason?: string;
  /** Share of the source characters on the pages (reflowable books); null when not measured. */
  coverage: number | null;
  /** What the reader worked around or found (clashing ZIP names, a polyglot file, …): scan output says them. */
  readNotes: ReadNote[];
}

/** Where the engine reads an item from: its read-only evidence copy, opened by its stored media type. */
export function itemSource(c: CaseHandle, itemId: number): { source: DocumentSource | null; reason?: string } {
  const item = getEvidenceItem(c.db, itemId);
  const format = formatForMediaType(item.mediaType);
  if (item.size === 0) return { source: null, reason: 'empty file (0 bytes)' };
  if (!format) return { source: null, reason: unopenedReason(item.mediaType) ?? `not a document format Shoko opens (${item.mediaLabel}, ${item.mediaType})` };
  return { source: { path: c.evidencePath(item.sha256), format, mediaType: item.mediaType } };
}

/**
 * Extracts one evidence item into the store (document, pages, native text) and logs it in the
 * custody log. Idempotent: an item already extracted at the same layout is skipped unless `force`,
 * or unless a password is now supplied for a protected one.
 */
export async function extractItem(c: CaseHandle, itemId: number, opts: ExtractItemOptions = {}): Promise<ExtractItemOutcome> {
  const layout = opts.layout ?? DEFAULT_LAYOUT;
  const { source, reason } = itemSource(c, itemId);
  const existing = getDocument(c, itemId);
  if (existing && !opts.force) {
    const sameLayout = existing.layout === null || JSON.stringify(existing.layout) === JSON.stringify(layout);
    const retryWithPassword = existing.status === 'protected' && opts.password !== undefined && existing.format === 'pdf';
    // Reflowable items extracted before coverage existed are read again so that they are measured.
    const unmeasured = !existing.coverageChecked && existing.status === 'ok' && existing.layout !== null;
    if (sameLayout && existing.status !== 'failed' && !retryWithPassword && !unmeasured) {
      return {
        itemId, status: existing.status, format: existing.format, pageCount: existing.pageCount, error: existing.error ?? undefined, skipped: true,
        readStatus: readStatusOf(existing), partialReason: existing.partialReason ?? undefined, coverage: existing.coverage, readNotes: existing.readNotes,
      };
    }
  }
  let result: ExtractionResult;
  if (!source) {
    result = { status: 'failed', format: 'unsupported', error: reason, layout: null, pageCount: 0, metadata: null, pages: [] };
  } else {
    if (!fs.existsSync(source.path)) {
      result = { status: 'failed', format: source.format, error: `evidence file missing from the case: ${source.path}`, layout: null, pageCount: 0, metadata: null, pages: [] };
    } else {
      result = await extractDocument(source, {
        password: opts.password,
        layout,
        limits: opts.limits,
        pool: opts.pool,
        onProgress: opts.onProgress,
        signal: opts.signal,
        subject: `item ${itemId}`,
      });
    }
  }
  c.db.transaction(() => {
    saveExtraction(c.db, itemId, result, MUPDF_ENGINE);
    const saved = getDocument(c, itemId);
    appendCustodyEvent(c.db, {
      action: 'document.extracted',
      itemId,
      details: {
        format: result.format,
        status: result.status,
        pageCount: result.pageCount,
        layout: result.layout,
        error: result.error ?? null,
        engine: MUPDF_ENGINE,
        coverage: saved?.coverage ?? null,
        partialReason: saved?.partialReason ?? null,
        readNotes: result.readNotes ?? [],
      },
    });
  })();
  const saved = getDocument(c, itemId)!;
  return {
    itemId, status: result.status, format: result.format, pageCount: result.pageCount, error: result.error, skipped: false,
    readStatus: readStatusOf(saved), partialReason: saved.partialReason ?? undefined, coverage: saved.coverage, readNotes: saved.readNotes,
  };
}
