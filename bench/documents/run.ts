// Benchmark of the document engine: pages/s for text extraction and for rendering at 150 DPI over a
// generated 300-page book, beside native `mutool draw` on the same file in the same run.
// Run: npx tsx bench/documents/run.ts [pages=300]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { extractDocument, renderDocumentPage } from '../../main/documents/extract-document';
import type { DocumentSource } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';

const PAGES = Number(process.argv[2] ?? 300);
const DPI = 150;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-docs-'));
const corpus = path.resolve(process.cwd(), '../shared/corpus');

/** The book: kusamakura (Japanese) laid out at the default layout and written to PDF by MuPDF. */
function generateBook(file: string): void {
  const epub = mupdf.Document.openDocument(fs.readFileSync(path.join(corpus, 'epub/ja-kusamakura-vertical.epub')), 'application/epub+zip');
  epub.layout(420, 595, 11);
  const en = mupdf.Document.openDocument(fs.readFileSync(path.join(corpus, 'epub/en-childrens-literature.epub')), 'application/epub+zip');
  en.layout(420, 595, 11);
  const out = new mupdf.Buffer();
  const writer = new mupdf.DocumentWriter(out, 'pdf', 'compress');
  const sources = [epub, en];
  const counts = sources.map((d) => d.countPages());
  for (let i = 0; i < PAGES; i++) {
    const d = i % 2;
    const page = sources[d].loadPage(Math.floor(i / 2) % counts[d]);
    const dev = writer.beginPage(page.getBounds());
    page.run(dev, mupdf.Matrix.identity);
    writer.endPage();
  }
  writer.close();
  fs.writeFileSync(file, out.asUint8Array());
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, (performance.now() - t) / 1000];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

/** Splits pages over the pool's workers (each keeps the book open between jobs). */
async function renderAll(pool: DocumentWorkerPool, source: DocumentSource, format: 'png' | 'rgba'): Promise<number> {
  let next = 0;
  let bytes = 0;
  await Promise.all(Array.from({ length: pool.size }, async () => {
    while (next < PAGES) {
      const i = next++;
      const r = await renderDocumentPage(source, i, { pool, dpi: DPI, format });
      bytes += r.data.byteLength;
    }
  }));
  return bytes;
}

async function extractAll(pool: DocumentWorkerPool, source: DocumentSource): Promise<number> {
  const per = Math.ceil(PAGES / pool.size);
  const parts = await Promise.all(Array.from({ length: pool.size }, (_, k) =>
    extractDocument(source, { pool, from: k * per, to: Math.min(PAGES - 1, (k + 1) * per - 1) })));
  for (const p of parts) if (p.status !== 'ok') throw new Error(p.error);
  return parts.reduce((n, p) => n + p.pages.length, 0);
}

async function main() {
  const file = path.join(tmp, 'book.pdf');
  const [, genS] = time(() => generateBook(file));
  const source: DocumentSource = { path: file, format: 'pdf' };
  console.log(`book: ${PAGES} pages, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MiB PDF (generated in ${genS.toFixed(1)} s); ${os.cpus().length} cores; render at ${DPI} dpi`);

  const rows: { what: string; seconds: number; pps: number; ratio?: string }[] = [];
  const range = `1-${PAGES}`;
  // Native references, one process each (mutool draw is single-threaded). Files go to memory
  // (/dev/shm) so the disk does not set the pace; "no output" renders and throws the pixels away.
  const shm = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/shoko-bench-') : tmp;
  const [, nText] = time(() => execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', path.join(shm, 'native.stext'), file, range]));
  const [, nPng] = time(() => execFileSync('mutool', ['draw', '-q', '-r', String(DPI), '-o', path.join(shm, 'native-%d.png'), file, range]));
  for (const f of fs.readdirSync(shm)) fs.rmSync(path.join(shm, f));
  const [, nRaw] = time(() => execFileSync('mutool', ['draw', '-q', '-r', String(DPI), file, range]));
  if (shm !== tmp) fs.rmSync(shm, { recursive: true, force: true });
  rows.push({ what: 'native mutool draw -F stext (text)', seconds: nText, pps: PAGES / nText });
  rows.push({ what: `native mutool draw PNG ${DPI} dpi`, seconds: nPng, pps: PAGES / nPng });
  rows.push({ what: `native mutool draw ${DPI} dpi, no output (pixels only)`, seconds: nRaw, pps: PAGES / nRaw });

  for (const size of [1, 2]) {
    const pool = new DocumentWorkerPool(size);
    // Warm up: start the workers and open the book once in each.
    await Promise.all(Array.from({ length: size }, (_, k) => renderDocumentPage(source, k, { pool, dpi: 10, format: 'rgba' })));
    const [, eS] = await timeAsync(() => extractAll(pool, source));
    rows.push({ what: `Shoko extract (text+boxes), ${size} worker${size > 1 ? 's' : ''}`, seconds: eS, pps: PAGES / eS, ratio: `${(nText / eS).toFixed(2)}× native stext` });
    const [, rS] = await timeAsync(() => renderAll(pool, source, 'rgba'));
    rows.push({ what: `Shoko render raw RGBA, ${size} worker${size > 1 ? 's' : ''}`, seconds: rS, pps: PAGES / rS, ratio: `${(nRaw / rS).toFixed(2)}× native pixels-only, ${(nPng / rS).toFixed(2)}× native PNG` });
    const [, pS] = await timeAsync(() => renderAll(pool, source, 'png'));
    rows.push({ what: `Shoko render PNG, ${size} worker${size > 1 ? 's' : ''}`, seconds: pS, pps: PAGES / pS, ratio: `${(nPng / pS).toFixed(2)}× native PNG` });
    await pool.close();
  }
  console.log('\n| run | seconds | pages/s | speed vs native (>1 = faster) |\n|---|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.what} | ${r.seconds.toFixed(2)} | ${r.pps.toFixed(1)} | ${r.ratio ?? 'reference'} |`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
