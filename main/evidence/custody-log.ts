import { createHash } from 'node:crypto';
import os from 'node:os';
import type { CaseDb } from '../case/case-db';
import { canonicalJson } from '../common/canonical-json';
import { now } from '../common/clock';
import type { CustodyEvent } from '../../shared/model/custody';
import { anchorAfterAppend } from './custody-anchor';

/** The hash that stands before the first event of every case. */
const GENESIS_HASH = '0'.repeat(64);

export type { CustodyEvent };

export interface NewCustodyEvent {
  action: string;
  actor?: string;
  itemId?: number | null;
  details?: Record<string, unknown>;
}

interface Row {
  seq: number; at: string; actor: string; action: string; item_id: number | null;
  details: string; prev_hash: string; hash: string;
}

/** hash = SHA-256(prev_hash || canonical JSON of the event's own fields). */
export function eventHash(prevHash: string, e: Omit<CustodyEvent, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, itemId: e.itemId, details: e.details });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

function defaultActor(db: CaseDb): string {
  const row = db.prepare('SELECT examiner FROM case_info WHERE id = 1').get() as { examiner: string | null } | undefined;
  if (row?.examiner) return row.examiner;
  try { return os.userInfo().username; } catch { return 'unknown'; }
}

/**
 * Appends one event to the chain. Runs in its own (nested, if already inside one) transaction so
 * the read of the previous hash and the insert cannot interleave with another writer.
 */
export function appendCustodyEvent(db: CaseDb, event: NewCustodyEvent): CustodyEvent {
  const appended = db.transaction((): CustodyEvent => {
    const last = db.prepare('SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const e = {
      seq: (last?.seq ?? 0) + 1,
      at: now().utc,
      actor: event.actor ?? defaultActor(db),
      action: event.action,
      itemId: event.itemId ?? null,
      details: event.details ?? {},
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = eventHash(prevHash, e);
    db.prepare('INSERT INTO custody_event (seq, at, actor, action, item_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.seq, e.at, e.actor, e.action, e.itemId, canonicalJson(e.details), prevHash, hash);
    return { ...e, prevHash, hash };
  }).immediate();
  // The signed anchor outside the table (custody-anchor.ts), once the event is committed.
  anchorAfterAppend(db);
  return appended;
}

export function listCustodyEvents(db: CaseDb): CustodyEvent[] {
  const rows = db.prepare('SELECT * FROM custody_event ORDER BY seq').all() as Row[];
  return rows.map(fromRow);
}

function fromRow(r: Row): CustodyEvent {
  let details: Record<string, unknown>;
  try { details = JSON.parse(r.details); } catch { details = { unparseable: r.details }; }
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, itemId: r.item_id, details, prevHash: r.prev_hash, hash: r.hash };
}

export type ChainCheck =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Re-walks the chain from the genesis hash; names the first event whose link or hash does not hold. */
export function verifyCustodyChain(events: readonly CustodyEvent[]): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { ok: false, events: events.length, brokenAt: e.seq, reason: `event ${e.seq}: expected sequence number ${expectedSeq} (an event is missing)` };
    if (e.prevHash !== prev) return { ok: false, events: events.length, brokenAt: e.seq, reason: `event ${e.seq}: prev_hash does not match the hash of event ${e.seq - 1}` };
    const h = eventHash(prev, e);
    if (h !== e.hash) return { ok: false, events: events.length, brokenAt: e.seq, reason: `event ${e.seq} (${e.action}): content does not match its hash (altered)` };
    prev = e.hash;
    expectedSeq++;
  }
  return { ok: true, events: events.length, head: prev };
}
