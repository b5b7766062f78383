// Undo / redo of the viewer's box edits (issue 14) against the real engine: every step is a new custody
// event (marked undo / redo), nothing leaves the log, and the box ids the engine hands out are followed.
// Also the crop drag's geometry (the press screenshot's rectangle) without a browser.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRequest, type Method } from '../../shared/ipc/contract';
import type { Box } from '../../shared/model/geometry';
import { listCustodyEvents, verifyCustodyChain } from '../../main/evidence/custody-log';
import { dispatchEngine } from '../../main/services/api-dispatch';
import { ShokoService } from '../../main/services/shoko-service';
import { BoxIds, redoBoxEdit, undoBoxEdit, type BoxApi, type BoxEdit } from '../../renderer/src/review/box-history';
import { draggedRect, exportPixels, formatRect, nudgeRect, parseRect } from '../../renderer/src/review/crop-drag';
import { clientToPage } from '../../renderer/src/viewer-geometry';
import { tmpDir } from '../helpers/paths';

let dir: string;
let svc: ShokoService;
let item: number;

/** What the renderer's `call` does: the request validated by the IPC schema, then the engine. */
async function call(method: Method, payload: unknown): Promise<unknown> {
  const v = validateRequest(method, payload);
  if (!v.ok) throw new Error(v.error);
  return dispatchEngine(svc, method as never, payload as never);
}
const api: BoxApi = {
  delete: (r) => call('redactions.delete', r),
  restore: (r) => call('redactions.restore', r) as never,
  update: (r) => call('redactions.update', r) as never,
};

beforeAll(async () => {
  dir = tmpDir('shoko-box-undo-');
  svc = new ShokoService({ stateDir: path.join(dir, 'state'), emit: () => {} });
  svc.createCase({ dir: path.join(dir, 'case'), name: 'box undo' });
  const src = path.join(dir, 'page.txt');
  fs.writeFileSync(src, 'a page\n');
  [{ id: item }] = await svc.addEvidence({ files: [src] });
});

afterAll(async () => {
  await svc?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const live = () => svc.redactions({ itemId: item }).map((r) => r.box);
const log = () => listCustodyEvents((svc as unknown as { case: { db: never } }).case.db);

describe('undo and redo of box edits', () => {
  it('draws, moves, deletes, undoes all three and redoes them, each a new event', async () => {
    const ids = new BoxIds();
    const stack: BoxEdit[] = [];
    const A: Box = [10, 10, 60, 30], B: Box = [100, 40, 180, 90];
    const drawn = svc.addRedaction({ itemId: item, page: 0, box: A });
    stack.push({ type: 'box-add', id: drawn.id, page: 0 });
    const moved = svc.moveRedaction({ id: drawn.id, box: B }); // a move or a resize: the same engine call
    ids.link(drawn.id, moved.id);
    stack.push({ type: 'box-move', id: moved.id, page: 0, from: A, to: B });
    svc.deleteRedaction({ id: moved.id });
    stack.push({ type: 'box-delete', id: moved.id, page: 0 });
    expect(live()).toEqual([]);
    const before = log().length;

    // Undo, newest first: back at B, back at A, gone.
    const states: Box[][] = [];
    for (const e of [...stack].reverse()) { await undoBoxEdit(api, ids, e); states.push(live()); }
    expect(states).toEqual([[B], [A], []]);
    // Redo, oldest first: A, moved to B, deleted again.
    states.length = 0;
    for (const e of stack) { await redoBoxEdit(api, ids, e); states.push(live()); }
    expect(states).toEqual([[A], [B], []]);
    // And undo everything once more: the ids are followed through every new stored box.
    for (const e of [...stack].reverse()) await undoBoxEdit(api, ids, e);
    expect(live()).toEqual([]);

    const events = log();
    expect(verifyCustodyChain(events).ok).toBe(true);
    const added = events.slice(before).map((e) => `${e.action}:${(e.details as { step?: string }).step ?? ''}`);
    expect(added).toEqual([
      'redaction.restored:undo', // undo delete
      'redaction.deleted:undo', 'redaction.added:undo', // undo move
      'redaction.deleted:undo', // undo draw
      'redaction.restored:redo', // redo draw
      'redaction.deleted:redo', 'redaction.added:redo', // redo move
      'redaction.deleted:redo', // redo delete
      'redaction.restored:undo', 'redaction.deleted:undo', 'redaction.added:undo', 'redaction.deleted:undo',
    ]);
    // A restored box says where it came from, and is a box of its own.
    const restored = events.slice(before).find((e) => e.action === 'redaction.restored')!.details as { redactionId: number; from: number; box: Box };
    expect(restored).toMatchObject({ from: moved.id, box: B });
    expect(restored.redactionId).not.toBe(moved.id);
  });

  it('refuses to restore a box that is not deleted, or not there, and a step that is neither undo nor redo', async () => {
    const r = svc.addRedaction({ itemId: item, page: 1, box: [1, 1, 20, 20] });
    await expect(call('redactions.restore', { id: r.id })).rejects.toThrow(/not deleted; only a deleted box can be restored/);
    await expect(call('redactions.restore', { id: 99_999 })).rejects.toThrow(/no redaction 99999/);
    await expect(call('redactions.delete', { id: r.id, step: 'again' })).rejects.toThrow(/step/);
  });
});

describe('the crop rectangle', () => {
  const page = { width: 400, height: 600 };
  it('converts a drag on screen to page points whatever the drawn size', () => {
    const rect = { left: 100, top: 50, width: 200, height: 300 }; // the page drawn at half size
    expect(clientToPage(150, 100, rect, page)).toEqual([100, 100]);
    expect(clientToPage(300, 350, rect, page)).toEqual([400, 600]);
  });

  it('draws, moves within the page, and resizes from a corner (flipping past the opposite one)', () => {
    expect(draggedRect({ mode: 'new', start: [50, 80], now: [10, 20] }, page)).toEqual([10, 20, 50, 80]);
    expect(draggedRect({ mode: 'move', box: [10, 10, 110, 60], start: [20, 20], now: [400, 30] }, page)).toEqual([300, 20, 400, 70]);
    expect(draggedRect({ mode: 'resize', corner: 'se', box: [10, 10, 110, 60], start: [110, 60], now: [150, 100] }, page)).toEqual([10, 10, 150, 100]);
    expect(draggedRect({ mode: 'resize', corner: 'nw', box: [10, 10, 110, 60], start: [10, 10], now: [130, 70] }, page)).toEqual([110, 60, 130, 70]);
  });

  it('moves and resizes with the keyboard, and reads the typed field back', () => {
    expect(nudgeRect([10, 10, 50, 50], 'ArrowRight', { shift: false, alt: false }, page)).toEqual([11, 10, 51, 50]);
    expect(nudgeRect([10, 10, 50, 50], 'ArrowDown', { shift: true, alt: true }, page)).toEqual([10, 10, 50, 60]);
    expect(nudgeRect([10, 10, 50, 50], 'Enter', { shift: false, alt: false }, page)).toBeNull();
    expect(parseRect(formatRect([10.04, 20.26, 300, 400.55]))).toEqual([10, 20.3, 300, 400.6]);
    expect(parseRect('10, 20, 5, 40')).toBeNull();
    expect(parseRect('10, 20, 30')).toBeNull();
    expect(exportPixels([0, 0, 72, 144], 150)).toEqual({ width: 150, height: 300 });
  });
});
