import type { CaseDb } from '../../case/case-db';
import { maskValue } from '../../report/mask';
import type { CaseFindings, Occurrence, RecordFinding } from './case-findings';

interface HitRow {
  item_id: number; page_index: number; kind: 'record' | 'pii'; set_id: number; record_key: string; field: string;
  recognizer: string; text: string; boxes_json: string; score: number; record_score: number | null; present: number;
  source: string; status: string;
}

/**
 * Leak-record and personal-data hits as the package reports them, read from the detection step's
 * store (migration 004). Dismissed hits are left out: the reviewer judged them not to be findings.
 * A case in which detection never ran has empty hit tables: nothing found, nothing reported.
 */
export function readHitsFromStore(db: CaseDb): Pick<CaseFindings, 'records' | 'pii' | 'leakSet'> {
  const set = db.prepare('SELECT id, sha256, row_count, file_name FROM leak_set ORDER BY id DESC LIMIT 1').get() as
    { id: number; sha256: string; row_count: number; file_name: string } | undefined;
  const rows = db.prepare(`SELECT item_id, page_index, kind, set_id, record_key, field, recognizer, text, boxes_json, score,
      record_score, present, source, status FROM hit WHERE status != 'dismissed' ORDER BY kind, set_id, record_key, item_id, page_index, char_start`).all() as HitRow[];
  const occurrence = (r: HitRow): Occurrence => ({
    item: r.item_id, page: r.page_index + 1, field: r.field, valueMasked: maskValue(r.field, r.text),
    boxes: parseBoxes(r.boxes_json), source: r.source, score: r.score, status: r.status,
  });
  const records = new Map<string, RecordFinding>();
  const pii: CaseFindings['pii'] = [];
  for (const r of rows) {
    if (r.kind === 'pii') {
      pii.push({ ...occurrence(r), type: r.field || r.recognizer });
      continue;
    }
    const id = `${r.set_id}\u0000${r.record_key}`;
    const rec = records.get(id) ?? { key: r.record_key, score: null, present: false, occurrences: [] };
    rec.present ||= r.present === 1;
    if (r.record_score !== null) rec.score = Math.max(rec.score ?? 0, r.record_score);
    rec.occurrences.push(occurrence(r));
    records.set(id, rec);
  }
  const sorted = [...records.values()].sort((a, b) => Number(b.present) - Number(a.present) || (b.score ?? 0) - (a.score ?? 0) || a.key.localeCompare(b.key));
  return {
    records: sorted,
    pii,
    leakSet: set ? { sha256: set.sha256, records: set.row_count, fileName: set.file_name } : null,
  };
}

function parseBoxes(json: string): number[][] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((b) => Array.isArray(b) && b.length === 4) : [];
  } catch {
    return [];
  }
}
