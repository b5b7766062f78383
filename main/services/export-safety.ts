import type { ExportHits, ExportResult } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { badInput } from '../common/errors';

/**
 * What an export leaves readable. Blackening confirmed hits only leaves every pending hit on the
 * exported pages in clear; that is allowed only when the examiner says so (acceptPending), so an export
 * can never look "verified" while names stay visible without anyone having been told.
 */
export function leftVisible(c: Pick<CaseHandle, 'db'>, itemId: number, pages: number[] | undefined, choice: ExportHits): ExportResult['left'] {
  const inPages = pages?.length ? ' AND page_index IN (SELECT value FROM json_each(@pages))' : '';
  const params = { item: itemId, pages: JSON.stringify(pages ?? []) };
  const rows = c.db.prepare(`SELECT page_index, SUM(status = 'pending') AS pending, SUM(status = 'dismissed') AS dismissed
      FROM hit WHERE item_id = @item${inPages} GROUP BY page_index ORDER BY page_index`).all(params) as { page_index: number; pending: number; dismissed: number }[];
  const dismissed = rows.reduce((n, r) => n + r.dismissed, 0);
  if (choice === 'not-dismissed') return { pending: 0, dismissed, pendingPages: [] };
  const withPending = rows.filter((r) => r.pending > 0);
  return { pending: withPending.reduce((n, r) => n + r.pending, 0), dismissed, pendingPages: withPending.map((r) => r.page_index) };
}

/** Refuses an export of confirmed hits only that would leave pending hits visible, unless acknowledged. */
export function checkPendingAcknowledged(left: ExportResult['left'], acceptPending: boolean | undefined): void {
  if (left.pending === 0 || acceptPending) return;
  const first = left.pendingPages.slice(0, 5).map((p) => p + 1).join(', ');
  throw badInput(`${left.pending} pending hit(s) on ${left.pendingPages.length} exported page(s) (p. ${first}${left.pendingPages.length > 5 ? ', …' : ''}) would stay visible: `
    + 'review them, blacken every hit not dismissed, or acknowledge that they stay visible');
}
