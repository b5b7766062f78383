import fs from 'node:fs';
import path from 'node:path';
import { notFound } from '../common/errors';
import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type {
  ExportResult, ExportView, LeakSetView, PackageResult, PagesView, RedactionView, ScanSummary, TimestampResult,
} from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { now } from '../common/clock';
import { FIELDS } from '../detect/normalize/fields';
import { countHits } from '../detect/store/hits-report';
import { importLeakList } from '../detect/leaks/import-list';
import { listLeakSets } from '../detect/leaks/load-list';
import { openList } from '../detect/leaks/read-list';
import { unlocatedFields } from '../detect/store/unlocated-fields';
import { getDocument, listPages } from '../documents/document-store';
import { buildPackage } from '../evidence/bag/build-package';
import { verifyPackage } from '../evidence/bag/verify-package';
import { importTimestampReply } from '../evidence/timestamp/import-reply';
import { scanCase } from '../pipeline/scan';
import { exportRedacted } from '../redact/export-redacted';
import { listExports } from '../redact/export-store';
import { addManualRedaction, deleteRedaction, getRedaction, listRedactions, type StoredRedaction } from '../redact/redaction-store';
import type { Progress } from '../../shared/model/progress';
import { checkPendingAcknowledged, leftVisible } from './export-safety';
import { mapOption } from './leak-preview';

/**
 * The engine calls behind the review/redact/package screens, each a thin adapter from the IPC
 * contract's shapes to the engine module's own options and back.
 */
type Job = { signal: AbortSignal; onProgress: (p: Progress) => void };

export async function importLeaks(c: CaseHandle, r: ParsedRequestOf<'leaks.import'>): Promise<LeakSetView> {
  // Only the header row is needed to turn the wizard's header names into column numbers; the rows
  // are read once, by the importer.
  const { headers } = await openList(r.file, { encoding: r.encoding });
  const result = await importLeakList(c, r.file, {
    encoding: r.encoding,
    key: r.keyColumn ?? undefined,
    map: mapOption(headers, r.mapping, FIELDS),
  });
  const set = leakSets(c).find((s) => s.id === result.setId);
  if (!set) throw new Error(`imported list ${result.setId} is not in the store`);
  return set;
}

export function leakSets(c: CaseHandle): LeakSetView[] {
  return listLeakSets(c).map((s) => ({
    id: s.id, sha256: s.sha256, fileName: s.file_name, records: s.row_count,
    columns: JSON.parse(s.mapping_json) as Record<string, string>, importedAt: s.imported_at,
  }));
}

export async function runScan(c: CaseHandle, r: ParsedRequestOf<'scan.start'>, job: Job): Promise<ScanSummary> {
  const report = await scanCase(c, { ocr: r.ocr, onProgress: job.onProgress, signal: job.signal });
  const hits = countHits(c);
  return {
    items: report.items.map((i) => ({
      // `partial`: read, but text may be missing (the reason shown where an error would be).
      itemId: i.itemId, name: i.name, status: i.readStatus, pageCount: i.pageCount, error: i.error ?? i.partialReason,
      ocrPages: i.ocr?.pagesOcrd,
      hits: i.detect ? i.detect.recordHits + i.detect.piiHits : undefined,
    })),
    ok: report.ok, partial: report.partial, protected: report.protected, failed: report.failed, hits,
    notSure: unlocatedFields(c.db),
  };
}

export function pagesView(c: CaseHandle, itemId: number): PagesView {
  const doc = getDocument(c, itemId);
  if (!doc) return { itemId, pageCount: 0, status: 'not-scanned', pages: [] };
  if (doc.status !== 'ok') return { itemId, pageCount: 0, status: doc.status, error: doc.error ?? undefined, pages: [] };
  return {
    itemId, pageCount: doc.pageCount, status: 'ok',
    pages: listPages(c, itemId).map((p) => ({ index: p.index, width: p.width, height: p.height, textSource: p.textSource, needsOcr: p.needsOcr })),
  };
}

export function redactionView(r: StoredRedaction): RedactionView {
  return { id: r.id, itemId: r.itemId, page: r.pageIndex, box: r.box, reason: r.reason, hitId: r.hitId };
}

export function redactions(c: CaseHandle, itemId: number): RedactionView[] {
  return listRedactions(c, { itemId }).map(redactionView);
}

export function addRedaction(c: CaseHandle, r: ParsedRequestOf<'redactions.add'>): RedactionView {
  return redactionView(addManualRedaction(c, { itemId: r.itemId, pageIndex: r.page, box: r.box }));
}

/** Moving a box: the old one is deleted and a new one stored, so the custody log shows both. */
export function moveRedaction(c: CaseHandle, r: ParsedRequestOf<'redactions.update'>): RedactionView {
  const old = getRedaction(c, r.id);
  if (!old) throw notFound(`no redaction ${r.id} in this case`);
  return c.db.transaction(() => {
    deleteRedaction(c, r.id, r.step);
    return redactionView(addManualRedaction(c, { itemId: old.itemId, pageIndex: old.pageIndex, box: r.box, reason: old.reason, hitId: old.hitId, step: r.step }));
  })();
}

export async function runExport(c: CaseHandle, r: ParsedRequestOf<'export.start'>, job: Job): Promise<ExportResult> {
  const hitsChoice = r.hits ?? 'confirmed';
  const pages = r.format === 'screenshot' ? (r.crop ? [r.crop.page] : undefined) : (r.pages?.length ? r.pages : undefined);
  const left = leftVisible(c, r.itemId, pages, hitsChoice);
  checkPendingAcknowledged(left, r.acceptPending);
  const result = await exportRedacted(c, {
    format: r.format,
    itemId: r.itemId,
    pages: r.pages?.length ? r.pages.map((p) => p + 1).join(',') : undefined,
    status: hitsChoice === 'confirmed' ? 'confirmed' : 'all-hits',
    dpi: r.dpi,
    page: r.crop ? r.crop.page + 1 : undefined,
    crop: r.crop?.box,
    caption: r.caption,
    label: r.label,
  }, job);
  return {
    outputs: result.exports.map((e) => ({ path: e.path, sha256: e.sha256, name: path.basename(e.path), kind: e.kind })),
    outDir: result.outDir,
    regionCount: result.regionCount,
    hitsChoice,
    left,
    verification: {
      ok: result.verification.ok,
      failure: result.verification.failure,
      checks: result.verification.checks.map((x) => ({
        ok: x.ok, what: `${x.check}${x.page !== undefined ? ` (page ${x.page})` : ''}`, detail: x.skipped ? `skipped: ${x.skipped}` : x.kind,
        check: x.check, page: x.page,
      })),
    },
  };
}

export function exportsView(c: CaseHandle): ExportView[] {
  return listExports(c).map((e) => ({ id: e.id, kind: e.kind, path: e.path, sha256: e.sha256, createdAt: e.createdAt, verified: true }));
}

export async function runPackage(c: CaseHandle, r: ParsedRequestOf<'package.start'>, job: Job): Promise<PackageResult> {
  const stamp = now().utc.replace(/[:.]/g, '-');
  const out = path.join(c.exportsDir, `package-${stamp}${r.zip ? '.zip' : ''}`);
  const built = await buildPackage(c, {
    out, includeOriginals: r.includeOriginals, redactedOnly: r.redactedOnly,
    contactName: r.contactName, contactEmail: r.contactEmail, description: r.externalDescription,
    onProgress: job.onProgress, signal: job.signal,
  });
  const v = await verifyPackage(built.path, { signal: job.signal });
  return {
    bagPath: built.path,
    sha256: built.sha256 ?? built.tagmanifestSha256,
    sha256Of: built.sha256 ? 'zip' : 'tagmanifest',
    keyFingerprint: built.keyFingerprint,
    files: built.files,
    verify: { ok: v.ok, failure: v.failure, checks: v.checks },
  };
}

export async function checkPackage(bagPath: string): Promise<PackageResult['verify']> {
  const v = await verifyPackage(bagPath);
  return { ok: v.ok, failure: v.failure, checks: v.checks };
}

export async function importReply(c: CaseHandle, r: ParsedRequestOf<'timestamp.import'>): Promise<TimestampResult> {
  if (!fs.existsSync(r.bagPath)) throw new Error(`${r.bagPath}: no such bag`);
  const rep = await importTimestampReply(r.bagPath, r.replyFile, c);
  return { ok: rep.ok, genTime: rep.genTime ?? null, message: rep.ok ? `stored as ${rep.stored}` : (rep.reason ?? 'rejected') };
}
