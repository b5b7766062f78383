// Benchmark: import and match leaked lists of 100k / 1M generated records (name, email, phone) against
// ~2 MB of book text (1,000+ pages), next to ripgrep (`rg -F -c -f patterns.txt`) on the same folded
// text and patterns. Usage: npx tsx bench/match/run.ts [100000 1000000]. Each size runs in a child
// process so its peak memory (maxRSS) is its own.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCase } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { listLeakSets, loadLeakIndex } from '../../main/detect/leaks/load-list';
import { detectPages, Matcher } from '../../main/detect/match/detect-pages';
import { foldKey, foldText } from '../../main/detect/normalize/match-fold';
import { pageChars } from '../../main/detect/match/page-chars';
import { makePage } from '../../test/detect/support/pages';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; return s / 2 ** 32; };
}

function names() {
  const rows = fs.readFileSync(path.join(CORPUS, 'data/gimei-names.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  return { last: rows.filter((r) => r[0] === 'last'), first: rows.filter((r) => r[0] !== 'last') };
}

function person(i: number, r: () => number, n: ReturnType<typeof names>) {
  const l = n.last[Math.floor(r() * n.last.length)], g = n.first[Math.floor(r() * n.first.length)];
  const phone = `0${['70', '80', '90'][i % 3]}-${String(Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`;
  return { name: `${l[1]} ${g[1]}`, email: `${g[4]}.${l[4]}.${i.toString(36)}@example.com`.toLowerCase(), phone };
}

async function runSize(size: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shoko-bench-${size}-`));
  const n = names(), r = rng(size);
  const lines = ['id,氏名,メール,電話'];
  const listed: ReturnType<typeof person>[] = [];
  for (let i = 0; i < size; i++) { const p = person(i, r, n); lines.push(`${i + 1},${p.name},${p.email},${p.phone}`); if (i % Math.floor(size / 300) === 0) listed.push(p); }
  const listFile = path.join(dir, 'list.csv');
  fs.writeFileSync(listFile, lines.join('\n') + '\n');
  lines.length = 0;

  // ~2 MB book: novel text with 300 listed people and 300 strangers spread over 1,100 pages.
  const filler = fs.readFileSync(path.join(CORPUS, 'images/ja-rendered-kusamakura.gt.txt'), 'utf8').split('\n').filter(Boolean).flatMap((l) => l.match(/.{1,38}/gu) ?? []);
  const strangers = Array.from({ length: 300 }, (_, i) => person(size + 10_000_000 + i, r, n));
  const pages = [];
  let bytes = 0;
  for (let pi = 0; pi < 1100; pi++) {
    const pl: string[] = [];
    for (let k = 0; k < 24; k++) pl.push(filler[Math.floor(r() * filler.length)]);
    if (pi % 2 === 0) { const p = listed[(pi / 2) % listed.length]; pl.splice(10, 0, `${p.name}　電話 ${p.phone}　${p.email}`); }
    else { const p = strangers[pi % strangers.length]; pl.splice(10, 0, `${p.name}　電話 ${p.phone}　${p.email}`); }
    bytes += Buffer.byteLength(pl.join('\n'));
    pages.push(makePage(pi, pl));
  }

  const c = initCase(path.join(dir, 'case'), { name: 'bench' });
  let t = performance.now();
  await importLeakList(c, listFile, { key: 'id' });
  const importMs = performance.now() - t;
  t = performance.now();
  const index = await loadLeakIndex(c, listLeakSets(c)[0]);
  const loadMs = performance.now() - t;
  t = performance.now();
  const det = detectPages(pages, new Matcher(index));
  const matchMs = performance.now() - t;
  const present = new Set(det.flatMap((d) => d.records.filter((x) => x.present).map((x) => x.recordKey))).size;
  c.close();

  // ripgrep on the same folded text with the same folded patterns.
  const textFile = path.join(dir, 'text.txt'), patFile = path.join(dir, 'patterns.txt');
  fs.writeFileSync(textFile, pages.map((p) => foldText(pageChars(p).chars).text).join('\n'));
  const pats: string[] = [];
  const csv = fs.readFileSync(listFile, 'utf8').split('\n').slice(1);
  for (const l of csv) { if (!l) continue; const [, nm, em, ph] = l.split(','); pats.push(foldKey(nm), foldKey(em), foldKey(ph)); }
  fs.writeFileSync(patFile, pats.join('\n') + '\n');
  pats.length = 0;
  t = performance.now();
  const rg = spawnSync('/usr/bin/time', ['-f', '%M', 'rg', '-F', '-c', '-f', patFile, textFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const rgMs = performance.now() - t;
  const rgPeakMb = Number(rg.stderr.trim().split('\n').pop()) / 1024;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ size, pages: pages.length, textMB: +(bytes / 1e6).toFixed(2), importS: +(importMs / 1000).toFixed(2),
    loadS: +(loadMs / 1000).toFixed(2), matchS: +(matchMs / 1000).toFixed(2), present, peakMB: Math.round(peakMb),
    rgS: +(rgMs / 1000).toFixed(2), rgPeakMB: Math.round(rgPeakMb), rgLines: rg.stdout.trim(),
    ratioRgToOurs: +(rgMs / (loadMs + matchMs)).toFixed(2) }));
  fs.rmSync(dir, { recursive: true, force: true });
}

const child = process.env.SHOKO_BENCH_SIZE;
if (child) {
  await runSize(Number(child));
} else {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  for (const size of sizes.length ? sizes : [100_000]) {
    execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', new URL(import.meta.url).pathname], { stdio: 'inherit', env: { ...process.env, SHOKO_BENCH_SIZE: String(size) } });
  }
}
