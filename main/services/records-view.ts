import fs from 'node:fs';
import path from 'node:path';
import type { FileWritten, RecordRow, RecordsView } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { now } from '../common/clock';
import { appendCustodyEvent } from '../evidence/custody-log';
import { sha256File } from '../evidence/hashing';
import { shownKey } from './hit-query';

/**
 * Every listed record across the case by key, with what the scan found of it: the table a lawyer asks
 * for. The list's values are not in the case (only keyed hashes), so nothing here can unmask them.
 */

interface Row {
  set_id: number; record_key: string; line: number; hits: number | null; pending: number | null; confirmed: number | null; dismissed: number | null;
  present: number | null; fields: string | null; first_item: number | null; first_page: number | null; page_count: number | null;
}

function statusOf(r: Row): RecordRow['status'] {
  if (!r.hits) return 'not-found';
  if (r.pending) return 'pending';
  if (r.confirmed) return 'confirmed';
  return 'dismissed';
}

export function recordsView(c: Pick<CaseHandle, 'db'>): RecordsView {
  const sets = (c.db.prepare('SELECT COUNT(*) AS n FROM leak_set').get() as { n: number }).n;
  // Hits grouped per record first (one pass over the hit table), then joined to the list's keys.
  const rows = c.db.prepare(`
    WITH h AS (
      SELECT set_id, record_key, COUNT(*) AS hits,
        SUM(status = 'pending') AS pending, SUM(status = 'confirmed') AS confirmed, SUM(status = 'dismissed') AS dismissed,
        MAX(CASE WHEN status <> 'dismissed' THEN present ELSE 0 END) AS present,
        GROUP_CONCAT(DISTINCT field) AS fields,
        MIN(item_id * 1000000 + page_index) AS first_at,
        COUNT(DISTINCT item_id * 1000000 + page_index) AS page_count
      FROM hit WHERE kind = 'record' GROUP BY set_id, record_key)
    SELECT r.set_id, r.record_key, r.line, h.hits, h.pending, h.confirmed, h.dismissed, h.present, h.fields,
      h.first_at / 1000000 AS first_item, h.first_at % 1000000 AS first_page, h.page_count
    FROM leak_record r LEFT JOIN h ON h.set_id = r.set_id AND h.record_key = r.record_key
    ORDER BY r.set_id, r.row_number`).all() as Row[];
  const records: RecordRow[] = rows.map((r) => ({
    key: shownKey(r.set_id, r.record_key, sets), setId: r.set_id, found: r.present === 1,
    hits: r.hits ?? 0, pending: r.pending ?? 0, confirmed: r.confirmed ?? 0, dismissed: r.dismissed ?? 0,
    fields: r.fields ? r.fields.split(',').sort() : [], firstItem: r.first_item, firstPage: r.first_page, pageCount: r.page_count ?? 0,
    status: statusOf(r),
  }));
  return { records, found: records.filter((r) => r.found).length, total: records.length };
}

/** The export's columns, in order (CSV and XLSX alike): English machine names a script can rely on. */
export const RECORD_COLUMNS = ['record_key', 'found', 'status', 'hits', 'pending', 'confirmed', 'dismissed', 'fields', 'first_item', 'first_page', 'pages'] as const;

/**
 * One record as the export's cells, in RECORD_COLUMNS order: only the key and what the scan found (the
 * list's values are not in the case), pages 1-based as people count them, null where there is nothing.
 */
export function recordCells(r: RecordRow): (string | number | null)[] {
  return [r.key, r.found ? 'yes' : 'no', r.status, r.hits, r.pending, r.confirmed, r.dismissed, r.fields.join(' '),
    r.firstItem, r.firstPage === null ? null : r.firstPage + 1, r.pageCount];
}

/** exports/records-<time>.<ext>, absolute and relative to the case folder. */
export function recordsExportPath(c: Pick<CaseHandle, 'dir' | 'exportsDir'>, ext: 'csv' | 'xlsx'): { abs: string; rel: string } {
  const abs = path.join(c.exportsDir, `records-${now().utc.replace(/[:.]/g, '-')}.${ext}`);
  return { abs, rel: path.relative(c.dir, abs).split(path.sep).join('/') };
}

/** Hashes a written records export and logs it (`records.exported`), as every export is. */
export function logRecordsExport(c: CaseHandle, abs: string, rel: string, v: RecordsView, format: 'csv' | 'xlsx'): FileWritten {
  const sha256 = sha256File(abs);
  // The CSV's event keeps its original fields; the XLSX says its format (the path says it too).
  appendCustodyEvent(c.db, { action: 'records.exported', details: { path: rel, sha256, rows: v.records.length, found: v.found, ...(format === 'csv' ? {} : { format }) } });
  return { path: rel, sha256, rows: v.records.length };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The records table as CSV (UTF-8 with BOM, so Excel in Japan opens it as UTF-8) under exports/, hashed
 * and logged. Header names are English machine names; pages are 1-based as people count them.
 */
export function writeRecordsCsv(c: CaseHandle): FileWritten {
  const v = recordsView(c);
  const lines = [RECORD_COLUMNS.join(',')];
  for (const r of v.records) lines.push(recordCells(r).map(csvCell).join(','));
  const { abs, rel } = recordsExportPath(c, 'csv');
  fs.writeFileSync(abs, '\uFEFF' + lines.join('\r\n') + '\r\n', { flag: 'wx' });
  return logRecordsExport(c, abs, rel, v, 'csv');
}
