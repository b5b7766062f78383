import fs from 'node:fs';
import path from 'node:path';
import type { CaseHandle, CaseInfo } from '../../case/case-folder';
import type { CaseDb } from '../../case/case-db';
import { listEvidenceItems, type EvidenceItem } from '../../case/evidence-items';
import { formatLocal } from '../../common/clock';
import { listCustodyEvents, type CustodyEvent } from '../custody-log';
import { readHitsFromStore } from './case-hits';
import { getDocument, readStatusOf } from '../../documents/document-store';

/**
 * Everything a package says about a case, read once from the store: items, pages, leak-record and
 * personal-data hits (values masked: the package must not republish the data it reports), and the
 * redacted exports. A case that never ran a later pipeline step has empty tables for it (every
 * table exists once the store is opened: migrations run on open), so its part is simply empty.
 */
export interface CaseFindings {
  case: CaseInfo;
  items: ItemFindings[];
  leakSet: { sha256: string; records: number; fileName: string | null } | null;
  records: RecordFinding[];
  pii: PiiFinding[];
  exports: ExportFile[];
  custody: CustodyEvent[];
  summary: { items: number; recordsPresent: number; recordsInList: number; pagesWithHits: number; piiHits: number };
}

export interface ItemFindings {
  item: EvidenceItem;
  acquiredLocal: string[];
  document: {
    format: string; status: string; error: string | null; pageCount: number;
    /** Share of the source characters on the pages (reflowable books); null when not measured. */
    coverage: number | null;
    /** Why the item is `partial` (text may be missing); null when read whole. */
    partialReason: string | null;
    /** Where source text is on no page: document and character offset, no excerpt (it would republish it). */
    missing: { document: string; offset: number; length: number; missing: number }[];
    readNotes: { code: string; detail: string; partial: boolean }[];
  } | null;
  pages: Array<{ index: number; width: number; height: number; textSource: string; ocrConfidence: number | null }>;
}

export interface Occurrence {
  item: number;
  /** 1-based page number as people count pages. */
  page: number;
  field: string;
  valueMasked: string;
  boxes: number[][];
  source: string | null;
  score: number | null;
  status: string | null;
}

export interface RecordFinding {
  key: string;
  score: number | null;
  present: boolean;
  occurrences: Occurrence[];
}

export interface PiiFinding extends Occurrence {
  type: string;
}

export interface ExportFile {
  /** Absolute path of the file in the case. */
  file: string;
  name: string;
  sha256: string | null;
  itemId: number | null;
  pages: number[];
  format: string;
}

export function collectCaseFindings(c: CaseHandle): CaseFindings {
  const items = listEvidenceItems(c.db).map((item): ItemFindings => ({
    item,
    acquiredLocal: item.acquisitions.map((a) => formatLocal(a.acquiredAt, a.tzOffsetMin)),
    document: readDocument(c.db, item.id),
    pages: readPages(c.db, item.id),
  }));
  const { records, pii, leakSet, recordsInList } = readHitsFromStore(c.db);
  const exports = readExports(c);
  const pages = new Set<string>();
  for (const r of records) for (const o of r.occurrences) pages.add(`${o.item}:${o.page}`);
  for (const p of pii) pages.add(`${p.item}:${p.page}`);
  return {
    case: c.info,
    items,
    leakSet,
    records,
    pii,
    exports,
    custody: listCustodyEvents(c.db),
    summary: {
      items: items.length,
      recordsPresent: records.filter((r) => r.present).length,
      recordsInList,
      pagesWithHits: pages.size,
      piiHits: pii.length,
    },
  };
}

function readDocument(db: CaseDb, itemId: number): ItemFindings['document'] {
  const d = getDocument({ db }, itemId);
  if (!d) return null;
  return {
    format: d.format, status: readStatusOf(d), error: d.error, pageCount: d.pageCount,
    coverage: d.coverage, partialReason: d.partialReason,
    missing: (d.coverageDetail?.missing ?? []).map(({ document, offset, length, missing }) => ({ document, offset, length, missing })),
    readNotes: d.readNotes,
  };
}

function readPages(db: CaseDb, itemId: number): ItemFindings['pages'] {
  return (db.prepare('SELECT page_index, width, height, text_source, ocr_confidence FROM document_page WHERE item_id = ? ORDER BY page_index').all(itemId) as
    { page_index: number; width: number; height: number; text_source: string; ocr_confidence: number | null }[])
    .map((p) => ({ index: p.page_index, width: p.width, height: p.height, textSource: p.text_source, ocrConfidence: p.ocr_confidence }));
}

function readExports(c: CaseHandle): ExportFile[] {
  const rows = c.db.prepare('SELECT kind, item_id, path, sha256, pages_json FROM export ORDER BY id').all() as
    { kind: string; item_id: number; path: string; sha256: string; pages_json: string }[];
  const out: ExportFile[] = [];
  for (const r of rows) {
    const file = path.isAbsolute(r.path) ? r.path : path.join(c.dir, r.path);
    // An export whose file was moved away is not packaged; the custody log still records it.
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
    out.push({ file, name: path.basename(file), sha256: r.sha256, itemId: r.item_id, pages: parsePages(r.pages_json), format: r.kind });
  }
  return out;
}

function parsePages(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (typeof v === 'string') {
    try { const a = JSON.parse(v); if (Array.isArray(a)) return a.filter((x) => typeof x === 'number'); } catch { /* not JSON */ }
  }
  return [];
}
