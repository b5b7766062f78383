// The Review screen's own logic, without a browser: places (overlapping hits merged), counts moved
// after a decision, masked values, fit zoom, and the preview's padding kept equal to the export's.
import { describe, expect, it } from 'vitest';
import type { HitsSummary, HitView } from '../../shared/ipc/types';
import { HIT_PADDING } from '../../main/redact/regions';
import { mergePlaces } from '../../renderer/src/review/places';
import { adjustSummary } from '../../renderer/src/review/summary-adjust';
import { maskValue } from '../../renderer/src/review/mask';
import { EXPORT_HIT_PADDING, zoomFactor } from '../../renderer/src/viewer-geometry';

const hit = (id: number, over: Partial<HitView>): HitView => ({
  id, itemId: 1, page: 0, kind: 'email', field: 'email', recordKey: null, text: 'a@example.jp', boxes: [[10, 10, 100, 20]],
  score: 1, status: 'pending', source: 'native', ...over,
});

describe('places', () => {
  it('merges a listed e-mail and the generic e-mail on the same characters into one place named by the record', () => {
    const listed = hit(7, { kind: 'leak', field: 'email', recordKey: 'M1', boxes: [[10, 10, 100, 20]] });
    const generic = hit(3, { boxes: [[11, 10, 99, 20]] });
    const phone = hit(9, { kind: 'phone_jp', field: 'phone_jp', text: '090-1', boxes: [[10, 30, 80, 40]] });
    const places = mergePlaces([generic, listed, phone]);
    expect(places).toHaveLength(2);
    expect(places[0]).toMatchObject({ key: 3, ids: [3, 7], status: 'pending' });
    expect(places[0].primary.id).toBe(7);
    expect(places[1]).toMatchObject({ key: 9, ids: [9] });
  });

  it('keeps apart boxes that only touch, and hits of other pages', () => {
    expect(mergePlaces([hit(1, {}), hit(2, { boxes: [[100, 10, 150, 20]] })])).toHaveLength(2);
    expect(mergePlaces([hit(1, {}), hit(2, { page: 1 })])).toHaveLength(2);
  });

  it('is pending while any hit is, confirmed while any is, else dismissed', () => {
    expect(mergePlaces([hit(1, { status: 'confirmed' }), hit(2, { status: 'pending' })])[0].status).toBe('pending');
    expect(mergePlaces([hit(1, { status: 'confirmed' }), hit(2, { status: 'dismissed' })])[0].status).toBe('confirmed');
    expect(mergePlaces([hit(1, { status: 'dismissed' })])[0].status).toBe('dismissed');
  });
});

describe('counts after a decision', () => {
  it('moves each decided hit from its status to the new one, by page, kind and field', () => {
    const s: HitsSummary = {
      itemId: 1, totals: { pending: 3, confirmed: 0, dismissed: 1 },
      pages: [{ page: 0, pending: 2, confirmed: 0, dismissed: 1 }, { page: 4, pending: 1, confirmed: 0, dismissed: 0 }],
      kinds: [{ kind: 'email', pending: 1, confirmed: 0, dismissed: 1 }, { kind: 'leak', pending: 2, confirmed: 0, dismissed: 0 }],
      fields: [{ field: 'email', pending: 3, confirmed: 0, dismissed: 1 }],
      recordsInItem: 1, recordsPresent: 1, recordsInList: 10,
    };
    const next = adjustSummary(s, [hit(1, {}), hit(2, { kind: 'leak', recordKey: 'M1' }), hit(3, { status: 'confirmed' })], 'confirmed');
    expect(next.totals).toEqual({ pending: 1, confirmed: 2, dismissed: 1 });
    expect(next.pages[0]).toEqual({ page: 0, pending: 0, confirmed: 2, dismissed: 1 });
    expect(next.pages[1]).toEqual(s.pages[1]);
    expect(next.kinds).toEqual([{ kind: 'email', pending: 0, confirmed: 1, dismissed: 1 }, { kind: 'leak', pending: 1, confirmed: 1, dismissed: 0 }]);
    expect(s.totals.pending).toBe(3); // the engine's summary itself is not changed
  });
});

describe('screen details', () => {
  it('masks a value but its first character and spaces', () => {
    expect(maskValue('山田 太郎')).toBe('山＊ ＊＊');
    expect(maskValue('a')).toBe('＊');
  });

  it('fits a page to the pane by width or whole', () => {
    const page = { width: 600, height: 800 };
    expect(zoomFactor(1.5, page, { width: 100, height: 100 })).toBe(1.5);
    expect(zoomFactor('fit-width', page, { width: 840, height: 300 })).toBeCloseTo(1);
    expect(zoomFactor('fit-page', page, { width: 840, height: 573.33 })).toBeCloseTo(0.5, 2);
  });

  it('previews redaction boxes with the export\'s padding', () => {
    expect(EXPORT_HIT_PADDING).toBe(HIT_PADDING);
  });
});
