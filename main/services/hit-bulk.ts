import { createHash } from 'node:crypto';
import type { BulkResult, HitSelector, HitStatus } from '../../shared/ipc/types';
import { HIT_STATUSES } from '../../shared/model/hit-status';
import type { CaseHandle } from '../case/case-folder';
import { badInput } from '../common/errors';
import { appendCustodyEvent } from '../evidence/custody-log';
import { whereOf } from './hit-query';

/** The custody action of one decision over many hits. */
export const BULK_REVIEW_ACTION = 'hit.reviewed.bulk';

/** SHA-256 (hex) of hit ids sorted ascending and joined by ',' — the bulk event's fingerprint of what it changed. */
export function idsSha256(ids: readonly number[]): string {
  return createHash('sha256').update([...ids].sort((a, b) => a - b).join(',')).digest('hex');
}

/**
 * One examiner decision over many hits (a record, a page, a kind, a field, a selection): every selected
 * hit not already in `status` is set, in one transaction, with ONE custody event
 *   hit.reviewed.bulk { status, count, idsSha256, from: {pending, confirmed, dismissed}, select, pages: [first, last] }
 * whose idsSha256 lets anyone check the event against the hits now in that status. A selection that
 * names nothing is refused rather than applied to the whole item.
 */
export function bulkSetStatus(c: CaseHandle, status: HitStatus, sel: HitSelector): BulkResult {
  if (!HIT_STATUSES.includes(status)) throw badInput(`hit status ${status}: expected ${HIT_STATUSES.join(', ')}`);
  const { itemId, ids, page, kind, recordKey, field, onlyStatus } = sel;
  if (ids === undefined && page === undefined && kind === undefined && recordKey === undefined && field === undefined) {
    throw badInput('a bulk decision needs hit ids, a page, a kind, a record or a field');
  }
  const { sql, params } = whereOf(c, { itemId, ids, page, kind, recordKey, field, status: onlyStatus ? [onlyStatus] : undefined });
  return c.db.transaction((): BulkResult => {
    const rows = c.db.prepare(`SELECT id, page_index, status FROM hit WHERE ${sql} AND status <> @to ORDER BY id`).all({ ...params, to: status }) as
      { id: number; page_index: number; status: HitStatus }[];
    if (ids?.length) {
      const known = (c.db.prepare(`SELECT COUNT(*) AS n FROM hit WHERE item_id = @item AND id IN (SELECT value FROM json_each(@ids))`).get({ item: itemId, ids: JSON.stringify(ids) }) as { n: number }).n;
      if (known !== new Set(ids).size) throw badInput(`${new Set(ids).size - known} of the ${new Set(ids).size} hit ids are not hits of item ${itemId}`);
    }
    if (rows.length === 0) return { status, count: 0, idsSha256: idsSha256([]), changed: [], eventSeq: null };
    c.db.prepare(`UPDATE hit SET status = @to WHERE id IN (SELECT value FROM json_each(@changed))`).run({ to: status, changed: JSON.stringify(rows.map((r) => r.id)) });
    const from = { pending: 0, confirmed: 0, dismissed: 0 };
    for (const r of rows) from[r.status]++;
    const first = rows.reduce((m, r) => Math.min(m, r.page_index), Infinity) + 1;
    const last = rows.reduce((m, r) => Math.max(m, r.page_index), -Infinity) + 1;
    const digest = idsSha256(rows.map((r) => r.id));
    const select = Object.fromEntries(Object.entries({ page: page !== undefined ? page + 1 : undefined, kind, recordKey, field, onlyStatus, ids: ids ? ids.length : undefined })
      .filter(([, v]) => v !== undefined));
    const ev = appendCustodyEvent(c.db, {
      action: BULK_REVIEW_ACTION,
      itemId,
      details: { status, count: rows.length, idsSha256: digest, from, select, pages: [first, last] },
    });
    return { status, count: rows.length, idsSha256: digest, changed: rows.map((r) => ({ id: r.id, from: r.status })), eventSeq: ev.seq };
  })();
}
