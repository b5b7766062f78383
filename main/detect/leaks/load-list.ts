import fs from 'node:fs';
import type { CaseHandle } from '../../case/case-folder';
import { verificationFailed, notFound } from '../../common/errors';
import type { EncodingChoice } from './decode';
import type { ColumnMapping } from './header-map';
import { LeakIndexBuilder, TEXT_FIELDS, type LeakIndex } from '../match/leak-index';
import { openList, type BadRow } from './read-list';
import { normalizeRow } from './record-fields';
import type { Field } from '../normalize/fields';

export interface LeakSetRow {
  id: number; sha256: string; file_name: string; file_path: string; format: string; encoding: string | null;
  sheet: string | null; key_column: string | null; columns_json: string; mapping_json: string; row_count: number;
  bad_row_count: number; bad_rows_json: string; imported_at: string;
}

export function listLeakSets(c: CaseHandle): LeakSetRow[] {
  return c.db.prepare('SELECT * FROM leak_set ORDER BY id').all() as LeakSetRow[];
}

/**
 * Re-reads an imported list (the case never stores it) and builds the in-memory index. The file must be
 * byte-identical to the one imported: a changed or swapped file is refused, so hits always refer to the
 * list whose SHA-256 the case recorded. `listPath` overrides the stored path (the list was moved).
 */
export async function loadLeakIndex(c: CaseHandle, set: LeakSetRow, listPath?: string): Promise<LeakIndex> {
  const mapping = JSON.parse(set.mapping_json) as ColumnMapping;
  const mappedFields = TEXT_FIELDS.filter((f) => mapping[f] !== undefined).length;
  const b = new LeakIndexBuilder(set.id, set.sha256, set.row_count * mappedFields);
  await forEachListedRecord(set, listPath, (key, normalized) => b.addRecord(key, normalized));
  return b.build();
}

/**
 * Every record of an imported list, re-read from its file (refused if the file changed since import), with
 * its key and normalized fields, skipping the rows the import set aside. Matching and claims read it so.
 */
export async function forEachListedRecord(set: LeakSetRow, listPath: string | undefined,
  fn: (key: string, normalized: Partial<Record<Field, string>>) => void): Promise<void> {
  const file = listPath ?? set.file_path;
  if (!fs.existsSync(file)) throw notFound(`${file}: the leaked list imported into this case is not there any more; give its new place (--leaks <file>)`);
  // Read in chunks; the SHA-256 is checked before any row is read, and again by the row pass itself.
  const list = await openList(file, { encoding: (set.encoding ?? 'auto') as EncodingChoice, sheet: set.sheet ?? undefined,
    expectSha256: (sha) => {
      if (sha !== set.sha256) throw verificationFailed(`${file}: this list has changed since it was imported (SHA-256 ${sha.slice(0, 12)}…, case has ${set.sha256.slice(0, 12)}…); re-import it`);
    } });
  const mapping = JSON.parse(set.mapping_json) as ColumnMapping;
  const keyCol = set.key_column === null ? null : list.headers.indexOf(set.key_column);
  // The rows the import set aside (empty or repeated keys) are known by line: skip the same ones, without
  // a set of a million keys.
  const skipped = new Set((JSON.parse(set.bad_rows_json) as BadRow[]).map((r) => r.line));
  list.forEachRow((row) => {
    if (skipped.has(row.line)) return;
    const key = keyCol === null ? String(row.rowNumber) : row.cells[keyCol].trim();
    if (key) fn(key, normalizeRow(row.cells, mapping));
  });
}
