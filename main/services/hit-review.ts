import type { HitStatus, HitView, HitsView } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { badInput } from '../common/errors';
import { getHit, hitsReport, type PiiOut, type RecordOccurrenceOut, type RecordOut } from '../detect/store/hits-report';
import { setHitStatus as storeHitStatus } from '../detect/store/hit-status';

function sourceOf(s: string): HitView['source'] {
  return s === 'ocr' ? 'ocr' : 'native';
}

/** A list-record occurrence as the viewer shows it (kind 'leak'; its score is the record's). */
function recordHitView(rec: Pick<RecordOut, 'key' | 'score'>, o: RecordOccurrenceOut): HitView {
  return { id: o.id, itemId: o.item, page: o.pageIndex, kind: 'leak', field: o.field, recordKey: rec.key, text: o.text,
    boxes: o.boxes, score: rec.score, status: o.status, source: sourceOf(o.source) };
}

function piiHitView(p: PiiOut): HitView {
  return { id: p.id, itemId: p.item, page: p.pageIndex, kind: p.type, field: p.type, recordKey: null, text: p.text,
    boxes: p.boxes, score: p.score, status: p.status, source: sourceOf(p.source) };
}

/** The case's hits flattened for the viewer: list records (kind 'leak') and generic personal data. */
export function hitsView(c: CaseHandle, itemId?: number): HitsView {
  const r = hitsReport(c);
  const hits: HitView[] = [];
  for (const rec of r.records) for (const o of rec.occurrences) hits.push(recordHitView(rec, o));
  for (const p of r.pii) hits.push(piiHitView(p));
  return {
    available: true,
    hits: itemId === undefined ? hits : hits.filter((h) => h.itemId === itemId),
    recordsPresent: r.summary.recordsPresent,
    recordsInList: r.summary.recordsInList,
  };
}

/** The examiner's decision on one hit (stored and logged by detection's store), as the viewer shows it. */
export function setHitStatus(c: CaseHandle, hitId: number, status: HitStatus): HitView {
  storeHitStatus(c, hitId, status);
  const hit = getHit(c, hitId);
  if (!hit) throw badInput(`hit ${hitId} is not shown in the hit list`);
  return hit.kind === 'record' ? recordHitView(hit.record, hit.occurrence) : piiHitView(hit.pii);
}
