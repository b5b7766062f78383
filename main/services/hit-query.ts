import type { HitPage, HitStatus, HitsSummary, HitView, StatusCounts } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { getEvidenceItem } from '../case/evidence-items';
import { badInput } from '../common/errors';
import { parseHitBoxes } from '../detect/store/hit-boxes';

/**
 * The Review screen's reads, done in SQL so a 1,400-page book with 60k hits is never sent or counted
 * in one piece: hits a page of results at a time with filters, and the counts behind badges and filters.
 */

type Store = Pick<CaseHandle, 'db'>;

export interface HitFilter {
  itemId: number;
  pageFrom?: number;
  pageTo?: number;
  page?: number;
  status?: HitStatus[];
  kind?: string;
  recordKey?: string;
  field?: string;
  ids?: number[];
}

interface Row {
  id: number; item_id: number; page_index: number; kind: string; set_id: number; record_key: string; field: string; text: string;
  boxes_json: string; score: number; record_score: number | null; source: string; status: HitStatus; char_start: number;
}

function leakSetCount(c: Store): number {
  return (c.db.prepare('SELECT COUNT(*) AS n FROM leak_set').get() as { n: number }).n;
}

/** With several lists the same key can name different people: the key shown carries the list's id. */
export function shownKey(setId: number, key: string, sets: number): string {
  return sets > 1 ? `${setId}:${key}` : key;
}

/** A WHERE clause and its parameters for a filter; the kind 'leak' means a listed record's field. */
export function whereOf(c: Store, f: HitFilter): { sql: string; params: Record<string, unknown> } {
  const parts = ['item_id = @item'];
  const params: Record<string, unknown> = { item: f.itemId };
  if (f.page !== undefined) { parts.push('page_index = @page'); params.page = f.page; }
  if (f.pageFrom !== undefined) { parts.push('page_index >= @pageFrom'); params.pageFrom = f.pageFrom; }
  if (f.pageTo !== undefined) { parts.push('page_index <= @pageTo'); params.pageTo = f.pageTo; }
  if (f.status?.length) {
    parts.push(`status IN (${f.status.map((_, i) => `@s${i}`).join(', ')})`);
    f.status.forEach((s, i) => { params[`s${i}`] = s; });
  }
  if (f.kind !== undefined) {
    if (f.kind === 'leak') parts.push("kind = 'record'");
    else { parts.push("kind = 'pii' AND field = @kind"); params.kind = f.kind; }
  }
  if (f.field !== undefined) { parts.push('field = @field'); params.field = f.field; }
  if (f.recordKey !== undefined) {
    const sets = leakSetCount(c);
    const m = sets > 1 ? /^(\d+):(.*)$/.exec(f.recordKey) : null;
    if (sets > 1 && !m) throw badInput(`record ${f.recordKey}: with ${sets} lists a record is named <list id>:<key>`);
    parts.push("kind = 'record' AND record_key = @key");
    params.key = m ? m[2] : f.recordKey;
    if (m) { parts.push('set_id = @set'); params.set = Number(m[1]); }
  }
  if (f.ids?.length) {
    // Ids travel as one JSON array: no limit on SQL variables, one prepared statement.
    parts.push('id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(f.ids);
  }
  return { sql: parts.join(' AND '), params };
}

function viewOf(r: Row, sets: number): HitView {
  const record = r.kind === 'record';
  return {
    id: r.id, itemId: r.item_id, page: r.page_index, kind: record ? 'leak' : r.field, field: r.field,
    recordKey: record ? shownKey(r.set_id, r.record_key, sets) : null, text: r.text, boxes: parseHitBoxes(r.boxes_json),
    score: record ? (r.record_score ?? r.score) : r.score, status: r.status, source: r.source === 'ocr' ? 'ocr' : 'native',
  };
}

/** Hits in page order (page, position on the page, id) from `cursor`; `limit` per call (default 500). */
export function listHits(c: Store, f: HitFilter & { cursor?: string; limit?: number }): HitPage {
  getEvidenceItem(c.db, f.itemId);
  const { sql, params } = whereOf(c, f);
  const total = (c.db.prepare(`SELECT COUNT(*) AS n FROM hit WHERE ${sql}`).get(params) as { n: number }).n;
  const limit = f.limit ?? 500;
  let after = '';
  if (f.cursor) {
    const [p, ch, id] = f.cursor.split(':').map(Number);
    after = ' AND (page_index, char_start, id) > (@cp, @cc, @ci)';
    Object.assign(params, { cp: p, cc: ch, ci: id });
  }
  const rows = c.db.prepare(`SELECT id, item_id, page_index, kind, set_id, record_key, field, text, boxes_json, score, record_score, source, status, char_start
      FROM hit WHERE ${sql}${after} ORDER BY page_index, char_start, id LIMIT @limit`).all({ ...params, limit: limit + 1 }) as Row[];
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown[shown.length - 1];
  const sets = leakSetCount(c);
  return {
    available: true,
    hits: shown.map((r) => viewOf(r, sets)),
    total,
    nextCursor: more && last ? `${last.page_index}:${last.char_start}:${last.id}` : null,
  };
}

const COUNTS = `SUM(status = 'pending') AS pending, SUM(status = 'confirmed') AS confirmed, SUM(status = 'dismissed') AS dismissed`;

function counts(r: { pending: number | null; confirmed: number | null; dismissed: number | null }): StatusCounts {
  return { pending: r.pending ?? 0, confirmed: r.confirmed ?? 0, dismissed: r.dismissed ?? 0 };
}

/**
 * Case-wide: listed records found (該当) and records in every list. Found as `shoko hits` says present:
 * a hit that is not dismissed says so (an e-mail or phone, or two fields close together).
 */
export function recordCounts(c: Store): { present: number; inList: number } {
  const present = (c.db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM hit WHERE kind = 'record' AND status <> 'dismissed'
      GROUP BY set_id, record_key HAVING MAX(present) = 1)`).get() as { n: number }).n;
  const inList = (c.db.prepare('SELECT COALESCE(SUM(row_count), 0) AS n FROM leak_set').get() as { n: number }).n;
  return { present, inList };
}

/**
 * Per-page, per-kind and per-field counts by status of one item's hits, and the record counts, in
 * three passes SQLite does without handing rows to JS: per page (in index order), per kind × field,
 * and per record. Totals are summed from the pages.
 */
export function hitsSummary(c: Store, itemId: number): HitsSummary {
  getEvidenceItem(c.db, itemId);
  const pages = (c.db.prepare(`SELECT page_index AS page, ${COUNTS} FROM hit WHERE item_id = ? GROUP BY page_index ORDER BY page_index`).all(itemId) as
    ({ page: number } & StatusCounts)[]).map((r) => ({ page: r.page, ...counts(r) }));
  const kf = (c.db.prepare(`SELECT CASE kind WHEN 'record' THEN 'leak' ELSE field END AS kind, field, ${COUNTS} FROM hit WHERE item_id = ? GROUP BY 1, 2`).all(itemId) as
    ({ kind: string; field: string } & StatusCounts)[]);
  const sum = <K extends string>(key: (r: (typeof kf)[number]) => K) => {
    const m = new Map<K, StatusCounts>();
    for (const r of kf) {
      const v = m.get(key(r)) ?? { pending: 0, confirmed: 0, dismissed: 0 };
      const x = counts(r);
      m.set(key(r), { pending: v.pending + x.pending, confirmed: v.confirmed + x.confirmed, dismissed: v.dismissed + x.dismissed });
    }
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  };
  const totals = pages.reduce((t, p) => ({ pending: t.pending + p.pending, confirmed: t.confirmed + p.confirmed, dismissed: t.dismissed + p.dismissed }), { pending: 0, confirmed: 0, dismissed: 0 });
  // Records with a hit (not dismissed) in this item, and found case-wide (as `shoko hits` says present), in one pass.
  const rec = c.db.prepare(`SELECT COALESCE(SUM(here), 0) AS here, COALESCE(SUM(found), 0) AS found FROM (
      SELECT MAX(item_id = @item) AS here, MAX(present) AS found FROM hit WHERE kind = 'record' AND status <> 'dismissed' GROUP BY set_id, record_key)`).get({ item: itemId }) as { here: number; found: number };
  const inList = (c.db.prepare('SELECT COALESCE(SUM(row_count), 0) AS n FROM leak_set').get() as { n: number }).n;
  return {
    itemId, totals, pages,
    kinds: sum((r) => r.kind).map(([kind, v]) => ({ kind, ...v })),
    fields: sum((r) => r.field).map(([field, v]) => ({ field, ...v })),
    recordsInItem: rec.here, recordsPresent: rec.found, recordsInList: inList,
  };
}
