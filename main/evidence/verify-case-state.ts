import { createHash } from 'node:crypto';
import type { CaseDb } from '../case/case-db';
import type { CustodyEvent } from './custody-log';
import type { CheckLine } from './verify-case';

/**
 * The store's state held against the custody log that created it. Editing a row (an item's hashes, a
 * hit's status) or deleting one leaves the hash chain intact; only comparing state with the events
 * shows it. Each rule names the row and the event it should match.
 *
 * Rules (docs/evidence-package.md, "What verify holds against what"):
 * - evidence_item: an evidence.added event for its id with the same sha256, sha1, md5 and size; as many
 *   acquisitions as evidence.added + evidence.acquired-again events, each with the name bytes (names that
 *   are not UTF-8) its event records; no evidence.added for a missing item.
 * - leak_set: a leaks.imported event with its id and sha256, and as many leak_record rows as it says.
 * - document: the item's last document.extracted event says the same format, status and page count;
 *   pages read by OCR need the item's ocr.completed.
 * - hit: a hit exists only for an item with a detect.completed event; a status other than pending is
 *   the last review decision for it (hit.reviewed, or a hit.reviewed.bulk batch); a reviewed hit is never
 *   removed (detection only drops pending hits).
 * - export / package / timestamp_reply: the redact.exported / package.built / timestamp.imported event
 *   with the same hash, and no such event whose row is gone.
 */
export function checkStateAgainstLog(db: CaseDb, events: readonly CustodyEvent[]): CheckLine[] {
  const problems: string[] = [];
  const counts = { items: 0, leakSets: 0, documents: 0, hits: 0, reviewed: 0, exports: 0, packages: 0, replies: 0 };
  const byAction = (a: string) => events.filter((e) => e.action === a);
  const d = (e: CustodyEvent) => e.details as Record<string, unknown>;

  // Evidence items.
  const added = new Map<number, CustodyEvent>();
  for (const e of byAction('evidence.added')) if (e.itemId !== null) added.set(e.itemId, e);
  const again = new Map<number, number>();
  for (const e of byAction('evidence.acquired-again')) if (e.itemId !== null) again.set(e.itemId, (again.get(e.itemId) ?? 0) + 1);
  const items = db.prepare('SELECT id, sha256, sha1, md5, size FROM evidence_item ORDER BY id').all() as { id: number; sha256: string; sha1: string; md5: string; size: number }[];
  const itemIds = new Set(items.map((i) => i.id));
  for (const it of items) {
    counts.items++;
    const e = added.get(it.id);
    if (!e) { problems.push(`evidence item ${it.id} has no evidence.added event`); continue; }
    const differ = (['sha256', 'sha1', 'md5', 'size'] as const).filter((k) => d(e)[k] !== it[k]);
    if (differ.length) problems.push(`evidence item ${it.id}: ${differ.join(', ')} in the store differ from evidence.added (event ${e.seq}: sha256 ${String(d(e).sha256)})`);
    const acq = (db.prepare('SELECT COUNT(*) AS n FROM acquisition WHERE item_id = ?').get(it.id) as { n: number }).n;
    const expected = 1 + (again.get(it.id) ?? 0);
    if (acq !== expected) problems.push(`evidence item ${it.id}: ${acq} acquisitions in the store, the log records ${expected}`);
    else problems.push(...checkRawNames(db, it.id, [e, ...events.filter((x) => x.action === 'evidence.acquired-again' && x.itemId === it.id)]));
  }
  for (const [id, e] of added) if (!itemIds.has(id)) problems.push(`evidence item ${id} (added at event ${e.seq}) is not in the store`);

  // Leak lists.
  const imported = new Map<number, CustodyEvent>();
  for (const e of byAction('leaks.imported')) imported.set(Number(d(e).setId), e);
  const sets = db.prepare('SELECT id, sha256 FROM leak_set').all() as { id: number; sha256: string }[];
  for (const s of sets) {
    counts.leakSets++;
    const e = imported.get(s.id);
    if (!e) { problems.push(`leak list ${s.id} has no leaks.imported event`); continue; }
    if (d(e).sha256 !== s.sha256) problems.push(`leak list ${s.id}: sha256 ${s.sha256} differs from leaks.imported (event ${e.seq}: ${String(d(e).sha256)})`);
    const n = (db.prepare('SELECT COUNT(*) AS n FROM leak_record WHERE set_id = ?').get(s.id) as { n: number }).n;
    if (typeof d(e).records === 'number' && n !== d(e).records) problems.push(`leak list ${s.id}: ${n} records in the store, leaks.imported (event ${e.seq}) says ${String(d(e).records)}`);
  }

  // Documents (scan).
  const extracted = new Map<number, CustodyEvent>();
  for (const e of byAction('document.extracted')) if (e.itemId !== null) extracted.set(e.itemId, e);
  const docs = db.prepare('SELECT item_id, format, status, page_count FROM document').all() as { item_id: number; format: string; status: string; page_count: number }[];
  for (const doc of docs) {
    counts.documents++;
    const e = extracted.get(doc.item_id);
    if (!e) { problems.push(`document of item ${doc.item_id} has no document.extracted event`); continue; }
    const x = d(e);
    const differ = ([['format', doc.format], ['status', doc.status], ['pageCount', doc.page_count]] as const).filter(([k, v]) => k in x && x[k] !== v).map(([k]) => k);
    if (differ.length) problems.push(`document of item ${doc.item_id}: ${differ.join(', ')} differ from its last document.extracted (event ${e.seq})`);
  }

  // OCR: pages whose text came from OCR need the item's ocr.completed event.
  const ocred = new Set(byAction('ocr.completed').map((e) => e.itemId));
  const ocrItems = db.prepare("SELECT DISTINCT item_id FROM document_page WHERE text_source IN ('ocr', 'mixed')").all() as { item_id: number }[];
  for (const o of ocrItems) if (!ocred.has(o.item_id)) problems.push(`pages of item ${o.item_id} hold OCR text without an ocr.completed event for it`);

  // Hits and review decisions.
  const detected = new Set(byAction('detect.completed').map((e) => e.itemId));
  const hits = db.prepare('SELECT id, item_id, status FROM hit ORDER BY id').all() as { id: number; item_id: number; status: string }[];
  const hitById = new Map(hits.map((h) => [h.id, h]));
  const noDetect = new Set<number>();
  for (const h of hits) {
    counts.hits++;
    if (!detected.has(h.item_id) && !noDetect.has(h.item_id)) {
      noDetect.add(h.item_id);
      problems.push(`hits of item ${h.item_id} exist without a detect.completed event for it`);
    }
  }
  problems.push(...checkReviewDecisions(events, hitById, counts));

  // Exports, packages, timestamp replies: state and events both ways.
  const exportEvents = new Map<number, { seq: number; sha256: unknown }>();
  for (const e of byAction('redact.exported')) {
    const outs = Array.isArray(d(e).outputs) ? d(e).outputs as Array<Record<string, unknown>> : [];
    for (const o of outs) exportEvents.set(Number(o.exportId), { seq: e.seq, sha256: o.sha256 });
  }
  const exports = db.prepare('SELECT id, sha256 FROM export').all() as { id: number; sha256: string }[];
  for (const x of exports) {
    counts.exports++;
    const e = exportEvents.get(x.id);
    if (!e) problems.push(`export ${x.id} has no redact.exported event`);
    else if (e.sha256 !== x.sha256) problems.push(`export ${x.id}: sha256 in the store differs from redact.exported (event ${e.seq})`);
  }
  const exportIds = new Set(exports.map((x) => x.id));
  for (const [id, e] of exportEvents) if (!exportIds.has(id)) problems.push(`export ${id} (event ${e.seq}) is not in the store`);

  const built = byAction('package.built');
  const packages = db.prepare('SELECT id, tagmanifest_sha256, sha256 FROM package').all() as { id: number; tagmanifest_sha256: string; sha256: string | null }[];
  for (const p of packages) {
    counts.packages++;
    const e = built.find((b) => d(b).tagmanifestSha256 === p.tagmanifest_sha256);
    if (!e) problems.push(`package ${p.id} (tag manifest ${p.tagmanifest_sha256}) has no package.built event`);
    else if ((d(e).sha256 ?? null) !== p.sha256) problems.push(`package ${p.id}: bag.zip sha256 differs from package.built (event ${e.seq})`);
  }
  for (const e of built) if (!packages.some((p) => p.tagmanifest_sha256 === d(e).tagmanifestSha256)) problems.push(`package built at event ${e.seq} is not in the store`);

  const stamped = byAction('timestamp.imported');
  const replies = db.prepare('SELECT id, tsr_sha256 FROM timestamp_reply').all() as { id: number; tsr_sha256: string }[];
  for (const r of replies) {
    counts.replies++;
    if (!stamped.some((e) => d(e).tsrSha256 === r.tsr_sha256)) problems.push(`timestamp reply ${r.id} has no timestamp.imported event`);
  }
  for (const e of stamped) if (!replies.some((r) => r.tsr_sha256 === d(e).tsrSha256)) problems.push(`timestamp reply imported at event ${e.seq} is not in the store`);

  if (problems.length === 0) {
    return [{ ok: true, what: `store matches the custody log: ${counts.items} items, ${counts.leakSets} leak lists, ${counts.documents} documents, ${counts.hits} hits (${counts.reviewed} reviewed), ${counts.exports} exports, ${counts.packages} packages, ${counts.replies} timestamp replies` }];
  }
  // Each problem is its own line (all of them, capped) so one tampered row cannot hide another.
  const shown = problems.slice(0, 50).map((p) => ({ ok: false, what: `store does not match the custody log: ${p}` }));
  if (problems.length > 50) shown.push({ ok: false, what: `store does not match the custody log: ${problems.length - 50} more differences` });
  return shown;
}

/**
 * The bytes of names that are not UTF-8 (migration 010), acquisition by acquisition in log order: the
 * readable name alone cannot say which file it was, so an edited byte record is a changed fact.
 */
function checkRawNames(db: CaseDb, itemId: number, acquiredAt: readonly CustodyEvent[]): string[] {
  const hasColumns = (db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('acquisition') WHERE name = 'original_name_hex'").get() as { n: number }).n > 0;
  if (!hasColumns) return [];
  const rows = db.prepare('SELECT original_name_hex AS nameHex, original_path_hex AS pathHex FROM acquisition WHERE item_id = ? ORDER BY id').all(itemId) as { nameHex: string | null; pathHex: string | null }[];
  const problems: string[] = [];
  rows.forEach((r, i) => {
    const x = acquiredAt[i].details as { originalNameBytes?: { hex?: unknown }; originalPathHex?: unknown };
    if ((x.originalNameBytes?.hex ?? null) !== r.nameHex || (x.originalPathHex ?? null) !== r.pathHex) {
      problems.push(`evidence item ${itemId}: acquisition ${i + 1}'s name bytes in the store differ from its event ${acquiredAt[i].seq}`);
    }
  });
  return problems;
}

/** The custody action of one decision over many hits (written by services/hit-bulk.ts). */
export const BULK_REVIEW_ACTION = 'hit.reviewed.bulk';

/** SHA-256 (hex) of hit ids as a bulk review event states them: ascending, decimal, joined by ','. */
export function hitIdsSha256(ids: Iterable<number>): string {
  return createHash('sha256').update([...ids].sort((a, b) => a - b).join(',')).digest('hex');
}

/**
 * A hit's status must be the last decision the log records for it. Single decisions are `hit.reviewed`
 * {hitId, status}; a batch is one `hit.reviewed.bulk` {status, count, idsSha256[, ids]}. A batch that
 * lists its ids is applied as such; one that gives only the hash claims the hits that now hold its status
 * and were not decided again after it, and must account for exactly `count` of them (then the hash is
 * checked) or fewer (some were decided again later by another batch).
 */
function checkReviewDecisions(events: readonly CustodyEvent[], hits: Map<number, { id: number; status: string }>, counts: { reviewed: number }): string[] {
  const problems: string[] = [];
  const last = new Map<number, { seq: number; status: string }>();
  const hashOnly: Array<{ seq: number; status: string; count: number; sha: string }> = [];
  for (const e of events) {
    const x = e.details as Record<string, unknown>;
    if (e.action === 'hit.reviewed') {
      last.set(Number(x.hitId), { seq: e.seq, status: String(x.status) });
    } else if (e.action === BULK_REVIEW_ACTION) {
      const ids = Array.isArray(x.ids) ? (x.ids as unknown[]).map(Number) : null;
      if (ids) {
        if (typeof x.idsSha256 === 'string' && hitIdsSha256(ids) !== x.idsSha256) problems.push(`${BULK_REVIEW_ACTION} (event ${e.seq}): its ids do not hash to its idsSha256`);
        for (const id of ids) last.set(id, { seq: e.seq, status: String(x.status) });
      } else {
        hashOnly.push({ seq: e.seq, status: String(x.status), count: Number(x.count), sha: String(x.idsSha256) });
      }
    }
  }
  const explained = new Set<number>();
  // Latest batch first: a hit belongs to the last decision made about it.
  for (const b of [...hashOnly].reverse()) {
    const claimed: number[] = [];
    for (const h of hits.values()) {
      if (explained.has(h.id) || h.status !== b.status) continue;
      const l = last.get(h.id);
      if (l && l.seq > b.seq) continue;
      // A pending hit never reviewed is explained by nothing and needs nothing.
      if (b.status === 'pending' && !l) continue;
      claimed.push(h.id);
    }
    if (claimed.length > b.count) problems.push(`${BULK_REVIEW_ACTION} (event ${b.seq}) set ${b.count} hits to ${b.status}, but ${claimed.length} hits hold that status without a later decision`);
    else if (claimed.length === b.count && hitIdsSha256(claimed) !== b.sha) problems.push(`${BULK_REVIEW_ACTION} (event ${b.seq}): the hits now ${b.status} are not the ones it decided (hit-id hash differs)`);
    for (const id of claimed) explained.add(id);
  }
  for (const h of hits.values()) {
    if (explained.has(h.id)) { counts.reviewed++; continue; }
    const l = last.get(h.id);
    const expected = l?.status ?? 'pending';
    if (l) counts.reviewed++;
    if (h.status !== expected) problems.push(`hit ${h.id} is ${h.status} in the store, but ${l ? `its last review (event ${l.seq}) says ${l.status}` : 'no review decision is logged for it'}`);
  }
  for (const [id, l] of last) if (!hits.has(id) && l.status !== 'pending') problems.push(`hit ${id} (${l.status} at event ${l.seq}) is not in the store`);
  return problems;
}
