import type { CaseHandle } from '../case/case-folder';
import { getEvidenceItem } from '../case/evidence-items';
import { badInput, notFound } from '../common/errors';
import { now } from '../common/clock';
import { appendCustodyEvent } from '../evidence/custody-log';
import type { Box } from '../../shared/model/geometry';

/** A box drawn by hand (or pinned from a hit) and kept in the case. */
export interface StoredRedaction {
  id: number;
  itemId: number;
  pageIndex: number;
  box: Box;
  reason: string;
  hitId: number | null;
  createdAt: string;
}

interface Row {
  id: number; item_id: number; page_index: number; box_json: string; reason: string; hit_id: number | null; created_at: string; deleted_at: string | null;
}

export interface NewRedaction {
  itemId: number;
  pageIndex: number;
  box: Box;
  reason?: string;
  hitId?: number | null;
  /** Set when the edit is an undo or redo in the viewer: the custody event says so. */
  step?: EditStep;
}

/** An edit that takes back (undo) or repeats (redo) an earlier one: always a new event, never a removed one. */
export type EditStep = 'undo' | 'redo';
const stepOf = (step?: EditStep) => (step ? { step } : {});

/** Boxes this close (page units, each edge) are the same box: a re-run of `shoko redact --box` or a double click. */
export const SAME_BOX_TOLERANCE = 0.5;

/**
 * Stores a hand-drawn box (reason 'manual' unless given) and logs it. Idempotent: when the item's
 * page already has a live box within SAME_BOX_TOLERANCE of this one, that box is returned
 * (`added: false`) and nothing is stored or logged, so repeating a command does not stack copies.
 */
export function addManualRedaction(c: CaseHandle, r: NewRedaction): StoredRedaction & { added: boolean } {
  getEvidenceItem(c.db, r.itemId);
  checkBox(r.box);
  if (!Number.isInteger(r.pageIndex) || r.pageIndex < 0) throw badInput(`page index ${r.pageIndex}: must be a whole number ≥ 0`);
  const reason = r.reason?.trim() || 'manual';
  const at = now().utc;
  return c.db.transaction(() => {
    const same = listRedactions(c, { itemId: r.itemId, pageIndex: r.pageIndex }).find((x) => sameBox(x.box, r.box));
    if (same) return { ...same, added: false };
    const id = Number(c.db.prepare('INSERT INTO redaction (item_id, page_index, box_json, reason, hit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.itemId, r.pageIndex, JSON.stringify(r.box), reason, r.hitId ?? null, at).lastInsertRowid);
    appendCustodyEvent(c.db, { action: 'redaction.added', itemId: r.itemId, details: { redactionId: id, page: r.pageIndex, box: r.box, reason, ...stepOf(r.step) } });
    return { id, itemId: r.itemId, pageIndex: r.pageIndex, box: r.box, reason, hitId: r.hitId ?? null, createdAt: at, added: true };
  })();
}

function sameBox(a: Box, b: Box): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) <= SAME_BOX_TOLERANCE);
}

/** Live (not deleted) stored boxes, optionally of one item, in page order. */
export function listRedactions(c: CaseHandle, filter: { itemId?: number; pageIndex?: number } = {}): StoredRedaction[] {
  const rows = c.db.prepare(`SELECT * FROM redaction WHERE deleted_at IS NULL
      AND (@item IS NULL OR item_id = @item) AND (@page IS NULL OR page_index = @page) ORDER BY item_id, page_index, id`)
    .all({ item: filter.itemId ?? null, page: filter.pageIndex ?? null }) as Row[];
  return rows.map(fromRow);
}

/** One live stored box, or null when there is none with this id (or it was deleted). */
export function getRedaction(c: CaseHandle, id: number): StoredRedaction | null {
  const row = c.db.prepare('SELECT * FROM redaction WHERE id = ? AND deleted_at IS NULL').get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

function fromRow(r: Row): StoredRedaction {
  return { id: r.id, itemId: r.item_id, pageIndex: r.page_index, box: JSON.parse(r.box_json) as Box, reason: r.reason, hitId: r.hit_id, createdAt: r.created_at };
}

/** Marks a stored box deleted (kept for the custody log's sake) and logs it. */
export function deleteRedaction(c: CaseHandle, id: number, step?: EditStep): void {
  const row = getRedaction(c, id);
  if (!row) throw notFound(`no redaction ${id} in this case`);
  c.db.transaction(() => {
    c.db.prepare('UPDATE redaction SET deleted_at = ? WHERE id = ?').run(now().utc, id);
    appendCustodyEvent(c.db, { action: 'redaction.deleted', itemId: row.itemId, details: { redactionId: id, ...stepOf(step) } });
  })();
}

/**
 * Brings a deleted box back (the undo of a delete, the redo of an add) as a NEW stored box with the old
 * one's item, page, box, reason and hit, logged as `redaction.restored { redactionId, from, … }`. The
 * deleted row stays deleted: every stored box lives once, and the log reads as the history it was.
 * As with adding, a live box already in the same place is returned (`added: false`) and nothing is logged.
 */
export function restoreRedaction(c: CaseHandle, id: number, step?: EditStep): StoredRedaction & { added: boolean } {
  const row = c.db.prepare('SELECT * FROM redaction WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound(`no redaction ${id} in this case`);
  if (row.deleted_at === null) throw badInput(`redaction ${id} is not deleted; only a deleted box can be restored`);
  const old = fromRow(row);
  const at = now().utc;
  return c.db.transaction(() => {
    const same = listRedactions(c, { itemId: old.itemId, pageIndex: old.pageIndex }).find((x) => sameBox(x.box, old.box));
    if (same) return { ...same, added: false };
    const nid = Number(c.db.prepare('INSERT INTO redaction (item_id, page_index, box_json, reason, hit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(old.itemId, old.pageIndex, JSON.stringify(old.box), old.reason, old.hitId, at).lastInsertRowid);
    appendCustodyEvent(c.db, { action: 'redaction.restored', itemId: old.itemId, details: { redactionId: nid, from: id, page: old.pageIndex, box: old.box, reason: old.reason, ...stepOf(step) } });
    return { ...old, id: nid, createdAt: at, added: true };
  })();
}

function checkBox(b: Box): void {
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => Number.isFinite(v))) throw badInput('a redaction box is [x0, y0, x1, y1] in page units');
  if (!(b[2] > b[0] && b[3] > b[1])) throw badInput(`redaction box [${b.join(', ')}] is empty (x1 must exceed x0, y1 exceed y0)`);
}
