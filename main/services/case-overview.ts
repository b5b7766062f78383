import type { CaseOverview } from '../../shared/ipc/types';
import type { CaseHandle } from '../case/case-folder';
import { listCustodyEvents, verifyCustodyChain } from '../evidence/custody-log';
import { recordCounts } from './hit-query';

/**
 * The case at a glance, counted in SQL: what was collected and read, what was found and decided,
 * what went out, whether the custody chain holds — and the one next step that makes sense.
 */
export function caseOverview(c: Pick<CaseHandle, 'db'>): CaseOverview {
  const one = <T>(sql: string) => c.db.prepare(sql).get() as T;
  const items = one<{ n: number }>('SELECT COUNT(*) AS n FROM evidence_item').n;
  const docs = one<{ ok: number | null; protected: number | null; failed: number | null; pages: number | null; n: number }>(
    `SELECT COUNT(*) AS n, SUM(status = 'ok') AS ok, SUM(status = 'protected') AS protected, SUM(status = 'failed') AS failed, SUM(page_count) AS pages FROM document`);
  const lists = one<{ sets: number; records: number | null }>('SELECT COUNT(*) AS sets, SUM(row_count) AS records FROM leak_set');
  const hits = one<{ total: number; pending: number | null; confirmed: number | null; dismissed: number | null }>(
    `SELECT COUNT(*) AS total, SUM(status = 'pending') AS pending, SUM(status = 'confirmed') AS confirmed, SUM(status = 'dismissed') AS dismissed FROM hit`);
  const rc = recordCounts(c);
  const redactions = one<{ n: number }>('SELECT COUNT(*) AS n FROM redaction').n;
  const exports = one<{ n: number }>('SELECT COUNT(*) AS n FROM export').n;
  const packages = one<{ n: number }>('SELECT COUNT(*) AS n FROM package').n;
  const events = listCustodyEvents(c.db);
  const chain = verifyCustodyChain(events);
  const scanned = docs.ok ?? 0;
  const overview: Omit<CaseOverview, 'next'> = {
    evidence: { items, scanned, protected: docs.protected ?? 0, failed: docs.failed ?? 0, notScanned: Math.max(0, items - docs.n), pages: docs.pages ?? 0 },
    lists: { sets: lists.sets, records: lists.records ?? 0 },
    hits: { total: hits.total, pending: hits.pending ?? 0, confirmed: hits.confirmed ?? 0, dismissed: hits.dismissed ?? 0 },
    records: { found: rc.present, total: rc.inList },
    redactions, exports, packages,
    custody: { events: events.length, ok: chain.ok },
  };
  return { ...overview, next: nextStep(overview) };
}

function nextStep(o: Omit<CaseOverview, 'next'>): CaseOverview['next'] {
  if (o.evidence.items === 0) return 'add-evidence';
  if (o.lists.sets === 0) return 'import-list';
  if (o.evidence.notScanned > 0 || o.evidence.scanned === 0) return 'scan';
  if (o.hits.pending > 0) return 'review';
  if (o.hits.confirmed > 0 && o.exports === 0) return 'export';
  if (o.packages === 0) return 'package';
  return 'done';
}
