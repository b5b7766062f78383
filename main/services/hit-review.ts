import type { HitStatus, HitView, HitsView } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { badInput } from '../common/errors';
import { hitsReport } from '../detect/store/hits-report';
import { appendCustodyEvent } from '../evidence/custody-log';

/** The case's hits flattened for the viewer: list records (kind 'leak') and generic personal data. */
export function hitsView(c: CaseHandle, itemId?: number): HitsView {
  const r = hitsReport(c);
  const hits: HitView[] = [];
  for (const rec of r.records) {
    for (const o of rec.occurrences) {
      hits.push({ id: o.id, itemId: o.item, page: o.page, kind: 'leak', field: o.field, recordKey: rec.key, text: o.text,
        boxes: o.boxes, score: rec.score, status: o.status, source: o.source === 'ocr' ? 'ocr' : 'native' });
    }
  }
  for (const p of r.pii) {
    hits.push({ id: p.id, itemId: p.item, page: p.page, kind: p.type, field: p.type, recordKey: null, text: p.text,
      boxes: p.boxes, score: p.score, status: p.status, source: p.source === 'ocr' ? 'ocr' : 'native' });
  }
  return {
    available: true,
    hits: itemId === undefined ? hits : hits.filter((h) => h.itemId === itemId),
    recordsPresent: r.summary.recordsPresent,
    recordsInList: r.summary.recordsInList,
  };
}

/** The examiner's decision on one hit, stored and logged (the custody log shows who decided what). */
export function setHitStatus(c: CaseHandle, hitId: number, status: HitStatus): HitView {
  const row = c.db.prepare('SELECT id, item_id, page_index, status FROM hit WHERE id = ?').get(hitId) as
    { id: number; item_id: number; page_index: number; status: string } | undefined;
  if (!row) throw badInput(`no hit ${hitId} in this case`);
  if (row.status !== status) {
    c.db.transaction(() => {
      c.db.prepare('UPDATE hit SET status = ? WHERE id = ?').run(status, hitId);
      appendCustodyEvent(c.db, { action: 'hit.reviewed', itemId: row.item_id, details: { hitId, page: row.page_index, from: row.status, status } });
    })();
  }
  const view = hitsView(c, row.item_id).hits.find((h) => h.id === hitId);
  if (!view) throw badInput(`hit ${hitId} is not shown in the hit list`);
  return view;
}
