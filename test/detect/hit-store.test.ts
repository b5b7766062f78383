import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { countHits, getHit, hitsReport } from '../../main/detect/store/hits-report';
import { parseHitBoxes } from '../../main/detect/store/hit-boxes';
import { readHitsFromStore } from '../../main/evidence/bag/case-hits';
import { collectCaseFindings } from '../../main/evidence/bag/case-findings';
import { maskValue } from '../../main/report/mask';
import { hitsView, setHitStatus } from '../../main/services/hit-review';
import { tmpDir } from '../helpers/paths';

let dir: string;
let c: CaseHandle;
let seq = 0;

function addLeakSet(rows: number): number {
  const t = new Date().toISOString();
  return Number(c.db.prepare(`INSERT INTO leak_set (sha256, file_name, file_path, file_size, format, columns_json, mapping_json, row_count, bad_row_count, bad_rows_json, imported_at)
    VALUES (?, ?, ?, 1, 'csv', '[]', '{}', ?, 0, '[]', ?)`).run(String(rows).padStart(64, 'a'), `list-${rows}.csv`, `/x/list-${rows}.csv`, rows, t).lastInsertRowid);
}

/** A hit row as the detect step stores it (migration 004); the inputs are exactly what the rules read. */
function addHit(h: { kind: 'record' | 'pii'; set?: number; key?: string; field: string; text: string; item?: number; page?: number;
  score?: number; recordScore?: number | null; present?: boolean; status?: 'pending' | 'confirmed' | 'dismissed' }): number {
  const t = new Date().toISOString();
  const at = seq++ * 10;
  return Number(c.db.prepare(`INSERT INTO hit (item_id, page_index, kind, set_id, record_key, field, recognizer, text, char_start, char_end, boxes_json,
      score, record_score, present, source, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'native', ?, ?, ?)`).run(h.item ?? 1, h.page ?? 0, h.kind, h.set ?? 0, h.key ?? '', h.field,
    h.kind === 'pii' ? h.field : 'exact', h.text, at, at + h.text.length, JSON.stringify([[at, 10, at + 5, 20]]), h.score ?? 1,
    h.kind === 'record' ? (h.recordScore ?? null) : null, h.present ? 1 : 0, h.status ?? 'pending', t, t).lastInsertRowid);
}

const ids: Record<string, number> = {};

beforeAll(() => {
  dir = tmpDir('shoko-hit-store-');
  c = initCase(path.join(dir, 'case'), { name: 'hit store' });
  const set = addLeakSet(40);
  ids.m10 = addHit({ kind: 'record', set, key: 'M10', field: 'name', text: '山田 太郎', recordScore: 0.9, present: true });
  ids.m2 = addHit({ kind: 'record', set, key: 'M2', field: 'email', text: 'yamada@example.com', page: 1, recordScore: 0.9, present: true });
  // M3: its strong occurrence was dismissed, so the record keeps only the weak one's verdict.
  ids.m3strong = addHit({ kind: 'record', set, key: 'M3', field: 'phone', text: '090-1234-5678', recordScore: 0.95, present: true, status: 'dismissed' });
  ids.m3weak = addHit({ kind: 'record', set, key: 'M3', field: 'name', text: '佐藤 花子', page: 2, recordScore: 0.4, score: 0.7 });
  ids.m4 = addHit({ kind: 'record', set, key: 'M4', field: 'name', text: '鈴木 一郎', recordScore: 1, present: true, status: 'dismissed' });
  ids.email = addHit({ kind: 'pii', field: 'email', text: 'info@example.org', item: 2, score: 0.8, status: 'confirmed' });
  ids.phone = addHit({ kind: 'pii', field: 'phone_jp', text: '03-1234-5678', item: 2, status: 'dismissed' });
});

afterAll(() => {
  c?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hit store', () => {
  it('reads one hit as the report shows it, without the report', () => {
    const report = hitsReport(c);
    expect(report.records.map((r) => [r.key, r.score, r.present])).toEqual([['M2', 0.9, true], ['M10', 0.9, true], ['M3', 0.4, false], ['M4', 0, false]]);
    for (const rec of report.records) {
      for (const o of rec.occurrences) {
        expect(getHit(c, o.id)).toEqual({ kind: 'record', record: { key: rec.key, score: rec.score, present: rec.present }, occurrence: o });
      }
    }
    for (const p of report.pii) expect(getHit(c, p.id)).toEqual({ kind: 'pii', pii: p });
    expect(getHit(c, 99999)).toBeNull();
    expect(countHits(c)).toBe(7);
    expect(countHits(c, { itemId: 2 })).toBe(2);
  });

  it('marking a hit returns the same view the hit list shows', () => {
    const view = setHitStatus(c, ids.m3weak, 'confirmed');
    expect(view).toEqual(hitsView(c).hits.find((h) => h.id === ids.m3weak));
    expect(view).toMatchObject({ status: 'confirmed', kind: 'leak', recordKey: 'M3', score: 0.4 });
    expect(setHitStatus(c, ids.email, 'confirmed')).toEqual(hitsView(c, 2).hits.find((h) => h.id === ids.email));
  });

  it('the package groups hits as the report does, dismissed ones left out, values masked', () => {
    const report = hitsReport(c);
    const pkg = readHitsFromStore(c.db);
    expect(pkg.records.map((r) => r.key)).toEqual(['M2', 'M10', 'M3']); // M4: every hit dismissed
    for (const rec of pkg.records) {
      const full = report.records.find((r) => r.key === rec.key)!;
      expect([rec.score, rec.present]).toEqual([full.score, full.present]);
      expect(rec.occurrences).toEqual(full.occurrences.filter((o) => o.status !== 'dismissed').map((o) => ({
        item: o.item, page: o.page, field: o.field, valueMasked: maskValue(o.field, o.text), boxes: o.boxes, source: 'native', score: o.score, status: o.status,
      })));
    }
    expect(pkg.records.flatMap((r) => r.occurrences.map((o) => o.valueMasked))).not.toContain('山田 太郎');
    expect(pkg.pii).toEqual([{ item: 2, page: 1, field: 'email', type: 'email', valueMasked: 'i***@example.org', boxes: expect.any(Array), source: 'native', score: 0.8, status: 'confirmed' }]);
    expect(pkg.leakSet).toMatchObject({ records: 40, fileName: 'list-40.csv' });
    expect(collectCaseFindings(c).summary).toMatchObject({ recordsPresent: 2, recordsInList: 40, pagesWithHits: 4, piiHits: 1 });
  });

  it('with several leak lists, keys carry the list id in the report and the package alike', () => {
    const second = addLeakSet(10);
    addHit({ kind: 'record', set: second, key: 'M2', field: 'name', text: '田中 次郎', recordScore: 0.5 });
    const report = hitsReport(c);
    const pkg = readHitsFromStore(c.db);
    expect(pkg.records.map((r) => r.key)).toEqual(report.records.filter((r) => r.occurrences.some((o) => o.status !== 'dismissed')).map((r) => r.key));
    expect(pkg.records.map((r) => r.key)).toContain(`${second}:M2`);
    expect(pkg.recordsInList).toBe(50);
    expect(getHit(c, ids.m2)).toMatchObject({ record: { key: `1:M2` } });
  });

  it('reads stored boxes: a list, a single box, or nothing from damaged JSON', () => {
    expect(parseHitBoxes('[[1,2,3,4],[5,6,7,8]]')).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(parseHitBoxes('[1,2,3,4]')).toEqual([[1, 2, 3, 4]]);
    expect(parseHitBoxes('[[1,2,3]]')).toEqual([]);
    expect(parseHitBoxes('{oops')).toEqual([]);
  });
});
