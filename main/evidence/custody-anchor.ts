import { createPublicKey, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CaseDb } from '../case/case-db';
import { canonicalJson } from '../common/canonical-json';
import { now } from '../common/clock';
import { keyFingerprint, loadOrCreateExaminerKey, signBytes, verifySignature, type ExaminerKey } from './signing/examiner-key';

/**
 * A hash chain cannot see its own truncation: deleting the last events of custody_event leaves a chain
 * that still links. The anchor is the chain's length and head, signed with the examiner key, kept in a
 * file beside the store (outside the table). It only ever moves forward along the same chain, so a
 * deletion after it was written cannot be fixed up without the key.
 */
export const ANCHOR_FILE = 'custody-head.json';
export const ANCHOR_FORMAT = 'shoko-custody-anchor/1';

export interface CustodyAnchor {
  format: typeof ANCHOR_FORMAT;
  caseUuid: string | null;
  /** Number of events in the chain (= seq of its last event) when the anchor was written. */
  events: number;
  /** Hash of event `events`. */
  head: string;
  /** The chain length when this case was first anchored (1 for a case made by an anchoring Shoko). */
  since: number;
  at: string;
  keyFingerprint: string;
  publicKeyPem: string;
  /** Base64 Ed25519 signature over the canonical JSON of every other field. */
  signature: string;
}

export function anchorPath(caseDir: string): string {
  return path.join(caseDir, ANCHOR_FILE);
}

function caseDirOf(db: CaseDb): string | null {
  // An in-memory or temporary store has no folder to anchor in.
  return db.name && db.name !== ':memory:' && path.isAbsolute(db.name) ? path.dirname(db.name) : null;
}

let cachedKey: { home: string | undefined; key: ExaminerKey } | null = null;
function examinerKey(): ExaminerKey {
  if (!cachedKey || cachedKey.home !== process.env.SHOKO_HOME) cachedKey = { home: process.env.SHOKO_HOME, key: loadOrCreateExaminerKey() };
  return cachedKey.key;
}

const pending = new WeakSet<CaseDb>();

/**
 * Called by appendCustodyEvent. Outside a transaction the event is committed: anchor now. Inside one,
 * the outer transaction (always synchronous with better-sqlite3) has committed or rolled back by the
 * time a microtask runs, so the anchor is written then, from what the store really holds.
 */
export function anchorAfterAppend(db: CaseDb): void {
  if (!db.inTransaction) {
    writeAnchor(db);
    return;
  }
  if (pending.has(db)) return;
  pending.add(db);
  queueMicrotask(() => {
    pending.delete(db);
    if (!db.open) anchorClosedStore(db.name);
    else if (!db.inTransaction) writeAnchor(db);
    else anchorAfterAppend(db);
  });
}

/** The store was closed right after its transaction (before the microtask): anchor from a read-only connection. */
function anchorClosedStore(file: string): void {
  if (!file || !path.isAbsolute(file) || !fs.existsSync(file)) return;
  let ro: CaseDb | null = null;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: process.env.SHOKO_SQLITE_BINDING || undefined });
    writeAnchor(ro);
  } catch {
    // As in writeAnchor: the anchor lags, verify says so.
  } finally {
    ro?.close();
  }
}

/**
 * Writes the anchor for the store's committed head, never backwards and never onto another chain: an
 * existing anchor that the store no longer contains is evidence of tampering and is left in place.
 * Anchoring must never make the action that was logged fail; a failure leaves the anchor behind,
 * which verify reports.
 */
export function writeAnchor(db: CaseDb): void {
  const dir = caseDirOf(db);
  if (!dir) return;
  try {
    const last = db.prepare('SELECT seq, hash FROM custody_event ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    if (!last) return;
    const file = anchorPath(dir);
    const old = readAnchor(dir);
    let since = last.seq;
    if (old.kind === 'ok') {
      const a = old.anchor;
      if (a.events === last.seq && a.head === last.hash) return;
      if (a.events > last.seq) return;
      const at = db.prepare('SELECT hash FROM custody_event WHERE seq = ?').get(a.events) as { hash: string } | undefined;
      if (at?.hash !== a.head) return;
      since = a.since;
    } else if (old.kind !== 'missing') {
      return;
    }
    const info = db.prepare('SELECT case_uuid FROM case_info WHERE id = 1').get() as { case_uuid: string } | undefined;
    const key = examinerKey();
    const body = {
      format: ANCHOR_FORMAT, caseUuid: info?.case_uuid ?? null, events: last.seq, head: last.hash, since, at: now().utc,
      keyFingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem,
    } as const;
    const anchor: CustodyAnchor = { ...body, signature: signBytes(key, Buffer.from(canonicalJson(body))).toString('base64') };
    const tmp = `${file}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
    const fd = fs.openSync(tmp, 'wx', 0o644);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(anchor, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch {
    // See above: the logged action stands; verify shows the anchor lagging behind the log.
  }
}

export type AnchorRead =
  | { kind: 'ok'; anchor: CustodyAnchor }
  | { kind: 'missing' }
  | { kind: 'bad'; reason: string };

/** Reads and checks the anchor's own signature (with the key it names; whose key it is, is reported). */
export function readAnchor(caseDir: string): AnchorRead {
  const file = anchorPath(caseDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'bad', reason: `${file}: ${(err as Error).message}` };
  }
  let a: CustodyAnchor;
  try { a = JSON.parse(text) as CustodyAnchor; } catch (err) { return { kind: 'bad', reason: `${file}: not JSON (${(err as Error).message})` }; }
  if (a?.format !== ANCHOR_FORMAT || !Number.isInteger(a.events) || typeof a.head !== 'string' || typeof a.signature !== 'string' || typeof a.publicKeyPem !== 'string') {
    return { kind: 'bad', reason: `${file}: not a ${ANCHOR_FORMAT} anchor` };
  }
  const { signature, ...body } = a;
  const s = verifySignature(a.publicKeyPem, Buffer.from(canonicalJson(body)), Buffer.from(signature, 'base64'));
  if (!s.ok) return { kind: 'bad', reason: `${file}: signature invalid (${s.reason})` };
  if (keyFingerprint(createPublicKey(a.publicKeyPem)) !== a.keyFingerprint) return { kind: 'bad', reason: `${file}: keyFingerprint does not match its public key` };
  return { kind: 'ok', anchor: a };
}
