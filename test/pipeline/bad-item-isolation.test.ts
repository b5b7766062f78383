import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { extractDocument } from '../../main/documents/extract-document';
import { addEvidence } from '../../main/evidence/intake';
import { notReadWholeLine, scanCase } from '../../main/pipeline/scan';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import type { DocumentSource, ExtractionResult } from '../../main/documents/types';
import { tmpDir } from '../helpers/paths';
import { corpus } from '../documents/generate';

/**
 * A real MOBI 6 (PalmDOC-compressed) with one byte of its first text record set to 0. Found by a
 * seeded search (random record, offset and value; the first trial hit): MuPDF.js 1.28, opening it
 * the way the worker does, hits a WebAssembly "memory access out of bounds" while laying it out.
 * (Searches over ja-kusamakura.calibre.mobi found faults only after earlier trials had run in the same
 * engine — corruption carried over — never in a fresh engine, so this file is used.)
 */
function faultingMobi(dir: string): string {
  const bytes = Buffer.from(fs.readFileSync(corpus('realworld/libmobi-sample-cp1252.mobi')));
  const record1 = bytes.readUInt32BE(78 + 8); // PalmDB record list: 8 bytes per record, from offset 78
  bytes[record1 + 642] = 0;
  const file = path.join(dir, 'bad.mobi');
  fs.writeFileSync(file, bytes);
  return file;
}

const clean: DocumentSource[] = [
  { path: corpus('mobi/libmobi-sample-ncx.mobi'), format: 'mobi' },
  { path: corpus('epub/en-cole-voyage-of-life-images.epub'), format: 'epub' },
];

/** What a reading gives, minus nothing: pages with every line and box, coverage, metadata. */
const reading = (r: ExtractionResult) => JSON.stringify({ ...r, metadata: { ...r.metadata, warnings: undefined } });

const pools: DocumentWorkerPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('a book that makes the MuPDF engine fault', () => {
  it('fails alone: its worker is replaced, and the files after it read exactly as without it', async () => {
    const bad: DocumentSource = { path: faultingMobi(tmpDir('shoko-fault-')), format: 'mobi' };

    // The reference: the clean files on a pool that never saw the bad one.
    const fresh = new DocumentWorkerPool(1);
    pools.push(fresh);
    const expected: string[] = [];
    for (const s of clean) expected.push(reading(await extractDocument(s, { pool: fresh })));

    // One worker only, so a reused engine would be the one that faulted.
    const pool = new DocumentWorkerPool(1);
    pools.push(pool);
    const broken = await extractDocument(bad, { pool });
    expect(broken.status).toBe('failed');
    expect(broken.error).toMatch(/memory access out of bounds/);
    expect(pool.workersStarted).toBe(1);
    for (const [i, s] of clean.entries()) {
      const r = await extractDocument(s, { pool });
      expect(r.status, r.error).toBe('ok');
      expect(reading(r)).toBe(expected[i]);
    }
    // The faulted engine was replaced once; the clean files then shared the new one.
    expect(pool.workersStarted).toBe(2);
    // And again after a second fault, in another order.
    expect((await extractDocument(bad, { pool })).status).toBe('failed');
    expect(reading(await extractDocument(clean[1], { pool }))).toBe(expected[1]);
  }, 180_000);

  it('in a scan: the bad item fails, the others are read as if it were absent, the summary says so', async () => {
    const dir = tmpDir('shoko-fault-case-');
    const c = initCase(path.join(dir, 'case'), { name: 'fault' });
    try {
      await addEvidence(c, [faultingMobi(dir), ...clean.map((s) => s.path)]);
      const pool = new DocumentWorkerPool(1);
      pools.push(pool);
      const report = await scanCase(c, { ocr: 'never', pool });
      // The paintings book's pictures are left to OCR, which this scan turned off: partial for that alone.
      expect(report.items.map((i) => i.readStatus)).toEqual(['failed', 'ok', 'partial']);
      expect(report.items[2].partialReason).toMatch(/^ocr-pages-not-read: .*OCR was turned off for this scan$/);
      expect(report.items[0].error).toMatch(/memory access out of bounds/);
      expect(report.items.slice(1).map((i) => i.coverage)).toEqual([1, 1]);
      expect(notReadWholeLine(report)).toBe('2 of 3 items not read whole: 1 failed, 1 partial');
    } finally {
      c.close();
    }
  }, 180_000);
});
