import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { addEvidence } from '../../main/evidence/intake';
import { addManualRedaction, deleteRedaction, getRedaction, listRedactions } from '../../main/redact/redaction-store';
import { moveRedaction } from '../../main/services/engine-methods';
import { tmpDir } from '../helpers/paths';

let dir: string;
let c: CaseHandle;
let item: number;

beforeAll(async () => {
  dir = tmpDir('shoko-redaction-store-');
  c = initCase(path.join(dir, 'case'), { name: 'redaction store' });
  const src = path.join(dir, 'note.txt');
  fs.writeFileSync(src, 'a note\n');
  [{ id: item }] = await addEvidence(c, [src]);
});

afterAll(() => {
  c?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const added = () => listCustodyEvents(c.db).filter((e) => e.action === 'redaction.added').length;

describe('redaction store', () => {
  it('adding the same box again (within half a point) returns the stored one and logs nothing', () => {
    const first = addManualRedaction(c, { itemId: item, pageIndex: 0, box: [10, 20, 110, 40] });
    expect(first.added).toBe(true);
    const logged = added();
    const again = addManualRedaction(c, { itemId: item, pageIndex: 0, box: [10.4, 19.6, 110, 40.5] });
    expect(again).toMatchObject({ id: first.id, box: [10, 20, 110, 40], added: false });
    expect(added()).toBe(logged);
    // Further than the tolerance, or another page: a box of its own.
    expect(addManualRedaction(c, { itemId: item, pageIndex: 0, box: [10, 20, 110, 41] }).added).toBe(true);
    expect(addManualRedaction(c, { itemId: item, pageIndex: 1, box: [10, 20, 110, 40] }).added).toBe(true);
    expect(listRedactions(c, { itemId: item })).toHaveLength(3);
  });

  it('reads one box by id; a deleted box is gone, and drawing it again stores a new one', () => {
    const r = addManualRedaction(c, { itemId: item, pageIndex: 2, box: [1, 1, 5, 5], reason: 'name' });
    const { added: _added, ...stored } = r;
    expect(getRedaction(c, r.id)).toEqual(stored);
    deleteRedaction(c, r.id);
    expect(getRedaction(c, r.id)).toBeNull();
    expect(addManualRedaction(c, { itemId: item, pageIndex: 2, box: [1, 1, 5, 5] }).id).not.toBe(r.id);
  });

  it('moving a box keeps its page and reason', () => {
    const r = addManualRedaction(c, { itemId: item, pageIndex: 3, box: [0, 0, 10, 10], reason: 'phone' });
    const moved = moveRedaction(c, { id: r.id, box: [20, 20, 30, 30] });
    expect(moved).toMatchObject({ itemId: item, page: 3, box: [20, 20, 30, 30], reason: 'phone' });
    expect(getRedaction(c, r.id)).toBeNull();
    expect(() => moveRedaction(c, { id: r.id, box: [0, 0, 1, 1] })).toThrow(/no redaction/);
  });
});
