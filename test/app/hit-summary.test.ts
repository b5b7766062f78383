import { describe, expect, it } from 'vitest';
import type { HitView } from '../../shared/ipc/types';
import { recordsWithHits } from '../../renderer/src/hit-summary';

const hit = (id: number, recordKey: string | null, status: HitView['status'] = 'pending'): HitView => ({
  id, itemId: 1, page: 0, kind: recordKey ? 'leak' : 'email', field: 'name', recordKey, text: 't', boxes: [], score: 1, status, source: 'native',
});

describe("the viewer's per-document record count", () => {
  it('counts each listed record once, leaves out generic findings and dismissed hits', () => {
    expect(recordsWithHits([hit(1, 'M1'), hit(2, 'M1', 'confirmed'), hit(3, 'M2'), hit(4, null), hit(5, 'M3', 'dismissed')])).toBe(2);
    expect(recordsWithHits([])).toBe(0);
  });
});
