// Benchmark of the coverage check (main/documents/coverage.ts) on a generated ~1,400-page EPUB: the
// time to rebuild the source text and compare it with the pages, beside the time the same worker
// took to extract those pages (text with boxes) in the same run. One paragraph is hidden with
// display:none, so the measure must also find and place it.
// Run: npx tsx bench/coverage/run.ts [copies=8]   (8 copies: about 1,350 pages)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCoverage } from '../../main/documents/coverage';
import { extractDocument } from '../../main/documents/extract-document';
import { epubSourceText } from '../../main/documents/source-text';
import { DEFAULT_LIMITS } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { writeEpub } from '../../test/documents/generate';

const COPIES = Number(process.argv[2] ?? 8);
const corpus = path.resolve(process.cwd(), '../shared/corpus');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-coverage-'));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const HIDDEN = '会員番号 A-0001 佐藤花子 hanako.sato@example.com 080-1111-2222 東京都千代田区';

async function main(): Promise<void> {
  // Real prose: kusamakura (Japanese) several times, each copy's paragraphs numbered so no two are alike,
  // then an English book.
  const ja = await epubSourceText(new Uint8Array(fs.readFileSync(path.join(corpus, 'epub/ja-kusamakura-vertical.epub'))), DEFAULT_LIMITS);
  const en = await epubSourceText(new Uint8Array(fs.readFileSync(path.join(corpus, 'epub/en-childrens-literature.epub'))), DEFAULT_LIMITS);
  const chapters: string[] = [];
  const paras = (t: string) => t.split(/\n+/).map((l) => l.trim()).filter(Boolean);
  for (let copy = 0; copy < COPIES; copy++) {
    for (const [d, doc] of ja.documents.entries()) chapters.push(paras(doc.text).map((p, n) => `<p>〔${copy + 1}-${d}-${n}〕${esc(p)}</p>`).join('\n'));
  }
  for (const doc of en.documents) chapters.push(paras(doc.text).map((p) => `<p>${esc(p)}</p>`).join('\n'));
  const middle = Math.floor(chapters.length / 2);
  chapters[middle] = chapters[middle].replace('</p>', `</p><p class="x">${HIDDEN}</p>`);
  const file = path.join(tmp, 'big.epub');
  await writeEpub(file, { title: 'coverage bench', chapters, css: '.x { display: none }' });

  const pool = new DocumentWorkerPool(1);
  try {
    const t0 = performance.now();
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    const extractMs = performance.now() - t0;
    if (r.status !== 'ok' || !r.coverage) throw new Error(`extraction: ${r.status} ${r.error ?? r.coverageError ?? ''}`);

    // The same measure again on the main thread, timed on its own: source rebuild + comparison.
    const pages = r.pages.map((p) => p.lines.map((l) => l.text).join('\n'));
    const t1 = performance.now();
    const src = await epubSourceText(new Uint8Array(fs.readFileSync(file)), DEFAULT_LIMITS);
    const t2 = performance.now();
    const c = measureCoverage(src.documents, pages, src.unreadable);
    const t3 = performance.now();

    console.log(`book: ${r.pageCount} pages, ${c.sourceChars.toLocaleString()} source characters, ${chapters.length} spine documents`);
    console.log(`extract (text + boxes, 1 worker, includes the in-worker coverage): ${(extractMs / 1000).toFixed(2)} s`);
    console.log(`coverage: source text ${(t2 - t1).toFixed(0)} ms + compare ${(t3 - t2).toFixed(0)} ms = ${(t3 - t1).toFixed(0)} ms`);
    console.log(`ratio coverage / extraction: ${((t3 - t1) / extractMs).toFixed(3)}`);
    console.log(`coverage ${(c.coverage * 100).toFixed(3)} %, ${c.missingChars} characters missing in ${c.missingRuns} place(s):`);
    for (const m of c.missing) console.log(`  ${m.document} @${m.offset}: ${m.missing}/${m.length} 「${m.excerpt}」`);
  } finally {
    await pool.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
