// Benchmark of detection quality at the real incident's scale: a 14,612-record list (names repeat, near-miss
// namesakes) printed whole in an EPUB of tables 氏名 | メール | 電話 | 住所 with narrow cells (names and
// addresses wrap), opened by MuPDF in the document worker; and 300 OCR-like pages of 20 members each.
// Prints, as JSON lines:
//   book   — records present, and per field the share of printed values (located independently) under hit
//            boxes, with line joining and without it (what detection did before), same run;
//   ocr    — recall and precision on the OCR pages (namesakes one e-mail character away listed), matching
//            ms per page, and that against native tesseract's time for one rendered table page (same run).
// Usage: npx tsx bench/detect-fields/run.ts [records=14612] [layout=table|blocks] [ocrPages=300]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectPages, type PageDetection } from '../../main/detect/match/detect-pages';
import { extractDocument, renderDocumentPage } from '../../main/documents/extract-document';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import type { PageContent } from '../../shared/model/page';
import { makeFaker, toCsv } from '../../test/detect/support/fake-people';
import { COVERED_FIELDS, fieldCoverage } from '../../test/detect/support/field-coverage';
import { matcherFromCsv } from '../../test/detect/support/index-from-csv';
import { listWithRepeatedNames, writeTableEpub, type TableLayout } from '../../test/detect/support/leak-table-book';
import { makePage } from '../../test/detect/support/pages';
import { ocrNoise } from '../../test/detect/support/write-styles';

const records = Number(process.argv[2] ?? 14_612);
const layout = (process.argv[3] ?? 'table') as TableLayout;
const ocrPages = Number(process.argv[4] ?? 300);
const keyOf = (i: number) => `M${String(i + 1).padStart(6, '0')}`;
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-fields-'));
const pool = new DocumentWorkerPool(2);
try {
  const { people, twinOf } = listWithRepeatedNames(records, 14_612);
  const matcher = await matcherFromCsv(toCsv(people));

  // The text book: every record, in list order, in tables.
  const book = path.join(dir, `members-${layout}.epub`);
  await writeTableEpub(book, people, { seed: 7, layout });
  let t = performance.now();
  const ex = await extractDocument({ path: book, format: 'epub' }, { pool });
  const extractS = (performance.now() - t) / 1000;
  if (ex.status !== 'ok') throw new Error(`extraction ${ex.status}: ${ex.error}`);
  const pages: PageContent[] = ex.pages;
  const bookFigures = (detections: PageDetection[], cpu: number) => {
    const present = new Set(detections.flatMap((d) => d.records.filter((r) => r.present).map((r) => r.recordKey)));
    const cov = fieldCoverage(pages, detections, people, keyOf);
    return {
      present: present.size, matchCpuS: round(cpu / 1000, 2),
      ...Object.fromEntries(COVERED_FIELDS.map((f) => [`${f}Covered`, round(cov.covered[f] / Math.max(1, cov.located[f]))])),
      located: cov.located,
    };
  };
  let c = cpuMs();
  const before = detectPages(pages, matcher, { joinWrapped: false });
  const beforeFig = bookFigures(before, cpuMs() - c);
  c = cpuMs();
  const after = detectPages(pages, matcher);
  const afterFig = bookFigures(after, cpuMs() - c);
  console.log(JSON.stringify({ phase: 'book', layout, records, pages: pages.length, extractS: round(extractS, 1), withoutJoins: beforeFig, withJoins: afterFig }));

  // OCR pages: originals of near-miss namesakes and other members, 20 a page, name + phone then e-mail.
  const f = makeFaker(11);
  const originals = people.map((_, i) => i).filter((i) => twinOf[i] < 0 && twinOf[i + 1] === i);
  const others = people.map((_, i) => i).filter((i) => twinOf[i] < 0 && twinOf[i + 1] !== i);
  const twins = f.helpers.arrayElements(originals, Math.min(originals.length, ocrPages * 10));
  const rows = f.helpers.shuffle([...twins, ...f.helpers.arrayElements(others, Math.min(others.length, ocrPages * 20 - twins.length))]);
  const ocr: PageContent[] = [];
  for (let p = 0; p * 20 < rows.length; p++) {
    ocr.push(makePage(p, rows.slice(p * 20, p * 20 + 20).flatMap((i) => [ocrNoise(f, `${people[i].name}　${people[i].phone}`, 1.5), ocrNoise(f, people[i].email, 1.5)]), 'ocr'));
  }
  matcher.fuzzyIndex(); // built once per run, as scan does
  c = cpuMs();
  const det = detectPages(ocr, matcher);
  const matchMs = cpuMs() - c;
  const truth = new Set(rows.map(keyOf));
  const found = new Set(det.flatMap((d) => d.records.filter((r) => r.present).map((r) => r.recordKey)));
  const tp = [...found].filter((k) => truth.has(k)).length;

  // Reference, same run: native tesseract on one rendered table page (150 dpi), as the scan's OCR would read it.
  const png = await renderDocumentPage({ path: book, format: 'epub' }, 1, { dpi: 150, format: 'png', pool });
  const img = path.join(dir, 'page.png');
  fs.writeFileSync(img, png.data);
  t = performance.now();
  const tess = spawnSync('tesseract', [img, '-', '-l', 'jpn+eng'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  const ocrMs = performance.now() - t;
  console.log(JSON.stringify({
    phase: 'ocr', records, pages: ocr.length, printed: truth.size, present: found.size, recall: round(tp / truth.size), precision: round(tp / Math.max(1, found.size)),
    matchMsPerPage: round(matchMs / ocr.length, 1), tesseractMsPerPage: tess.status === 0 ? Math.round(ocrMs) : null,
    matchVsOcr: tess.status === 0 ? round(matchMs / ocr.length / ocrMs, 4) : null,
  }));
} finally {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
