// Fields of found records not located on some OCR pages are said, not passed over (issue 13: the seed
// screenshot book's 徳田澪 stood legible beside its blackened e-mail on a page whose export said "verified").
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { unlocatedFields, unlocatedFieldsLine } from '../../main/detect/store/unlocated-fields';
import { tmpDir } from '../helpers/paths';

let c: CaseHandle;
let seq = 0;

/** A found record's hits on a page, as the detect step stores them (migration 004). */
function found(item: number, page: number, key: string, fields: string[], source: 'ocr' | 'native' = 'ocr', status = 'pending'): void {
  const t = new Date().toISOString();
  for (const field of fields) {
    const at = seq++ * 10;
    c.db.prepare(`INSERT INTO hit (item_id, page_index, kind, set_id, record_key, field, text, char_start, char_end, boxes_json, score, record_score, present, source, status, created_at, updated_at)
      VALUES (?, ?, 'record', 1, ?, ?, ?, ?, ?, '[[0,0,1,1]]', 1, 1, 1, ?, ?, ?, ?)`).run(item, page, key, field, `${key}-${field}`, at, at + 5, source, status, t, t);
  }
}

beforeAll(() => {
  c = initCase(path.join(tmpDir('shoko-unlocated-'), 'case'), { name: 'unlocated fields' });
});
afterAll(() => c?.close());

describe('fields of found records not located on OCR pages', () => {
  it('names the pages where a field the item shows for nearly every found record is missing', () => {
    // Item 1: 12 records on OCR pages 1-3, each with name, phone, e-mail; one without its name (page 3),
    // none with an address (the book does not print it).
    for (let r = 0; r < 12; r++) found(1, Math.floor(r / 4), `M${r}`, r === 9 ? ['phone', 'email'] : ['name', 'phone', 'email']);
    // Item 2: a text book, read exactly: a missing name there means the page does not print it.
    for (let r = 0; r < 12; r++) found(2, 0, `T${r}`, r < 2 ? ['phone'] : ['name', 'phone'], 'native');
    const u = unlocatedFields(c.db);
    expect(u).toEqual([{ itemId: 1, field: 'name', records: 12, located: 11, pages: [3] }]);
    expect(unlocatedFieldsLine(u)).toBe('not sure: item 1: name not located for 1 of 12 records found on its OCR pages (page 3) — OCR may have misread it, and a redaction cannot black out what was not located: check those pages by eye');
  });

  it('says nothing once the field is located, or once the reviewer dismissed that record there', () => {
    found(1, 2, 'M9', ['name']);
    expect(unlocatedFields(c.db)).toEqual([]);
    expect(unlocatedFieldsLine([])).toBeNull();
    c.db.prepare("DELETE FROM hit WHERE record_key = 'M9' AND field = 'name'").run();
    expect(unlocatedFields(c.db)).toHaveLength(1);
    c.db.prepare("UPDATE hit SET status = 'dismissed' WHERE record_key = 'M9'").run();
    expect(unlocatedFields(c.db)).toEqual([]);
  });
});
