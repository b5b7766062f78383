import type { CaseHandle } from '../case/case-folder';
import { listEvidenceItems } from '../case/evidence-items';
import { throwIfCancelled } from '../common/errors';
import type { LayoutSpec } from '../../shared/model/page';
import type { ProgressFn } from '../../shared/model/progress';
import { extractItem, type ExtractItemOutcome } from '../documents/extract-item';
import type { DocumentWorkerPool } from '../documents/worker-pool';
import { detectItem, type DetectItemResult } from '../detect/store/detect-item';
import { ocrItemPages, type OcrItemOutcome } from '../ocr/ocr-item-pages';
import { appendCustodyEvent } from '../evidence/custody-log';

export type OcrMode = 'auto' | 'always' | 'never';

export interface ScanOptions {
  ocr?: OcrMode;
  /** Tesseract languages, e.g. 'jpn+eng' (used by the OCR step). */
  lang?: string;
  /** Opens password-protected PDFs; never used to get around DRM. */
  password?: string;
  layout?: LayoutSpec;
  /** Only these items (default: every item of the case). */
  itemIds?: number[];
  force?: boolean;
  pool?: DocumentWorkerPool;
  /** Where the leak list is now, when it moved since import (single leak set). */
  leakListPath?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface ScanItemReport extends ExtractItemOutcome {
  name: string;
  ocr?: OcrItemOutcome;
  detect?: DetectItemResult;
}

export interface ScanReport {
  items: ScanItemReport[];
  ok: number;
  protected: number;
  failed: number;
}

/**
 * `shoko scan`: for each evidence item, one after another,
 *   extract (pages + native text, this module) → OCR (pages that need it) → detect (hits).
 * Each step is idempotent and writes its results per item in one transaction, so Ctrl-C
 * (the signal) between or inside items leaves no half-written item, and a re-run resumes.
 */
export async function scanCase(c: CaseHandle, opts: ScanOptions = {}): Promise<ScanReport> {
  const all = listEvidenceItems(c.db);
  const items = opts.itemIds ? all.filter((i) => opts.itemIds!.includes(i.id)) : all;
  const report: ScanReport = { items: [], ok: 0, protected: 0, failed: 0 };
  for (const [n, item] of items.entries()) {
    throwIfCancelled(opts.signal);
    const subject = `item ${n + 1}/${items.length} #${item.id} ${item.name}`;
    opts.onProgress?.({ phase: 'extract', done: 0, subject });

    // ── Step 1: extract (document engine) ───────────────────────────────────────────────
    const outcome = await extractItem(c, item.id, {
      password: opts.password,
      layout: opts.layout,
      force: opts.force,
      pool: opts.pool,
      signal: opts.signal,
      onProgress: (p) => opts.onProgress?.({ ...p, phase: 'extract', subject }),
    });
    const itemReport: ScanItemReport = { ...outcome, name: item.name };
    report.items.push(itemReport);
    report[outcome.status]++;
    if (outcome.status !== 'ok') continue;

    // ── Step 2: OCR (pages that need it; screenshots and image files always) ──────────────
    if ((opts.ocr ?? 'auto') !== 'never') {
      itemReport.ocr = await ocrItemPages(c, item.id, {
        mode: opts.ocr ?? 'auto', langs: opts.lang, signal: opts.signal,
        onProgress: (p) => opts.onProgress?.({ ...p, phase: 'ocr', subject: `${subject}${p.subject ? ` ${p.subject}` : ''}` }),
      });
    }

    // ── Step 3: detection (leak lists and generic recognizers) ─────────────────────────
    const detect = itemReport.detect = await detectItem(c, item.id, {
      listPath: opts.leakListPath, signal: opts.signal,
      onProgress: (p) => opts.onProgress?.({ ...p, phase: 'match', subject }),
    });
    // Matching is an examination step like the others: the log says what was looked for and found.
    appendCustodyEvent(c.db, { action: 'detect.completed', itemId: item.id, details: { ...detect } });
  }
  return report;
}
