import path from 'node:path';
import type { CaseHandle } from '../../case/case-folder';
import { now } from '../../common/clock';
import { badInput, throwIfCancelled } from '../../common/errors';
import type { ProgressFn } from '../../../shared/model/progress';
import { appendCustodyEvent } from '../../evidence/custody-log';
import { TEXT_FIELDS } from '../match/leak-index';
import type { EncodingChoice } from './decode';
import { applyMapOption, describeMapping, guessMapping, headerSummary, resolveColumn } from './header-map';
import { openList, type BadRow } from './read-list';
import { hashRow, normalizeRow } from './record-fields';
import { ListCommitter } from '../../claims/claim-store';
import { readSaltsFile } from '../../claims/salts-file';
import { loadOrCreateExaminerKey } from '../../evidence/signing/examiner-key';

export interface ImportOptions {
  key?: string;
  map?: string;
  encoding?: EncodingChoice;
  sheet?: string;
  /** Salts of an earlier `shoko leaks commit` of this list (its `.salts.jsonl`): the case then commits to the same root. */
  salts?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface ImportResult {
  setId: number;
  file: string;
  sha256: string;
  format: string;
  encoding: string | null;
  sheet: string | null;
  columns: string[];
  /** field → header of the column it was read from. */
  mapping: Record<string, string>;
  keyColumn: string | null;
  records: number;
  badRows: BadRow[];
  replaced: boolean;
}

export function caseHmacKey(c: CaseHandle): Buffer {
  const row = c.db.prepare('SELECT hmac_key FROM case_info WHERE id = 1').get() as { hmac_key: Buffer } | undefined;
  if (!row?.hmac_key) throw badInput(`${c.dir}: case has no HMAC key (damaged case)`);
  return row.hmac_key;
}

/**
 * Imports a leaked-record list into a case: stores the file's SHA-256, path, format, mapping and row
 * count, and per record its key and keyed hashes of each normalized field. Never the plaintext.
 * Re-importing the same file (same SHA-256) replaces its earlier import.
 */
export async function importLeakList(c: CaseHandle, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const abs = path.resolve(file);
  opts.onProgress?.({ phase: 'leaks', done: 0, subject: path.basename(abs), message: 'reading list' });
  // Streamed: the SHA-256 is of the bytes read, and the row pass below refuses the file if they change.
  const list = await openList(abs, { encoding: opts.encoding, sheet: opts.sheet });
  const sha256 = list.sha256;
  const mapping = applyMapOption(list.headers, guessMapping(list.headers), opts.map);
  if (!TEXT_FIELDS.some((f) => mapping[f] !== undefined)) {
    throw badInput(`${abs}: no column maps to a matchable field (columns: ${headerSummary(list.headers)}); give --map name=…,email=…`);
  }
  const keyCol = opts.key ? resolveColumn(list.headers, opts.key, '--key') : null;
  const hmacKey = caseHmacKey(c);
  const examinerKey = loadOrCreateExaminerKey();
  const knownSalts = opts.salts ? readSaltsFile(opts.salts) : undefined;
  const db = c.db;
  let replaced = false;
  let records = 0;
  const badRows: BadRow[] = [];
  const setId = db.transaction(() => {
    const old = db.prepare('SELECT id FROM leak_set WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
    if (old) {
      replaced = true;
      db.prepare('DELETE FROM leak_record WHERE set_id = ?').run(old.id);
      db.prepare("DELETE FROM hit WHERE set_id = ? AND status = 'pending'").run(old.id);
      db.prepare('DELETE FROM leak_set WHERE id = ?').run(old.id);
    }
    const info = db.prepare(`INSERT INTO leak_set (id, sha256, file_name, file_path, file_size, format, encoding, sheet, key_column,
      columns_json, mapping_json, row_count, bad_row_count, bad_rows_json, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '[]', ?)`)
      .run(old?.id ?? null, sha256, path.basename(abs), abs, list.size, list.format, list.encoding, list.sheet,
        keyCol === null ? null : list.headers[keyCol], JSON.stringify(list.headers), JSON.stringify(mapping), now().utc);
    const id = Number(info.lastInsertRowid);
    // A repeated key is caught by the table's primary key (no set of a million keys in memory).
    const ins = db.prepare('INSERT OR IGNORE INTO leak_record (set_id, record_key, row_number, line, field_hashes_json) VALUES (?, ?, ?, ?, ?)');
    const committer = new ListCommitter(db, id, Math.max(1024, Math.ceil(list.size / 100)), knownSalts);
    list.forEachRow((row) => {
      const key = keyCol === null ? String(row.rowNumber) : row.cells[keyCol].trim();
      if (!key) { badRows.push({ line: row.line, reason: 'empty record key' }); return; }
      const normalized = normalizeRow(row.cells, mapping);
      const hashes = JSON.stringify(hashRow(hmacKey, row.cells, list.headers, mapping, normalized, keyCol));
      if (ins.run(id, key, row.rowNumber, row.line, hashes).changes === 0) {
        badRows.push({ line: row.line, reason: `duplicate record key "${key}"` });
        return;
      }
      committer.add(key, normalized);
      records++;
      if (records % 50_000 === 0) {
        opts.onProgress?.({ phase: 'leaks', done: records, subject: path.basename(abs), message: 'hashing records' });
        throwIfCancelled(opts.signal);
      }
    });
    badRows.push(...list.badRows);
    badRows.sort((a, b) => a.line - b.line);
    db.prepare('UPDATE leak_set SET row_count = ?, bad_row_count = ?, bad_rows_json = ? WHERE id = ?').run(records, badRows.length, JSON.stringify(badRows), id);
    committer.finish({ sha256, name: path.basename(abs), keyColumn: keyCol === null ? null : list.headers[keyCol] }, examinerKey, now().utc);
    appendCustodyEvent(db, { action: 'leaks.imported', details: { setId: id, file: abs, sha256, size: list.size, format: list.format,
      encoding: list.encoding, records, badRows: badRows.length, mapping: describeMapping(list.headers, mapping) } });
    return id;
  })();
  opts.onProgress?.({ phase: 'leaks', done: records, total: records, subject: path.basename(abs) });
  return { setId, file: abs, sha256, format: list.format, encoding: list.encoding, sheet: list.sheet, columns: list.headers,
    mapping: describeMapping(list.headers, mapping), keyColumn: keyCol === null ? null : list.headers[keyCol], records, badRows, replaced };
}
