import type { HitStatus, HitView, HitsView } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { badInput } from '../common/errors';
import { hitsReport } from '../detect/store/hits-report';
import { setHitStatus as storeHitStatus } from '../detect/store/hit-status';

/** The case's hits flattened for the viewer: list records (kind 'leak') and generic personal data. */
export function hitsView(c: CaseHandle, itemId?: number): HitsView {
  const r = hitsReport(c);
  const hits: HitView[] = [];
  for (const rec of r.records) {
    for (const o of rec.occurrences) {
      hits.push({ id: o.id, itemId: o.item, page: o.pageIndex, kind: 'leak', field: o.field, recordKey: rec.key, text: o.text,
        boxes: o.boxes, score: rec.score, status: o.status, source: o.source === 'ocr' ? 'ocr' : 'native' });
    }
  }
  for (const p of r.pii) {
    hits.push({ id: p.id, itemId: p.item, page: p.pageIndex, kind: p.type, field: p.type, recordKey: null, text: p.text,
      boxes: p.boxes, score: p.score, status: p.status, source: p.source === 'ocr' ? 'ocr' : 'native' });
  }
  return {
    available: true,
    hits: itemId === undefined ? hits : hits.filter((h) => h.itemId === itemId),
    recordsPresent: r.summary.recordsPresent,
    recordsInList: r.summary.recordsInList,
  };
}

/** The examiner's decision on one hit (stored and logged by detection's store), as the viewer shows it. */
export function setHitStatus(c: CaseHandle, hitId: number, status: HitStatus): HitView {
  const { itemId } = storeHitStatus(c, hitId, status);
  const view = hitsView(c, itemId).hits.find((h) => h.id === hitId);
  if (!view) throw badInput(`hit ${hitId} is not shown in the hit list`);
  return view;
}
