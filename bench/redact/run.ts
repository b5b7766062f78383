// Benchmark of redaction: a generated EPUB of text pages with leaked records in tables on every page, scanned,
// then every page exported redacted (PNG, --status all-hits) and proven, beside native `mutool draw -r 150` of
// the same pages and the old way (every page re-read whole by OCR) on a sample of pages, all in the same run.
// Run: npx tsx bench/redact/run.ts [pages=300] [oldSample=12]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCase } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { listPages } from '../../main/documents/document-store';
import { addEvidence } from '../../main/evidence/intake';
import { closeSharedOcrPool } from '../../main/ocr/ocr-pool';
import { scanCase } from '../../main/pipeline/scan';
import { countLabels } from '../../main/redact/box-label';
import { exportRedacted, planItem } from '../../main/redact/export-redacted';
import { encodePagePngSync } from '../../main/redact/page-png';
import { burnedPage } from '../../main/redact/rendered-export';
import { verifyPngOutput } from '../../main/redact/verify-export';
import { DEFAULT_LAYOUT } from '../../shared/model/page';
import { writeEpub } from '../../test/documents/generate';
import { makePeople, toCsv } from '../../test/detect/support/fake-people';

const PAGES = Number(process.argv[2] ?? 300);
const OLD_SAMPLE = Number(process.argv[3] ?? 12);
/** Rows per page of the generated tables (3 columns: name, e-mail, phone; the address on its own row). */
const ROWS_PER_PAGE = 9;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-redact-'));

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

/** A member list printed as tables, about ROWS_PER_PAGE records a page, and the list as CSV. */
async function generate(): Promise<{ book: string; list: string }> {
  const people = makePeople(PAGES * ROWS_PER_PAGE, 1301);
  const list = path.join(tmp, 'members.csv');
  fs.writeFileSync(list, toCsv(people));
  const chapters: string[] = [];
  for (let i = 0; i < people.length; i += ROWS_PER_PAGE * 20) {
    const rows = people.slice(i, i + ROWS_PER_PAGE * 20).map((p) =>
      `<tr><td>${p.name}</td><td>${p.email}</td><td>${p.phone}</td></tr><tr><td colspan="3">${p.address}</td></tr>`).join('');
    chapters.push(`<h2>会員名簿 ${i / (ROWS_PER_PAGE * 20) + 1}</h2><table>${rows}</table>`);
  }
  const book = path.join(tmp, 'members.epub');
  await writeEpub(book, { title: '会員名簿', chapters, css: 'td { font-size: 7pt; padding: 1pt 3pt; border-bottom: 0.5pt solid #888; }' });
  return { book, list };
}

async function main() {
  const { book, list } = await generate();
  const c = initCase(path.join(tmp, 'case'), { name: 'Redaction bench' });
  const [{ id }] = await addEvidence(c, [book]);
  await importLeakList(c, list, { key: '会員ID' });
  const [, scanS] = await timed(() => scanCase(c, { ocr: 'auto' }));
  const pages = listPages(c, id).length;
  const hits = (c.db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT page_index) AS p FROM hit WHERE item_id = ? AND status <> 'dismissed'").get(id) as { n: number; p: number });
  const present = (c.db.prepare("SELECT COUNT(DISTINCT record_key) AS n FROM hit WHERE kind = 'record' AND present = 1").get() as { n: number }).n;
  console.log(`book: ${pages} pages (${DEFAULT_LAYOUT.width}×${DEFAULT_LAYOUT.height} pt), ${hits.n} hits on ${hits.p} pages, ${present} records present; scan ${scanS.toFixed(1)} s; ${os.cpus().length} cores`);

  // Reference: native MuPDF rendering every page once at 150 dpi (no output written), the same layout.
  const [, mutoolS] = await timed(() => execFileSync('mutool', ['draw', '-q', '-r', '150', '-W', String(DEFAULT_LAYOUT.width), '-H', String(DEFAULT_LAYOUT.height),
    '-S', String(DEFAULT_LAYOUT.em), book, `1-${pages}`]));

  // New: every page exported and proven.
  const out = path.join(tmp, 'out-new');
  const [r, newS] = await timed(() => exportRedacted(c, { format: 'png', itemId: id, status: 'all-hits', outDir: out }));
  const ocrChecks = r.verification.checks.filter((x) => x.check.startsWith('OCR of')).length;
  const inkOnly = r.verification.checks.filter((x) => x.check.startsWith('ink:')).length;
  console.log(`new: ${r.exports.length} PNG pages, ${r.regionCount} regions; pages needing no OCR ${inkOnly}, pages with some OCR ${ocrChecks}; verified ${r.verification.ok}`);

  // Old: the same page made the same way, then re-read whole by OCR (the previous verification), one page at a time.
  const plan = planItem(c, id, { format: 'png', status: 'all-hits', pages: `1-${Math.max(1, Math.min(OLD_SAMPLE, pages))}` });
  const [, oldS] = await timed(async () => {
    for (const p of OLD_SAMPLE > 0 ? plan.pages : []) {
      const page = await burnedPage(c, plan, p, 150, 'none');
      const png = encodePagePngSync(page.raster);
      const v = await verifyPngOutput(png, plan.values, p, { ocrLangs: 'jpn+eng', labels: countLabels(page.labels) });
      if (!v.ok) throw new Error(`old way refused page ${p + 1}: ${v.failure}`);
    }
  });
  const oldPer = oldS / plan.pages.length, newPer = newS / pages, mutoolPer = mutoolS / pages;
  console.log('\n| run | pages | seconds | s/page | ratio |\n|---|---:|---:|---:|---|');
  console.log(`| native mutool draw -r 150 (reference) | ${pages} | ${mutoolS.toFixed(2)} | ${mutoolPer.toFixed(3)} | 1 |`);
  console.log(`| Shoko redact, new (render, burn, PNG, proof) | ${pages} | ${newS.toFixed(2)} | ${newPer.toFixed(3)} | ${(newPer / mutoolPer).toFixed(1)}× mutool |`);
  console.log(`| Shoko redact, old (whole-page OCR of each page) | ${plan.pages.length} | ${oldS.toFixed(2)} | ${oldPer.toFixed(3)} | ${(oldPer / mutoolPer).toFixed(1)}× mutool |`);
  console.log(`\nnew is ${(oldPer / newPer).toFixed(1)}× faster per page than old; at 1,416 pages: new ≈ ${((newPer * 1416) / 60).toFixed(1)} min, old ≈ ${((oldPer * 1416) / 60).toFixed(1)} min`);
  c.close();
  await closeSharedOcrPool();
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
