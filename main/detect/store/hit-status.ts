import type { CaseHandle } from '../../case/case-folder';
import { badInput, notFound } from '../../common/errors';
import { appendCustodyEvent } from '../../evidence/custody-log';
import { HIT_STATUSES, type HitStatus } from '../../../shared/model/hit-status';

/**
 * The examiner's decision on one hit, stored and logged: the custody log shows who decided what,
 * and a re-run of detection keeps the decision.
 */
export function setHitStatus(c: CaseHandle, hitId: number, status: HitStatus): { itemId: number; pageIndex: number; changed: boolean } {
  if (!HIT_STATUSES.includes(status)) throw badInput(`hit status ${status}: expected ${HIT_STATUSES.join(', ')}`);
  const row = c.db.prepare('SELECT id, item_id, page_index, status FROM hit WHERE id = ?').get(hitId) as
    { id: number; item_id: number; page_index: number; status: string } | undefined;
  if (!row) throw notFound(`no hit ${hitId} in this case`);
  const changed = row.status !== status;
  if (changed) {
    c.db.transaction(() => {
      c.db.prepare('UPDATE hit SET status = ? WHERE id = ?').run(status, hitId);
      appendCustodyEvent(c.db, { action: 'hit.reviewed', itemId: row.item_id, details: { hitId, page: row.page_index + 1, from: row.status, status } });
    })();
  }
  return { itemId: row.item_id, pageIndex: row.page_index, changed };
}
