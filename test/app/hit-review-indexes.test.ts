// Migration 009: Review's counts (hits.summary) read covering indexes, never the hit rows themselves.
import { describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { tmpDir } from '../helpers/paths';

const plan = (db: { prepare(sql: string): { all(...a: unknown[]): unknown[] } }, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('hit indexes for Review at scale', () => {
  it('per page, per kind × field and per record counts are answered from covering indexes', () => {
    const c = initCase(tmpDir('shoko-idx-'), { name: 'indexes' });
    try {
      const names = (c.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hit'").all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(expect.arrayContaining(['hit_item_page_status', 'hit_record_status']));
      expect(plan(c.db, "SELECT page_index, SUM(status = 'pending') FROM hit WHERE item_id = ? GROUP BY page_index ORDER BY page_index"))
        .toContain('COVERING INDEX hit_item_page_status');
      expect(plan(c.db, "SELECT CASE kind WHEN 'record' THEN 'leak' ELSE field END, field, SUM(status = 'pending') FROM hit WHERE item_id = ? GROUP BY 1, 2"))
        .toContain('COVERING INDEX hit_item_page_status');
      expect(plan(c.db, "SELECT MAX(item_id = ?), MAX(present) FROM hit WHERE kind = 'record' AND status <> 'dismissed' GROUP BY set_id, record_key"))
        .toContain('COVERING INDEX hit_record_status');
    } finally {
      c.close();
    }
  });
});
