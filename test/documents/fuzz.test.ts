// Issue 16: a few hundred seeded mutations of real MOBI, AZW3, EPUB and PDF files from the corpus. None
// may end in an internal error or hang past the watchdog, and a bad file must never change the result of
// a clean file read after it by the same worker pool.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../main/documents/extract-document';
import type { DocumentFormat, ExtractionResult } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { corpusFile, tmpDir } from '../helpers/paths';
import { rng } from '../helpers/seeded-rng';

// Counts weigh CI time: a mutant of a small file reads in a fraction of a second, one of a 200-page
// book in seconds (the whole book is parsed and laid out to count its pages).
const SEEDS: { file: string; format: DocumentFormat; mutations: number }[] = [
  { file: 'mobi/libmobi-sample-ncx.mobi', format: 'mobi', mutations: 70 },
  { file: 'mobi/ja-kusamakura.calibre.azw3', format: 'azw3', mutations: 8 },
  { file: 'mobi/en-childrens-literature.kf7-kf8-joint.mobi', format: 'mobi', mutations: 6 },
  { file: 'epub/epubcheck-minimal-valid.epub', format: 'epub', mutations: 45 },
  { file: 'epub/en-childrens-literature.epub', format: 'epub', mutations: 5 },
  { file: 'pdf/ja-pdfjs-issue16063-text.pdf', format: 'pdf', mutations: 50 },
  { file: 'pdf/en-annot-pypdf-annotated.pdf', format: 'pdf', mutations: 20 },
];
/** Clean books read again and again between the mutants: their text must never change. */
const CLEAN: { file: string; format: DocumentFormat }[] = [
  { file: 'mobi/libmobi-sample-ncx.mobi', format: 'mobi' },
  { file: 'pdf/en-form-pypdf-libreoffice-form.pdf', format: 'pdf' },
];
/** Pages laid out per mutant: the whole file is parsed, only the first pages are laid out (CI time). */
const PAGES = { from: 0, to: 3 };
// A JavaScript bug surfacing as an item's error (not a sentence about the file).
const INTERNAL = /internal error|TypeError|ReferenceError|is not a function|Cannot read propert|undefined is not|Maximum call stack/;

function mutate(bytes: Buffer, rand: () => number): { data: Buffer; how: string } {
  const data = Buffer.from(bytes);
  const at = (n = data.length) => Math.floor(rand() * n);
  switch (at(5)) {
    case 0: {
      const n = 1 + at(8);
      const where: number[] = [];
      for (let i = 0; i < n; i++) { const p = at(); data[p] ^= 1 + at(255); where.push(p); }
      return { data, how: `flip bytes at ${where.join(',')}` };
    }
    case 1: {
      const p = at(data.length - 4);
      data.writeUInt32BE(rand() < 0.5 ? 0xffffffff : 0, p);
      return { data, how: `word at ${p} set to ${data.readUInt32BE(p)}` };
    }
    case 2: {
      const p = 64 + at(data.length - 64);
      return { data: data.subarray(0, p), how: `truncated at ${p}` };
    }
    case 3: {
      const p = at(data.length - 256), len = 1 + at(256);
      return { data: Buffer.concat([data.subarray(0, p + len), data.subarray(p, p + len), data.subarray(p + len)]), how: `${len} bytes at ${p} repeated` };
    }
    default: {
      const p = at(data.length - 64);
      data.fill(0, p, p + 64);
      return { data, how: `64 bytes zeroed at ${p}` };
    }
  }
}

function digest(r: ExtractionResult): string {
  return createHash('sha256').update(JSON.stringify({ status: r.status, pages: r.pageCount, text: r.pages.map((p) => p.lines.map((l) => l.text)) })).digest('hex');
}

const pool = new DocumentWorkerPool(1);
afterAll(() => pool.close());

describe('fuzz: seeded mutations of real books', () => {
  it('no internal error, no hang, and no mutant changes a clean book read after it', async () => {
    const tmp = tmpDir('shoko-fuzz-');
    const baseline = new Map<string, string>();
    for (const c of CLEAN) baseline.set(c.file, digest(await extractDocument({ path: corpusFile(c.file), format: c.format }, { pool, ...PAGES })));
    for (const c of CLEAN) expect(baseline.get(c.file)).not.toBe(digest({ status: 'ok', format: c.format, layout: null, pageCount: 0, metadata: null, pages: [] }));

    const rand = rng(0x5e0c0);
    const outcomes: Record<string, number> = {};
    let slowest = { ms: 0, what: '' };
    let n = 0;
    for (const seed of SEEDS) {
      const original = fs.readFileSync(corpusFile(seed.file));
      for (let i = 0; i < seed.mutations; i++, n++) {
        const { data, how } = mutate(original, rand);
        const file = path.join(tmp, `m${n}${path.extname(seed.file)}`);
        fs.writeFileSync(file, data);
        const started = Date.now();
        const r = await extractDocument({ path: file, format: seed.format }, { pool, ...PAGES, limits: { idleTimeoutMs: 30_000, openTimeoutMs: 60_000 } });
        if (Date.now() - started > slowest.ms) slowest = { ms: Date.now() - started, what: `${seed.file} mutant ${i} (${how})` };
        const what = `${seed.file} mutant ${i} (${how}): ${r.status} ${r.error ?? ''}`;
        if (process.env.SHOKO_FUZZ_LOG) fs.appendFileSync(process.env.SHOKO_FUZZ_LOG, `${Date.now() - started} ms ${what}\n`);
        outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
        expect(['ok', 'failed', 'protected', 'partial'], what).toContain(r.status);
        if (r.error) {
          expect(r.error, what).not.toMatch(INTERNAL);
          expect(r.error, what).not.toMatch(/\n/);
        }
        fs.rmSync(file);
        // Every few mutants, and after any failure, the clean books must read exactly as before.
        if (r.status === 'failed' || n % 10 === 0) {
          for (const c of CLEAN) {
            const again = await extractDocument({ path: corpusFile(c.file), format: c.format }, { pool, ...PAGES });
            expect(digest(again), `${c.file} read after ${what}`).toBe(baseline.get(c.file));
          }
        }
      }
    }
    // Both kinds of outcome occur: the mutations reach real parsing, not only the first check.
    expect(outcomes.ok ?? 0).toBeGreaterThan(10);
    expect(outcomes.failed ?? 0).toBeGreaterThan(10);
    console.log(`fuzz: ${n} mutants: ${JSON.stringify(outcomes)}, slowest ${slowest.ms} ms (${slowest.what})`);
  }, 1_200_000);
});
