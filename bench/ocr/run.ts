/**
 * OCR benchmark (a script, not a test): seconds per page and CER for ~20 rendered Japanese pages and
 * ~20 English pages, through Shoko (tesseract.js pool) and through native Debian `tesseract`
 * (OMP_THREAD_LIMIT=1, one process per core) on the same images in the same run.
 *
 *   npx tsx bench/ocr/run.ts [--pages 20] [--variant 4.0.0_best_int|4.0.0] [--auto] [--sets ja,en,sideways] [--data-base DIR]
 *
 * Pages are rendered here with MuPDF from the corpus EPUBs at 150 dpi; the reference text of each page
 * is MuPDF's own text of that page (so "known text"). --auto also times Japanese with the writing
 * mode left to detection (both modes tried) instead of declared horizontal. `sideways` reads the generated
 * vertical page with sideways Latin (test/ocr/vertical-sideways-page.ts). --data-base reads language data
 * from DIR/<lang>/<variant>/ (to measure other model data, e.g. tessdata_fast).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as mupdf from 'mupdf';
import yauzl from 'yauzl';
import { charErrorRate } from '../../main/ocr/char-error-rate';
import { languageDataFile, setLanguageDataBase, type ModelVariant } from '../../main/ocr/language-data';
import { ocrImage, type VerticalChoice } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';
import { SIDEWAYS_RECORDS, verticalSidewaysPage } from '../../test/ocr/vertical-sideways-page';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PAGES = Number(arg('pages', '20'));
const VARIANT = arg('variant', '4.0.0_best_int') as ModelVariant;
const AUTO = args.includes('--auto');
const SETS = arg('sets', 'ja,en').split(',');
const DATA_BASE = arg('data-base', '');
if (DATA_BASE) setLanguageDataBase(DATA_BASE);
const CORES = os.availableParallelism();
const DPI = 150;
const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');

interface BenchPage { file: string; reference: string }

/** The text of one XHTML file inside an EPUB, ruby readings removed (OCR reads the base text only). */
async function epubChapterHtml(epub: string, entry: string): Promise<string> {
  const xhtml = await new Promise<string>((resolve, reject) => {
    yauzl.fromBuffer(fs.readFileSync(path.join(CORPUS, 'epub', epub)), { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== entry) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => { zip.close(); resolve(Buffer.concat(chunks).toString('utf8')); });
        });
      });
      zip.on('end', () => reject(new Error(`${epub}: no ${entry}`)));
      zip.readEntry();
    });
  });
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(xhtml)?.[1] ?? '';
  const text = body.replace(/<rt>[\s\S]*?<\/rt>|<rp>[\s\S]*?<\/rp>/g, '').replace(/<img[^>]*>/g, '');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${text}</body></html>`;
}

function renderPages(doc: mupdf.Document, name: string, first: number, count: number, outDir: string): BenchPage[] {
  doc.layout(420, 595, 11);
  const pages: BenchPage[] = [];
  for (let i = first; pages.length < count && i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const reference = page.toStructuredText('preserve-whitespace').asText();
    if (reference.replace(/\s/g, '').length < 100) continue; // skip near-empty pages
    const pix = page.toPixmap(mupdf.Matrix.scale(DPI / 72, DPI / 72), mupdf.ColorSpace.DeviceGray, false);
    const file = path.join(outDir, `${name}-p${String(i).padStart(3, '0')}.png`);
    fs.writeFileSync(file, pix.asPNG().slice());
    pages.push({ file, reference });
  }
  return pages;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
  }));
  return out;
}

/** Native tesseract on one image; CPU seconds from /usr/bin/time (children's rusage is not visible otherwise). */
function nativeTesseract(file: string, langs: string, tessdataDir?: string, psm = '3'): Promise<{ text: string; cpu: number }> {
  return new Promise((resolve, reject) => {
    const extra = tessdataDir ? ['--tessdata-dir', tessdataDir] : [];
    execFile('/usr/bin/time', ['-f', 'CPU %U %S', 'tesseract', file, 'stdout', '-l', langs, '--psm', psm, '--dpi', String(DPI), ...extra],
      { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(err);
        const m = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
        resolve({ text: stdout, cpu: m ? Number(m[1]) + Number(m[2]) : NaN });
      });
  });
}

interface Figures { secondsPerPage: number; cpuPerPage: number; cer: number }

/**
 * Reads every page (the reader limits its own concurrency) and measures wall time per page and CPU
 * time per page; CPU is the fairer figure on a shared, loaded machine.
 */
async function timeIt(pages: BenchPage[], read: (p: BenchPage) => Promise<{ text: string; cpu?: number }>): Promise<Figures> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await mapLimit(pages, pages.length, read);
  const seconds = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(c0);
  const childCpu = out.reduce((s, o) => s + (o.cpu ?? 0), 0);
  const cpu = out.some((o) => o.cpu !== undefined) ? childCpu : (own.user + own.system) / 1e6;
  // CER over the whole set: total edits / total reference characters.
  let edits = 0, chars = 0;
  out.forEach((o, i) => {
    const n = pages[i].reference.replace(/\s/g, '').length;
    edits += charErrorRate(o.text, pages[i].reference) * n;
    chars += n;
  });
  return { secondsPerPage: seconds / pages.length, cpuPerPage: cpu / pages.length, cer: edits / chars };
}

const fmt = (f: Figures) => `${f.secondsPerPage.toFixed(2)} s/page (CPU ${f.cpuPerPage.toFixed(2)} s/page), CER ${(f.cer * 100).toFixed(2)}%`;

async function main(): Promise<void> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-ocr-'));
  console.log(`rendering ${PAGES} Japanese + ${PAGES} English pages at ${DPI} dpi into ${outDir}`);
  // Kusamakura without its ruby (MuPDF would set the readings inline), laid out horizontally by MuPDF.
  const jaHtml = (await epubChapterHtml('ja-kusamakura-vertical.epub', 'OPS/xhtml/一.xhtml')) + (await epubChapterHtml('ja-kusamakura-vertical.epub', 'OPS/xhtml/二.xhtml'));
  const ja = renderPages(mupdf.Document.openDocument(Buffer.from(jaHtml), 'text/html'), 'ja-kusamakura', 0, PAGES, outDir);
  const en = renderPages(mupdf.Document.openDocument(fs.readFileSync(path.join(CORPUS, 'epub/en-childrens-literature.epub')), 'application/epub+zip'), 'en-childrens', 5, PAGES, outDir);
  console.log(`cores ${CORES}, Shoko pool ${Math.max(2, CORES)} workers, model data ${VARIANT}; native: ${CORES} parallel tesseract processes, OMP_THREAD_LIMIT=1`);

  const pool = new OcrPool({ variant: VARIANT });
  // Warm the workers (start-up is paid once per process, not per page).
  await Promise.all([
    ocrImage(new Uint8Array(fs.readFileSync(ja[0].file)), { pool, langs: 'jpn+eng', vertical: 'no' }),
    ocrImage(new Uint8Array(fs.readFileSync(en[0].file)), { pool, langs: 'eng' }),
  ]);

  const shoko = (langs: string, vertical: VerticalChoice) => (p: BenchPage) =>
    ocrImage(new Uint8Array(fs.readFileSync(p.file)), { pool, langs, vertical, dpi: DPI }).then((r) => ({ text: r.text }));
  const native = (langs: string, dir?: string) => (p: BenchPage) => mapLimitNative(p.file, langs, dir);
  // The same model data as Shoko, for native too: separates "WASM vs native" from "which model".
  const sameData = path.join(outDir, 'tessdata');
  fs.mkdirSync(sameData);
  for (const l of ['jpn', 'eng']) fs.writeFileSync(path.join(sameData, `${l}.traineddata`), zlib.gunzipSync(fs.readFileSync(languageDataFile(l, VARIANT))));
  const nativeSlots = { busy: 0, waiters: [] as (() => void)[] };
  async function mapLimitNative(file: string, langs: string, dir?: string): Promise<{ text: string; cpu: number }> {
    while (nativeSlots.busy >= CORES) await new Promise<void>((r) => nativeSlots.waiters.push(r));
    nativeSlots.busy++;
    try {
      return await nativeTesseract(file, langs, dir);
    } finally {
      nativeSlots.busy--;
      nativeSlots.waiters.shift()?.();
    }
  }

  const rows: [string, Figures, Figures, Figures][] = [];
  if (SETS.includes('ja')) {
    const jaShoko = await timeIt(ja, shoko('jpn+eng', 'no'));
    const jaNative = await timeIt(ja, native('jpn+eng'));
    const jaNativeSame = await timeIt(ja, native('jpn+eng', sameData));
    rows.push(['Japanese (horizontal, declared)', jaShoko, jaNative, jaNativeSame]);
    if (AUTO) rows.push(['Japanese (writing mode auto)', await timeIt(ja, shoko('jpn+eng', 'auto')), jaNative, jaNativeSame]);
  }
  if (SETS.includes('en')) {
    const enShoko = await timeIt(en, shoko('eng', 'no'));
    const enNative = await timeIt(en, native('eng'));
    const enNativeSame = await timeIt(en, native('eng', sameData));
    rows.push(['English', enShoko, enNative, enNativeSame]);
  }

  // The generated vertical page with sideways Latin (issue 17): values read, time against native jpn_vert.
  let sidewaysLine = '';
  if (SETS.includes('sideways')) {
    const { png } = verticalSidewaysPage();
    const file = path.join(outDir, 'vertical-sideways.png');
    fs.writeFileSync(file, png);
    const values = SIDEWAYS_RECORDS.flatMap((p) => [p.name, p.email, p.phone]);
    const readOf = (text: string) => values.filter((v) => text.replace(/\s+/g, '').includes(v)).length;
    const t0 = performance.now(), c0 = process.cpuUsage();
    const mine = await ocrImage(png, { pool, vertical: 'auto' });
    const c = process.cpuUsage(c0), wall = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const nat = await nativeTesseract(file, 'jpn_vert', undefined, '5');
    const natWall = (performance.now() - t1) / 1000;
    sidewaysLine = `vertical page with sideways Latin (${values.length} values): Shoko ${readOf(mine.text)} read, ${wall.toFixed(2)} s (CPU ${((c.user + c.system) / 1e6).toFixed(2)} s), ` +
      `mode ${mine.mode}, rotation ${mine.rotation}, ${mine.sidewaysWords} runs; native jpn_vert PSM 5 ${readOf(nat.text)} read, ${natWall.toFixed(2)} s (CPU ${nat.cpu.toFixed(2)} s); ` +
      `ratio wall ${(wall / natWall).toFixed(2)}x, CPU ${((c.user + c.system) / 1e6 / nat.cpu).toFixed(2)}x`;
  }

  // The corpus reference images, for the model-data choice.
  const images: [string, string, string][] = [
    ['ja-rendered-kusamakura-horizontal.png', 'ja-rendered-kusamakura.gt.txt', 'jpn+eng'],
    ['ja-rendered-kusamakura-vertical.png', 'ja-rendered-kusamakura.gt.txt', 'jpn+eng'],
    ['en-tesseract-phototest.tif', 'en-tesseract-phototest.gt.txt', 'eng'],
    ['ja-rendered-pii-form-SYNTHETIC.png', 'ja-rendered-pii-form-SYNTHETIC.gt.txt', 'jpn+eng'],
  ];
  const imageLines: string[] = [];
  for (const [img, gt, langs] of images) {
    const c0 = process.cpuUsage();
    const r = await ocrImage(new Uint8Array(fs.readFileSync(path.join(CORPUS, 'images', img))), { pool, langs, vertical: 'auto' });
    const c = process.cpuUsage(c0);
    const cer = charErrorRate(r.text, fs.readFileSync(path.join(CORPUS, 'images', gt), 'utf8'));
    imageLines.push(`  ${img}: CER ${(cer * 100).toFixed(2)}%, mode ${r.mode}, CPU ${((c.user + c.system) / 1e6).toFixed(2)} s (writing mode auto)`);
  }
  await pool.close();

  console.log('');
  for (const [name, s, n, same] of rows) {
    console.log(`${name}:\n  Shoko                          ${fmt(s)}\n  native (Debian data)           ${fmt(n)}\n  native (same data as Shoko)    ${fmt(same)}`);
    console.log(`  ratio Shoko/native: wall ${(s.secondsPerPage / n.secondsPerPage).toFixed(2)}x, CPU ${(s.cpuPerPage / n.cpuPerPage).toFixed(2)}x; vs native on the same data: wall ${(s.secondsPerPage / same.secondsPerPage).toFixed(2)}x, CPU ${(s.cpuPerPage / same.cpuPerPage).toFixed(2)}x`);
  }
  if (sidewaysLine) console.log(sidewaysLine);
  console.log(`corpus images (model data ${VARIANT}):`);
  for (const l of imageLines) console.log(l);
  fs.rmSync(outDir, { recursive: true, force: true });
}

await main();
