import type { CaseHandle } from '../../case/case-folder';
import type { Box } from '../../../shared/model/geometry';
import type { HitStatus } from '../../../shared/model/hit-status';
import { parseHitBoxes } from './hit-boxes';

export interface RecordOccurrenceOut {
  id: number; item: number; /** 1 = the first page */ page: number; pageIndex: number; field: string; text: string; boxes: Box[];
  /** This occurrence's match score (1 exact, less for fuzzy matches). */ score: number; source: string; distance: number; status: HitStatus;
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

/** One hit as the report shows it: a leak-record occurrence with its record (score and presence), or a PII finding. */
export type HitOut =
  | { kind: 'record'; record: Omit<RecordOut, 'occurrences'>; occurrence: RecordOccurrenceOut }
  | { kind: 'pii'; pii: PiiOut };

/** The store's handle is enough: the evidence package reads hits with only the database at hand. */
type CaseStore = Pick<CaseHandle, 'db'>;

interface HitRow {
  id: number; item_id: number; page_index: number; kind: string; set_id: number; record_key: string; field: string; text: string;
  boxes_json: string; score: number; record_score: number | null; present: number; source: string; distance: number; status: HitStatus;
}

interface LeakSetOut { id: number; sha256: string; file: string; records: number }

function leakSets(c: CaseStore): LeakSetOut[] {
  return (c.db.prepare('SELECT id, sha256, file_name, row_count FROM leak_set ORDER BY id').all() as
    { id: number; sha256: string; file_name: string; row_count: number }[]).map((s) => ({ id: s.id, sha256: s.sha256, file: s.file_name, records: s.row_count }));
}

/** With several leak sets the same key can name different people: the set id tells them apart. */
function recordKey(r: HitRow, setCount: number): string {
  return setCount > 1 ? `${r.set_id}:${r.record_key}` : r.record_key;
}

function occurrenceOf(r: HitRow): RecordOccurrenceOut {
  return { id: r.id, item: r.item_id, page: r.page_index + 1, pageIndex: r.page_index, field: r.field, text: r.text, boxes: parseHitBoxes(r.boxes_json),
    score: r.score, source: r.source, distance: r.distance, status: r.status };
}

function piiOf(r: HitRow): PiiOut {
  return { id: r.id, item: r.item_id, page: r.page_index + 1, pageIndex: r.page_index, type: r.field, text: r.text, boxes: parseHitBoxes(r.boxes_json),
    score: r.score, source: r.source, status: r.status };
}

/** Records present first, then by best score, then by key as people sort numbered keys (M2 before M10). */
function byPresenceScoreKey(a: Omit<RecordOut, 'occurrences'>, b: Omit<RecordOut, 'occurrences'>): number {
  return Number(b.present) - Number(a.present) || b.score - a.score || keyOrder.compare(a.key, b.key);
}
/** localeCompare(…, 'ja', { numeric: true }) once set up: a seed-scale list sorts 14,612 keys. */
const keyOrder = new Intl.Collator('ja', { numeric: true });

/**
 * The case's hits in the shape of `shoko hits --json`. A record is present when a hit that is not
 * dismissed says so; its score is the best record score of its hits that are not dismissed.
 * PII below `minPiiScore` is left out.
 */
export function hitsReport(c: CaseStore, opts: { minPiiScore?: number } = {}): HitsReport {
  const sets = leakSets(c);
  // The columns HitRow names, not *: a seed-scale book has 190,928 hits (timestamps and all would be twice the objects).
  const rows = c.db.prepare(`SELECT id, item_id, page_index, kind, set_id, record_key, field, text, boxes_json, score, record_score, present,
      source, distance, status FROM hit ORDER BY item_id, page_index, char_start`).all() as HitRow[];
  const records = new Map<string, RecordOut>();
  const pii: PiiOut[] = [];
  const pages = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'record') {
      const k = recordKey(r, sets.length);
      let rec = records.get(k);
      if (!rec) records.set(k, rec = { key: k, score: 0, present: false, occurrences: [] });
      rec.occurrences.push(occurrenceOf(r));
      if (r.status !== 'dismissed') {
        rec.score = Math.max(rec.score, r.record_score ?? 0);
        if (r.present) rec.present = true;
        pages.add(`${r.item_id}:${r.page_index}`);
      }
    } else if (r.score >= (opts.minPiiScore ?? 0)) {
      pii.push(piiOf(r));
      if (r.status !== 'dismissed') pages.add(`${r.item_id}:${r.page_index}`);
    }
  }
  const recs = [...records.values()].sort(byPresenceScoreKey);
  return {
    leakSet: sets.length ? sets[sets.length - 1] : null,
    leakSets: sets,
    records: recs,
    pii,
    summary: { recordsPresent: recs.filter((r) => r.present).length, recordsInList: sets.reduce((n, s) => n + s.records, 0), pagesWithHits: pages.size },
  };
}

/**
 * One hit as `hitsReport` shows it, read without building the whole report: a record occurrence
 * carries its record's score and presence under the same rules. Null when there is no such hit.
 */
export function getHit(c: CaseStore, hitId: number): HitOut | null {
  const r = c.db.prepare('SELECT * FROM hit WHERE id = ?').get(hitId) as HitRow | undefined;
  if (!r) return null;
  if (r.kind !== 'record') return { kind: 'pii', pii: piiOf(r) };
  const setCount = (c.db.prepare('SELECT COUNT(*) AS n FROM leak_set').get() as { n: number }).n;
  const agg = c.db.prepare(`SELECT MAX(record_score) AS score, MAX(present) AS present FROM hit
      WHERE kind = 'record' AND set_id = ? AND record_key = ? AND status <> 'dismissed'`).get(r.set_id, r.record_key) as
    { score: number | null; present: number | null };
  return {
    kind: 'record',
    record: { key: recordKey(r, setCount), score: Math.max(0, agg.score ?? 0), present: agg.present === 1 },
    occurrence: occurrenceOf(r),
  };
}

/** How many hits the case holds (of one item when given), whatever their status. */
export function countHits(c: CaseStore, filter: { itemId?: number } = {}): number {
  return (c.db.prepare('SELECT COUNT(*) AS n FROM hit WHERE (@item IS NULL OR item_id = @item)').get({ item: filter.itemId ?? null }) as { n: number }).n;
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
