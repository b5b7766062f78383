// Benchmark at the real incident's scale (issue 13): a 14,612-record Shift_JIS leak list, the whole list
// printed in tables in a text book (EPUB, and AZW3 when calibre is installed), and a 300-page screenshot
// book (20 records a page). Runs the whole `triage` on each, as `shoko triage` does, each in its own
// process so its peak RSS is its own, and prints per-phase seconds, peak RSS, hits, records present and
// the same-run ratios:
//   text book:   whole triage / native `mutool draw -r 150` of every page of the same book (goal ≤ 10)
//   screenshots: matching of the OCR'd pages / their OCR (goal ≤ 0.10);
//                whole triage / native `tesseract -l jpn+eng`, 2 processes, OMP_THREAD_LIMIT=1 (goal ≤ 1.5)
// Usage: node --import tsx bench/seedscale/run.ts [--records N] [--pages N] [--only text|screens] [--no-azw3] [--keep DIR]
//   --pages: screenshot pages (default 300); --no-azw3: EPUB only; --keep: write everything under DIR and leave it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { epubToAzw3 } from './azw3';
import { makeSeedRecords, SEED_RECORDS, writeLeakList, KEY_COLUMN } from './leak-list';
import { haveTool, mutoolDrawSeconds, tesseractSeconds } from './natives';
import { PER_SCREEN, writeScreenshotBook } from './screenshot-book';
import { writeTableBook } from './table-book';
import { triageStage, type TriageFigures } from './triage-stage';

const STAGE = process.env.SHOKO_SEEDSCALE_STAGE;

function runStage(book: string, list: string, out: string): TriageFigures {
  const json = execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', new URL(import.meta.url).pathname], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26,
    env: { ...process.env, SHOKO_SEEDSCALE_STAGE: 'triage', SHOKO_SEEDSCALE_ARGS: JSON.stringify({ book, list, out }) },
  });
  return JSON.parse(json.trim().split('\n').pop()!) as TriageFigures;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

function print(label: string, value: unknown): void {
  console.log(`${label}: ${JSON.stringify(value)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    records: { type: 'string' }, pages: { type: 'string' }, only: { type: 'string' }, keep: { type: 'string' }, 'no-azw3': { type: 'boolean' },
  } });
  const records = Number(values.records ?? SEED_RECORDS);
  const pages = Number(values.pages ?? 300);
  const only = values.only as 'text' | 'screens' | undefined;
  if (!(records > 0) || !(pages > 0) || (only && only !== 'text' && only !== 'screens')) {
    throw new Error('usage: run.ts [--records N] [--pages N] [--only text|screens] [--keep DIR]');
  }
  const dir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-seedscale-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    let t = performance.now();
    const people = makeSeedRecords(records);
    const list = path.join(dir, 'members-sjis.csv');
    writeLeakList(list, people);
    print('list', { records: people.length, encoding: 'Shift_JIS', file: list, generatedS: r2((performance.now() - t) / 1000) });

    if (only !== 'screens') {
      t = performance.now();
      const epub = path.join(dir, 'members.epub');
      await writeTableBook(epub, people);
      print('text book', { file: epub, bytes: fs.statSync(epub).size, generatedS: r2((performance.now() - t) / 1000) });
      const ours = runStage(epub, list, path.join(dir, 'triage-epub'));
      print('text book triage (EPUB)', ours);
      const native = mutoolDrawSeconds(epub);
      print('text book mutool draw -r 150', { seconds: r2(native.seconds), pages: native.pages });
      // Per page, should the two ever lay the book out differently.
      const perPage = (ours.totalS / ours.pages) / (native.seconds / Math.max(1, native.pages));
      print('text book ratio (triage / mutool draw, per page, goal <= 10)', {
        // A triage that stopped early has no whole-triage time to compare.
        ratio: ours.error ? `none: triage stopped (${ours.error})` : r2(perPage), triageSPerPage: r2(ours.totalS / ours.pages), mutoolSPerPage: Math.round((1000 * native.seconds) / Math.max(1, native.pages)) / 1000,
        pages: ours.pages, mutoolPages: native.pages, wallGoal5min: ours.totalS <= 300, rssGoal2GB: ours.peakMB < 2048,
      });
      const azw3 = path.join(dir, 'members.azw3');
      t = performance.now();
      const made = values['no-azw3'] ? { ok: false as const, why: '--no-azw3' } : epubToAzw3(epub, azw3);
      if (made.ok) {
        print('AZW3 (calibre ebook-convert)', { file: azw3, bytes: fs.statSync(azw3).size, convertS: r2((performance.now() - t) / 1000) });
        const k = runStage(azw3, list, path.join(dir, 'triage-azw3'));
        print('text book triage (AZW3)', k);
        print('AZW3 ratio (triage / mutool draw of the EPUB, per page)', {
          ratio: k.error ? `none: triage stopped (${k.error})` : r2((k.totalS / k.pages) / (native.seconds / Math.max(1, native.pages))),
        });
      } else {
        print('AZW3', { skipped: made.why });
      }
    }

    if (only !== 'text') {
      t = performance.now();
      const book = await writeScreenshotBook(path.join(dir, 'screens'), path.join(dir, 'screens.cbz'), people, pages);
      print('screenshot book', { file: book.cbz, pages: book.pages, recordsShown: book.shown.length, generatedS: r2((performance.now() - t) / 1000) });
      const ours = runStage(book.cbz, list, path.join(dir, 'triage-screens'));
      print('screenshot book triage', ours);
      if (!haveTool('tesseract')) throw new Error('tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-jpn)');
      const images = fs.readdirSync(book.dir).sort().map((f) => path.join(book.dir, f));
      const native = await tesseractSeconds(images, 2);
      print('screenshot book native tesseract -l jpn+eng (2 processes, OMP_THREAD_LIMIT=1)', { seconds: r2(native.seconds), images: images.length });
      const ocrS = ours.phases.ocr ?? 0;
      print('screenshot ratios', {
        matchOverOcr: ocrS ? Math.round((1000 * (ours.phases.match ?? 0)) / ocrS) / 1000 : null, matchGoal: 0.1,
        triageOverTesseract: ours.error ? `none: triage stopped (${ours.error})` : r2(ours.totalS / native.seconds), triageGoal: 1.5,
        recordsPresent: ours.recordsPresent, recordsShown: book.shown.length,
        presentShare: r2(ours.recordsPresent / Math.max(1, book.shown.length)), presentGoal: 0.95,
        perScreen: PER_SCREEN,
      });
    }
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (STAGE === 'triage') {
  const a = JSON.parse(process.env.SHOKO_SEEDSCALE_ARGS!) as { book: string; list: string; out: string };
  console.log(JSON.stringify(await triageStage(a.book, a.list, a.out, KEY_COLUMN)));
} else {
  await main();
}
