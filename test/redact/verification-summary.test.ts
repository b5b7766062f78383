// A refused export names every page it was refused on, not only the first (issue 13: the seed-scale
// screenshot book's refusal named page 222 while later pages might fail too, one full run per page learnt).
import { describe, expect, it } from 'vitest';
import { mergeVerifications, type Verification } from '../../main/redact/verify-export';

const failed = (page: number, kind = 'email'): Verification => ({ ok: false, checks: [{ check: 'leak record M1 still legible (OCR)', ok: false, page, kind }] });
const passed = (page: number): Verification => ({ ok: true, checks: [{ check: 'OCR', ok: true, page }] });

describe('the refusal line', () => {
  it('names the first failed check, then every refused page in order', () => {
    const v = mergeVerifications([passed(1), failed(222), passed(223), failed(78, 'name'), failed(222, 'name'), failed(300)]);
    expect(v.ok).toBe(false);
    expect(v.failure).toBe('page 222: leak record M1 still legible (OCR) (email); refused on 3 pages in all: 78, 222, 300');
  });

  it('says nothing more when one page is refused', () => {
    expect(mergeVerifications([failed(5), failed(5, 'name'), passed(6)]).failure).toBe('page 5: leak record M1 still legible (OCR) (email)');
    expect(mergeVerifications([passed(1)]).failure).toBeUndefined();
  });

  it('lists twenty pages, then a count stands for the rest', () => {
    const v = mergeVerifications(Array.from({ length: 25 }, (_, i) => failed(i + 1)));
    expect(v.failure).toMatch(/refused on 25 pages in all: 1, 2, .*, 20, …$/);
  });
});
