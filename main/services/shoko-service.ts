import type { ParsedRequestOf } from '../../shared/ipc/contract';
import type {
  AddedEvidence, AppInfo, BulkResult, Capabilities, CaseOverview, CaseSummary, ClaimsExportView, CustodyView, EvidenceRow, ExportView, FileWritten,
  HitPage, HitsSummary, HitView, JobStarted, LeakPreview, LeakSetView, MetadataView, PackageResult, PagesView, RecentCase,
  RecordsView, RedactionView, TimestampResult,
} from '../../shared/ipc/types';
import { initCase, openCase, type CaseHandle } from '../case/case-folder';
import { getEvidenceItem, listEvidenceItems } from '../case/evidence-items';
import { APP_VERSION } from '../common/app-version';
import { badInput } from '../common/errors';
import { listCustodyEvents, verifyCustodyChain } from '../evidence/custody-log';
import { addEvidence } from '../evidence/intake';
import { getDocument } from '../documents/document-store';
import { renderPage } from '../documents/render-page';
import { documentPool } from '../documents/worker-pool';
import { deleteRedaction, restoreRedaction } from '../redact/redaction-store';
import * as m from './engine-methods';
import { toEvidenceRow } from './evidence-view';
import { caseOverview } from './case-overview';
import { bulkSetStatus } from './hit-bulk';
import { hitsSummary, listHits } from './hit-query';
import { setHitStatus } from './hit-review';
import { recordsView, writeRecordsCsv } from './records-view';
import { writeRecordsXlsx } from './records-xlsx';
import { previewLeakList } from './leak-preview';
import { metadataView } from './metadata-view';
import { JobRunner, type Emit } from './job-runner';
import { RecentCases } from './recent-cases';
import { addScreenshotFolder } from '../evidence/screenshot-set';
import { exportClaims } from '../claims/export-claims';
import { now } from '../common/clock';
import path from 'node:path';

export interface ServiceOptions {
  /** The app's own state folder (recent cases); Electron's userData, a temp folder in tests. */
  stateDir: string;
  emit: Emit;
}

/** Engine pieces this build wires in. A piece that is false makes its screen say "not available". */
export const CAPABILITIES: Capabilities = {
  documents: true, ocr: true, leaks: true, scan: true, hits: true, redactions: true, export: true, package: true, timestamp: true,
};

/**
 * The engine facade: one method per API method, each a thin call into the engine modules. The
 * Electron IPC handlers and the e2e loopback bridge both drive this same object.
 */
export class ShokoService {
  protected current: CaseHandle | null = null;
  protected readonly jobs: JobRunner;
  private readonly recentCases: RecentCases;

  constructor(protected readonly opts: ServiceOptions) {
    this.jobs = new JobRunner(opts.emit);
    this.recentCases = new RecentCases(opts.stateDir);
  }

  protected get emit(): Emit {
    return this.opts.emit;
  }

  /** The open case, or a clear error when none is. */
  protected get case(): CaseHandle {
    if (!this.current) throw badInput('no case is open; create or open a case first');
    return this.current;
  }

  get caseDir(): string | null {
    return this.current?.dir ?? null;
  }

  appInfo(): AppInfo {
    return {
      version: APP_VERSION,
      platform: process.platform,
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      capabilities: { ...CAPABILITIES },
    };
  }

  recent(): RecentCase[] {
    return this.recentCases.list();
  }

  createCase(r: ParsedRequestOf<'case.create'>): CaseSummary {
    const handle = initCase(r.dir, { name: r.name, caseNumber: emptyToUndef(r.caseNumber), examiner: emptyToUndef(r.examiner), organization: emptyToUndef(r.organization) });
    return this.adopt(handle);
  }

  openCase(r: ParsedRequestOf<'case.open'>): CaseSummary {
    return this.adopt(openCase(r.dir));
  }

  closeCase(): null {
    this.jobs.cancelAll();
    this.current?.close();
    this.current = null;
    this.emit({ type: 'case-changed', what: 'case' });
    return null;
  }

  currentCase(): CaseSummary | null {
    return this.current ? summary(this.current) : null;
  }

  listEvidence(): EvidenceRow[] {
    return listEvidenceItems(this.case.db).map((i) => toEvidenceRow(i, getDocument(this.case, i.id)));
  }

  async addEvidence(r: ParsedRequestOf<'evidence.add'>): Promise<AddedEvidence[]> {
    const results = await addEvidence(this.case, r.files, { source: emptyToUndef(r.source), note: emptyToUndef(r.note), collector: emptyToUndef(r.collector) });
    this.emit({ type: 'case-changed', what: 'evidence' });
    return results.map((x) => ({ id: x.id, name: x.originalName, sha256: x.sha256, added: x.added, protection: x.protection }));
  }

  async addScreenshots(r: ParsedRequestOf<'evidence.addScreenshots'>): Promise<AddedEvidence[]> {
    const x = await addScreenshotFolder(this.case, r.folder, { source: emptyToUndef(r.source), note: emptyToUndef(r.note), collector: emptyToUndef(r.collector) });
    this.emit({ type: 'case-changed', what: 'evidence' });
    return [{ id: x.id, name: x.originalName, sha256: x.sha256, added: x.added, protection: x.protection }];
  }

  /** What the document says about itself (filled in by the scan's extraction step). */
  evidenceMetadata(r: ParsedRequestOf<'evidence.metadata'>): MetadataView {
    const item = getEvidenceItem(this.case.db, r.itemId);
    return metadataView(item.id, getDocument(this.case, item.id));
  }

  previewLeaks(r: ParsedRequestOf<'leaks.preview'>): Promise<LeakPreview> {
    void this.case; // a case must be open: the wizard imports into it
    return previewLeakList(r.file, r.encoding ?? 'auto');
  }

  async importLeaks(r: ParsedRequestOf<'leaks.import'>): Promise<LeakSetView> {
    const set = await m.importLeaks(this.case, r);
    this.emit({ type: 'case-changed', what: 'leaks' });
    return set;
  }

  leakSets(): LeakSetView[] {
    return m.leakSets(this.case);
  }

  startScan(r: ParsedRequestOf<'scan.start'>): JobStarted {
    const c = this.case;
    return { jobId: this.jobs.start('scan', async (job) => {
      const summary = await m.runScan(c, r, job);
      this.emit({ type: 'case-changed', what: 'hits' });
      return summary;
    }) };
  }

  pages(r: ParsedRequestOf<'pages.list'>): PagesView {
    getEvidenceItem(this.case.db, r.itemId);
    return m.pagesView(this.case, r.itemId);
  }

  hits(r: ParsedRequestOf<'hits.list'>): HitPage {
    return listHits(this.case, r);
  }

  hitsSummary(r: ParsedRequestOf<'hits.summary'>): HitsSummary {
    return hitsSummary(this.case, r.itemId);
  }

  setHitStatus(r: ParsedRequestOf<'hits.setStatus'>): HitView {
    const v = setHitStatus(this.case, r.hitId, r.status);
    this.emit({ type: 'case-changed', what: 'custody' });
    return v;
  }

  bulkSetStatus(r: ParsedRequestOf<'hits.bulkSetStatus'>): BulkResult {
    const v = bulkSetStatus(this.case, r.status, r.select);
    if (v.count) this.emit({ type: 'case-changed', what: 'custody' });
    return v;
  }

  records(): RecordsView {
    return recordsView(this.case);
  }

  recordsCsv(): FileWritten {
    const v = writeRecordsCsv(this.case);
    this.emit({ type: 'case-changed', what: 'custody' });
    return v;
  }

  async recordsXlsx(): Promise<FileWritten> {
    const v = await writeRecordsXlsx(this.case);
    this.emit({ type: 'case-changed', what: 'custody' });
    return v;
  }

  overview(): CaseOverview {
    return caseOverview(this.case);
  }

  redactions(r: ParsedRequestOf<'redactions.list'>): RedactionView[] {
    return m.redactions(this.case, r.itemId);
  }

  addRedaction(r: ParsedRequestOf<'redactions.add'>): RedactionView {
    return m.addRedaction(this.case, r);
  }

  moveRedaction(r: ParsedRequestOf<'redactions.update'>): RedactionView {
    return m.moveRedaction(this.case, r);
  }

  deleteRedaction(r: ParsedRequestOf<'redactions.delete'>): null {
    deleteRedaction(this.case, r.id, r.step);
    return null;
  }

  restoreRedaction(r: ParsedRequestOf<'redactions.restore'>): RedactionView {
    return m.redactionView(restoreRedaction(this.case, r.id, r.step));
  }

  startExport(r: ParsedRequestOf<'export.start'>): JobStarted {
    const c = this.case;
    return { jobId: this.jobs.start('export', async (job) => {
      const result = await m.runExport(c, r, job);
      this.emit({ type: 'case-changed', what: 'exports' });
      return result;
    }) };
  }

  exportsList(): ExportView[] {
    return m.exportsView(this.case);
  }

  startPackage(r: ParsedRequestOf<'package.start'>): JobStarted {
    const c = this.case;
    return { jobId: this.jobs.start('package', (job) => m.runPackage(c, r, job)) };
  }

  async claimsBundle(): Promise<ClaimsExportView> {
    const c = this.case;
    const out = path.join(c.exportsDir, `claims-${now().utc.replace(/[:.]/g, '-')}.zip`);
    const r = await exportClaims(c, out);
    this.emit({ type: 'case-changed', what: 'custody' });
    return { path: path.relative(c.dir, r.file), sha256: r.sha256, size: r.size, records: r.lists.reduce((n, l) => n + l.records, 0),
      claims: r.lists.reduce((n, l) => n + l.claims, 0), skipped: r.skipped.map((s) => `${s.list}: ${s.reason}`) };
  }

  verifyPackage(r: ParsedRequestOf<'package.verify'>): Promise<PackageResult['verify']> {
    return m.checkPackage(r.bagPath);
  }

  importTimestamp(r: ParsedRequestOf<'timestamp.import'>): Promise<TimestampResult> {
    return m.importReply(this.case, r);
  }

  /** One page of the log (default the last 200 events); the chain is checked over all of it. */
  custody(r: ParsedRequestOf<'custody.list'> = {}): CustodyView {
    const events = listCustodyEvents(this.case.db);
    const limit = r.limit ?? 200;
    const offset = Math.min(r.offset ?? Math.max(0, events.length - limit), events.length);
    return {
      events: events.slice(offset, offset + limit).map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, itemId: e.itemId, details: e.details, hash: e.hash })),
      offset,
      total: events.length,
      chain: verifyCustodyChain(events),
    };
  }

  /** A page rendered to PNG for the viewer (cached in the case by the document engine). */
  async renderPagePng(itemId: number, page: number, dpi: number): Promise<Uint8Array> {
    const r = await renderPage(this.case, itemId, page, { dpi, format: 'png' });
    return r.data;
  }

  cancelJob(jobId: string): null {
    this.jobs.cancel(jobId);
    return null;
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    this.current?.close();
    this.current = null;
    await documentPool().close();
  }

  private adopt(handle: CaseHandle): CaseSummary {
    this.jobs.cancelAll();
    this.current?.close();
    this.current = handle;
    this.recentCases.remember(handle.dir, handle.info.name);
    this.emit({ type: 'case-changed', what: 'case' });
    return summary(handle);
  }
}

function summary(c: CaseHandle): CaseSummary {
  return {
    dir: c.dir, name: c.info.name, caseNumber: c.info.caseNumber, examiner: c.info.examiner,
    organization: c.info.organization, createdAt: c.info.createdAt, caseUuid: c.info.caseUuid,
  };
}

function emptyToUndef(s: string | undefined): string | undefined {
  return s && s.trim() ? s.trim() : undefined;
}
