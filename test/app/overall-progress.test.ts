// One bar for a whole scan (issue 14): the overall fraction across items and phases, weighted by pages,
// never going back; its ETA; and the same on a real scan of two corpus books.
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { addEvidence } from '../../main/evidence/intake';
import { scanCase } from '../../main/pipeline/scan';
import { expectedPages, PAGE_COST, scanProgress } from '../../main/pipeline/scan-progress';
import { etaTracker, percentOf, progressParts } from '../../renderer/src/components/progress-eta';
import { translator } from '../../renderer/src/i18n';
import { withEta, type Progress } from '../../shared/model/progress';
import { corpus } from '../documents/generate';
import { tmpDir } from '../helpers/paths';

const book = (id: number, size: number, mediaType = 'application/epub+zip') => ({ id, name: `book-${id}`, size, mediaType });

describe('overall progress of a scan', () => {
  it('weights each phase by pages, so OCR counts more than reading, and never goes back', () => {
    const seen: Progress[] = [];
    const p = scanProgress([book(1, 2_000 * 100), book(2, 50_000, 'image/png')], 'auto', (e) => seen.push(e));
    p.phase(0, 'extract')({ phase: 'extract', done: 0, total: 100 });
    expect(seen[0].overall).toEqual({ fraction: 0, phase: 1, phases: 3 });
    expect(seen[0].item).toEqual({ index: 1, count: 2, id: 1, name: 'book-1' });
    // Item 1: 100 pages, no OCR expected (an EPUB) = 150 units; item 2: one image page, OCR expected = 31.5.
    p.phase(0, 'extract')({ phase: 'extract', done: 100, total: 100 });
    expect(p.fraction()).toBeCloseTo(100 / (150 + 31.5), 6);
    p.phase(0, 'match')({ phase: 'match', done: 100, total: 100 });
    p.finish(0);
    expect(p.fraction()).toBeCloseTo(150 / 181.5, 6);
    // Item 2's OCR (one page) is worth 30 of its 31.5 units.
    p.phase(1, 'extract')({ phase: 'extract', done: 1, total: 1 });
    const beforeOcr = p.fraction();
    p.phase(1, 'ocr')({ phase: 'ocr', done: 1, total: 1 });
    expect(p.fraction() - beforeOcr).toBeCloseTo(PAGE_COST.ocr / 181.5, 6);
    p.phase(1, 'match')({ phase: 'match', done: 1, total: 1 });
    p.finish(1);
    expect(p.fraction()).toBe(1);
    const fractions = seen.map((e) => e.overall!.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.at(-1)!.overall).toMatchObject({ phase: 3, phases: 3 });
  });

  it('a book with more pages than expected slows the bar instead of moving it back; a failed item stops counting', () => {
    const p = scanProgress([book(1, 2_000 * 10), book(2, 2_000 * 10)], 'never');
    p.phase(0, 'extract')({ phase: 'extract', done: 5, total: 10 });
    const a = p.fraction();
    p.phase(0, 'extract')({ phase: 'extract', done: 6, total: 1_000 }); // the real count is much larger
    expect(p.fraction()).toBe(a);
    p.finish(0); // failed after 6 pages: the rest of it is no longer expected
    p.phase(1, 'extract')({ phase: 'extract', done: 10, total: 10 });
    p.phase(1, 'match')({ phase: 'match', done: 10, total: 10 });
    p.finish(1);
    expect(p.fraction()).toBe(1);
  });

  it('expects pages from the file before it is opened', () => {
    expect(expectedPages({ size: 3_000_000, mediaType: 'image/jpeg' })).toBe(1);
    expect(expectedPages({ size: 4_000_000, mediaType: 'application/pdf' })).toBe(100);
    expect(expectedPages({ size: 100, mediaType: 'application/epub+zip' })).toBe(1);
  });

  it('estimates the time left for the whole job from its overall rate, across phases', () => {
    let now = 0;
    const eta = withEta(() => now);
    const ev = (fraction: number, phase: string): Progress => ({ phase, done: 1, total: 2, overall: { fraction, phase: 1, phases: 3 } });
    expect(eta(ev(0, 'extract')).etaSeconds).toBeUndefined();
    now = 10_000;
    expect(eta(ev(0.25, 'ocr')).etaSeconds).toBe(30); // a new phase does not restart the clock: 10 s for a quarter
    now = 20_000;
    expect(eta(ev(1, 'match')).etaSeconds).toBeUndefined();
  });

  it('the UI: percent of the whole job, phase i/n and pages in Japanese, its own estimate when the engine sent none', () => {
    const t = translator('ja');
    const p: Progress = { phase: 'ocr', done: 12, total: 40, item: { index: 2, count: 3, id: 7, name: 'x.cbz' }, overall: { fraction: 0.456, phase: 2, phases: 3 } };
    expect(percentOf(p)).toBe(45);
    expect(percentOf({ phase: 'redact', done: 1, total: 4 })).toBe(25);
    expect(progressParts(t, p, '文字認識(OCR)')).toEqual(['文字認識(OCR)(2/3 段階)', '12 / 40 ページ', '証拠品 2 / 3']);
    let now = 0;
    const eta = etaTracker(() => now);
    expect(eta({ ...p, overall: { ...p.overall!, fraction: 0.1 } })).toBeNull();
    now = 4_000;
    expect(eta({ ...p, phase: 'match', overall: { ...p.overall!, fraction: 0.3 } })).toBe(14); // 4 s per 0.2, 0.7 left
    expect(eta({ ...p, etaSeconds: 99 })).toBe(99);
  });
});

const pools: DocumentWorkerPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('a real scan reports one overall fraction', () => {
  it('two corpus books: item i/n, phase i/n, a fraction that only grows and ends at 1', async () => {
    const c = initCase(tmpDir('shoko-overall-'), { name: 'overall progress' });
    try {
      await addEvidence(c, [corpus('mobi/libmobi-sample-ncx.mobi'), corpus('epub/en-cole-voyage-of-life-images.epub')]);
      const pool = new DocumentWorkerPool(1);
      pools.push(pool);
      const seen: Progress[] = [];
      await scanCase(c, { ocr: 'never', pool, onProgress: (e) => seen.push(e) });
      expect(seen.length).toBeGreaterThan(3);
      expect(seen.every((e) => e.overall && e.item)).toBe(true);
      const f = seen.map((e) => e.overall!.fraction);
      expect(f).toEqual([...f].sort((a, b) => a - b));
      expect(f.at(-1)).toBe(1);
      expect(new Set(seen.map((e) => `${e.item!.index}/${e.item!.count}`))).toEqual(new Set(['1/2', '2/2']));
      expect(new Set(seen.map((e) => `${e.phase} ${e.overall!.phase}/${e.overall!.phases}`))).toEqual(new Set(['extract 1/2', 'match 2/2']));
    } finally {
      c.close();
    }
  });
});
