import type { CaseHandle } from '../../case/case-folder';
import type { Box } from '../../../shared/model/geometry';
import type { HitStatusValue as HitStatus } from './hit-status';

export interface RecordOccurrenceOut {
  id: number; item: number; /** 1 = the first page */ page: number; pageIndex: number; field: string; text: string; boxes: Box[]; source: string; distance: number; status: HitStatus;
}
export interface RecordOut { key: string; score: number; present: boolean; occurrences: RecordOccurrenceOut[] }
export interface PiiOut { id: number; item: number; page: number; pageIndex: number; type: string; text: string; boxes: Box[]; score: number; source: string; status: HitStatus }

export interface HitsReport {
  leakSet: { id: number; sha256: string; file: string; records: number } | null;
  leakSets: { id: number; sha256: string; file: string; records: number }[];
  records: RecordOut[];
  pii: PiiOut[];
  summary: { recordsPresent: number; recordsInList: number; pagesWithHits: number };
}

interface HitRow {
  id: number; item_id: number; page_index: number; kind: string; set_id: number; record_key: string; field: string; text: string;
  boxes_json: string; score: number; record_score: number | null; present: number; source: string; distance: number; status: HitStatus;
}

/**
 * The case's hits in the shape of `shoko hits --json`. A record is present when a hit that is not
 * dismissed says so; its score is the best page score. PII below `minPiiScore` is left out.
 */
export function hitsReport(c: CaseHandle, opts: { minPiiScore?: number } = {}): HitsReport {
  const sets = (c.db.prepare('SELECT id, sha256, file_name, row_count FROM leak_set ORDER BY id').all() as
    { id: number; sha256: string; file_name: string; row_count: number }[]).map((s) => ({ id: s.id, sha256: s.sha256, file: s.file_name, records: s.row_count }));
  const rows = c.db.prepare('SELECT * FROM hit ORDER BY item_id, page_index, char_start').all() as HitRow[];
  const records = new Map<string, RecordOut>();
  const pii: PiiOut[] = [];
  const pages = new Set<string>();
  for (const r of rows) {
    const boxes = JSON.parse(r.boxes_json) as Box[];
    if (r.kind === 'record') {
      const k = sets.length > 1 ? `${r.set_id}:${r.record_key}` : r.record_key;
      let rec = records.get(k);
      if (!rec) records.set(k, rec = { key: k, score: 0, present: false, occurrences: [] });
      rec.occurrences.push({ id: r.id, item: r.item_id, page: r.page_index + 1, pageIndex: r.page_index, field: r.field, text: r.text, boxes, source: r.source, distance: r.distance, status: r.status });
      if (r.status !== 'dismissed') {
        rec.score = Math.max(rec.score, r.record_score ?? 0);
        if (r.present) rec.present = true;
        pages.add(`${r.item_id}:${r.page_index}`);
      }
    } else if (r.score >= (opts.minPiiScore ?? 0)) {
      pii.push({ id: r.id, item: r.item_id, page: r.page_index + 1, pageIndex: r.page_index, type: r.field, text: r.text, boxes, score: r.score, source: r.source, status: r.status });
      if (r.status !== 'dismissed') pages.add(`${r.item_id}:${r.page_index}`);
    }
  }
  const recs = [...records.values()].sort((a, b) => Number(b.present) - Number(a.present) || b.score - a.score || a.key.localeCompare(b.key, 'ja', { numeric: true }));
  return {
    leakSet: sets.length ? sets[sets.length - 1] : null,
    leakSets: sets,
    records: recs,
    pii,
    summary: { recordsPresent: recs.filter((r) => r.present).length, recordsInList: sets.reduce((n, s) => n + s.records, 0), pagesWithHits: pages.size },
  };
}

/** The readable table: records present, then the pages with the most hits. */
export function formatHitsReport(r: HitsReport): string {
  const lines: string[] = [];
  lines.push(r.leakSet ? `leaked list: ${r.leakSet.file} (${r.summary.recordsInList} records, sha256 ${r.leakSet.sha256.slice(0, 16)}…)` : 'no leaked list imported (generic personal data only)');
  lines.push(`records present: ${r.summary.recordsPresent}   pages with hits: ${r.summary.pagesWithHits}   pii findings: ${r.pii.length}`);
  const present = r.records.filter((x) => x.present);
  if (present.length) {
    lines.push('', 'RECORD      SCORE  WHERE (item:page field)');
    for (const rec of present) {
      const where = [...new Set(rec.occurrences.filter((o) => o.status !== 'dismissed').map((o) => `${o.item}:${o.page} ${o.field}`))].slice(0, 6).join(', ');
      lines.push(`${rec.key.padEnd(10)}  ${rec.score.toFixed(2)}   ${where}`);
    }
  }
  const perPage = new Map<string, { records: Set<string>; pii: number }>();
  for (const rec of r.records) for (const o of rec.occurrences) {
    if (o.status === 'dismissed') continue;
    const k = `${o.item}:${o.page}`;
    const p = perPage.get(k) ?? { records: new Set(), pii: 0 };
    p.records.add(rec.key);
    perPage.set(k, p);
  }
  for (const h of r.pii) {
    if (h.status === 'dismissed') continue;
    const k = `${h.item}:${h.page}`;
    const p = perPage.get(k) ?? { records: new Set(), pii: 0 };
    p.pii++;
    perPage.set(k, p);
  }
  const top = [...perPage.entries()].sort((a, b) => (b[1].records.size + b[1].pii) - (a[1].records.size + a[1].pii)).slice(0, 20);
  if (top.length) {
    lines.push('', 'PAGE (item:page)  RECORDS  PII');
    for (const [k, v] of top) lines.push(`${k.padEnd(16)}  ${String(v.records.size).padStart(7)}  ${String(v.pii).padStart(3)}`);
  }
  return lines.join('\n');
}
