import type { CaseHandle } from '../../case/case-folder';
import { now } from '../../common/clock';
import { throwIfCancelled } from '../../common/errors';
import { getPageContent, listPages } from '../../documents/document-store';
import type { ProgressFn } from '../../../shared/model/progress';
import { loadLeakIndex, listLeakSets } from '../leaks/load-list';
import { detectPage, Matcher, type PageDetection } from '../match/detect-pages';
import { acrossPages } from '../match/page-breaks';

export interface DetectItemOptions {
  /** Matchers for the case's leak sets; loaded (list re-read and hash-checked) when not given. */
  matchers?: Matcher[];
  /** Where the list is now, when it moved since import (only with a single leak set). */
  listPath?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface DetectItemResult {
  itemId: number;
  pages: number;
  recordHits: number;
  piiHits: number;
  recordsPresent: number;
}

// One load of the leaked lists per open case: scan calls detectItem once per item.
const cache = new WeakMap<CaseHandle, Promise<Matcher[]>>();

export function caseMatchers(c: CaseHandle, listPath?: string): Promise<Matcher[]> {
  let m = cache.get(c);
  if (!m) {
    m = Promise.all(listLeakSets(c).map(async (s) => new Matcher(await loadLeakIndex(c, s, listPath))));
    cache.set(c, m);
    m.catch(() => cache.delete(c));
  }
  return m;
}

/**
 * Runs detection over every page of one item (text the document engine and OCR stored) and writes the
 * hits. Idempotent: a re-run updates the hits it finds again, keeps reviewers' statuses, and removes
 * pending hits it no longer finds.
 */
export async function detectItem(c: CaseHandle, itemId: number, opts: DetectItemOptions = {}): Promise<DetectItemResult> {
  const matchers = opts.matchers ?? await caseMatchers(c, opts.listPath);
  const pages = listPages(c, itemId);
  const results: PageDetection[][] = [];
  for (const [i, p] of pages.entries()) {
    throwIfCancelled(opts.signal);
    const content = getPageContent(c, itemId, p.index);
    results.push(matchers.length ? matchers.map((m) => detectPage(content, m)) : [detectPage(content, null)]);
    if (i % 20 === 0) opts.onProgress?.({ phase: 'match', done: i, total: pages.length, subject: `item ${itemId}` });
  }
  // Records cut by a page break: the part on the neighbouring page belongs to the record too.
  matchers.forEach((_, si) => acrossPages(results.map((perSet) => perSet[si])));
  const t = now().utc;
  const db = c.db;
  const upsert = db.prepare(`INSERT INTO hit (item_id, page_index, kind, set_id, record_key, field, recognizer, text, value,
      char_start, char_end, boxes_json, score, record_score, present, source, distance, status, created_at, updated_at)
    VALUES (@item, @page, @kind, @set, @key, @field, @recognizer, @text, @value, @a, @b, @boxes, @score, @recordScore, @present, @source, @distance, 'pending', @t, @t)
    ON CONFLICT (item_id, page_index, kind, set_id, record_key, field, char_start, char_end) DO UPDATE SET
      recognizer = excluded.recognizer, text = excluded.text, value = excluded.value, boxes_json = excluded.boxes_json,
      score = excluded.score, record_score = excluded.record_score, present = excluded.present, source = excluded.source,
      distance = excluded.distance, updated_at = excluded.updated_at
    RETURNING id`);
  let recordHits = 0, piiHits = 0;
  const present = new Set<string>();
  db.transaction(() => {
    const kept = new Set<number>();
    results.forEach((perSet) => perSet.forEach((d, si) => {
      const setId = matchers[si]?.index.setId ?? 0;
      for (const r of d.records) {
        if (r.present) present.add(`${setId}:${r.recordKey}`);
        for (const o of r.occurrences) {
          const row = upsert.get({ item: itemId, page: d.pageIndex, kind: 'record', set: setId, key: r.recordKey, field: o.field, recognizer: o.distance ? 'fuzzy' : 'exact',
            text: o.text, value: null, a: o.charStart, b: o.charEnd, boxes: JSON.stringify(o.boxes), score: o.distance ? Math.max(0.5, 1 - o.distance / 10) : 1,
            recordScore: r.score, present: r.present ? 1 : 0, source: o.source, distance: o.distance, t }) as { id: number };
          kept.add(row.id);
          recordHits++;
        }
      }
      if (si > 0) return; // recognizer findings are the same for every set
      for (const h of d.pii) {
        const row = upsert.get({ item: itemId, page: d.pageIndex, kind: 'pii', set: 0, key: '', field: h.type, recognizer: h.type, text: h.text, value: h.value,
          a: h.charStart, b: h.charEnd, boxes: JSON.stringify(h.boxes), score: h.score, recordScore: null, present: 0, source: h.source, distance: 0, t }) as { id: number };
        kept.add(row.id);
        piiHits++;
      }
    }));
    const stale = (db.prepare("SELECT id FROM hit WHERE item_id = ? AND status = 'pending'").all(itemId) as { id: number }[]).filter((r) => !kept.has(r.id));
    const del = db.prepare('DELETE FROM hit WHERE id = ?');
    for (const r of stale) del.run(r.id);
  })();
  opts.onProgress?.({ phase: 'match', done: pages.length, total: pages.length, subject: `item ${itemId}` });
  return { itemId, pages: pages.length, recordHits, piiHits, recordsPresent: present.size };
}
