import type { CaseHandle } from '../case/case-folder';
import { listEvidenceItems } from '../case/evidence-items';
import { throwIfCancelled } from '../common/errors';
import type { LayoutSpec } from '../../shared/model/page';
import type { ProgressFn } from '../../shared/model/progress';
import { extractItem, type ExtractItemOutcome } from '../documents/extract-item';
import { getDocument, readStatusOf } from '../documents/document-store';
import type { DocumentWorkerPool } from '../documents/worker-pool';
import { detectItem, type DetectItemResult } from '../detect/store/detect-item';
import { noteOcrOff, ocrItemPages, type OcrItemOutcome } from '../ocr/ocr-item-pages';
import { appendCustodyEvent } from '../evidence/custody-log';
import { scanProgress } from './scan-progress';

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
  /** Read whole. */
  ok: number;
  /** Opened and scanned, but text may be missing (coverage below 0.995 or a reader note): see partialReason. */
  partial: number;
  protected: number;
  failed: number;
}

/**
 * The line a scan ends with when not every item was read whole ("2 of 5 items not read whole:
 * 1 failed, 1 partial"), or null when all were. Any such item makes `scan` and `triage` exit 1:
 * "no record found" is only an answer for what was read.
 */
export function notReadWholeLine(r: Pick<ScanReport, 'items' | 'partial' | 'protected' | 'failed'>): string | null {
  const n = r.partial + r.protected + r.failed;
  if (n === 0) return null;
  const parts = [[r.failed, 'failed'], [r.protected, 'protected'], [r.partial, 'partial']].filter(([k]) => k).map(([k, what]) => `${k} ${what}`);
  return `${n} of ${r.items.length} item${r.items.length === 1 ? '' : 's'} not read whole: ${parts.join(', ')}`;
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
  const report: ScanReport = { items: [], ok: 0, partial: 0, protected: 0, failed: 0 };
  // One overall fraction across items and phases (pages weighted by what each phase costs).
  const progress = scanProgress(items, opts.ocr ?? 'auto', opts.onProgress);
  for (const [n, item] of items.entries()) {
    throwIfCancelled(opts.signal);
    const subject = `item ${n + 1}/${items.length} #${item.id} ${item.name}`;
    const extractProgress = progress.phase(n, 'extract');
    extractProgress({ phase: 'extract', done: 0, subject });

    // ── Step 1: extract (document engine) ───────────────────────────────────────────────
    const outcome = await extractItem(c, item.id, {
      password: opts.password,
      layout: opts.layout,
      force: opts.force,
      pool: opts.pool,
      signal: opts.signal,
      onProgress: (p) => extractProgress({ ...p, phase: 'extract', subject }),
    });
    const itemReport: ScanItemReport = { ...outcome, name: item.name };
    report.items.push(itemReport);
    report[outcome.readStatus]++;
    // A partial item has pages: they are OCR'd and matched like any other (what was read is still evidence).
    if (outcome.status !== 'ok') { progress.finish(n); continue; }

    // ── Step 2: OCR (pages that need it; screenshots and image files always) ──────────────
    if ((opts.ocr ?? 'auto') === 'never') {
      // Pages that need OCR stay unread: said (partial), never a silent `ok`.
      noteOcrOff(c, item.id);
    } else {
      const ocrProgress = progress.phase(n, 'ocr');
      itemReport.ocr = await ocrItemPages(c, item.id, {
        mode: opts.ocr ?? 'auto', langs: opts.lang, signal: opts.signal,
        onProgress: (p) => ocrProgress({ ...p, phase: 'ocr', subject: `${subject}${p.subject ? ` ${p.subject}` : ''}` }),
      });
    }
    // Pages OCR could not (or was not let) read make the item partial; a re-run that read them makes it whole again.
    refreshReadStatus(c, report, itemReport);

    // ── Step 3: detection (leak lists and generic recognizers) ─────────────────────────
    const matchProgress = progress.phase(n, 'match');
    const detect = itemReport.detect = await detectItem(c, item.id, {
      listPath: opts.leakListPath, signal: opts.signal,
      onProgress: (p) => matchProgress({ ...p, phase: 'match', subject }),
    });
    progress.finish(n);
    // Matching is an examination step like the others: the log says what was looked for and found.
    appendCustodyEvent(c.db, { action: 'detect.completed', itemId: item.id, details: { ...detect } });
  }
  return report;
}

/** The item's read status after OCR's note (partial when pages were left unread), counted in the report. */
function refreshReadStatus(c: CaseHandle, report: ScanReport, itemReport: ScanItemReport): void {
  const after = getDocument(c, itemReport.itemId);
  if (!after || readStatusOf(after) === itemReport.readStatus) return;
  report[itemReport.readStatus]--;
  itemReport.readStatus = readStatusOf(after);
  itemReport.partialReason = after.partialReason ?? undefined;
  report[itemReport.readStatus]++;
}
