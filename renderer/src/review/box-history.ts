import type { RequestOf } from '../../../shared/ipc/contract';
import type { Box } from '../../../shared/model/geometry';
import type { RedactionView } from '../../../shared/ipc/types';

/**
 * Undo and redo of the viewer's box edits (draw, move or resize, delete), kept in the same queue as
 * review decisions. The engine never edits a stored box in place: a move stores a new box and deletes
 * the old one, a restore stores a new copy of a deleted one. So a box's id changes with every edit,
 * and `BoxIds` follows each id to the box that stands for it now. Every undo and redo is a new custody
 * event marked `step: 'undo' | 'redo'`; nothing is taken out of the log.
 */

export type BoxEdit =
  /** A box drawn; `id` as first stored. */
  | { type: 'box-add'; id: number; page: number }
  /** A box deleted; `id` of the box that was deleted. */
  | { type: 'box-delete'; id: number; page: number }
  /** A box moved or resized from one place to another; `id` of the box as stored after the move. */
  | { type: 'box-move'; id: number; page: number; from: Box; to: Box };

/** The engine calls box edits need (window.shoko in the app; the service itself in tests). */
export interface BoxApi {
  delete(r: RequestOf<'redactions.delete'>): Promise<unknown>;
  restore(r: RequestOf<'redactions.restore'>): Promise<RedactionView>;
  update(r: RequestOf<'redactions.update'>): Promise<RedactionView>;
}

/** Which stored box stands for an id now: each edit that stores a new box links the old id to it. */
export class BoxIds {
  private readonly next = new Map<number, number>();

  /** `from`'s box is now stored as `to`. */
  link(from: number, to: number): void {
    if (from !== to) this.next.set(from, to);
  }

  current(id: number): number {
    const seen = new Set<number>();
    while (this.next.has(id) && !seen.has(id)) { seen.add(id); id = this.next.get(id)!; }
    return id;
  }
}

/** Takes an edit back: a drawn box is deleted, a deleted one restored, a moved one moved back. */
export async function undoBoxEdit(api: BoxApi, ids: BoxIds, e: BoxEdit): Promise<void> {
  const id = ids.current(e.id);
  if (e.type === 'box-add') await api.delete({ id, step: 'undo' });
  else if (e.type === 'box-delete') ids.link(id, (await api.restore({ id, step: 'undo' })).id);
  else ids.link(id, (await api.update({ id, box: e.from, step: 'undo' })).id);
}

/** Does an undone edit again. */
export async function redoBoxEdit(api: BoxApi, ids: BoxIds, e: BoxEdit): Promise<void> {
  const id = ids.current(e.id);
  if (e.type === 'box-add') ids.link(id, (await api.restore({ id, step: 'redo' })).id);
  else if (e.type === 'box-delete') await api.delete({ id, step: 'redo' });
  else ids.link(id, (await api.update({ id, box: e.to, step: 'redo' })).id);
}
