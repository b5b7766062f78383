// Benchmark: import and match leaked lists of 100k / 1M generated records (name, email, phone) against
// ~2 MB of book text (1,000+ pages), next to ripgrep (`rg -F -c -f patterns.txt`) on the same folded
// text and patterns. Usage: npx tsx bench/match/run.ts [100000 1000000].
//
// Per size, three steps in separate processes so each peak memory (maxRSS) is its own:
//   gen   — writes the list (CSV), the book's pages (JSON lines), and for ripgrep the folded text and patterns;
//   ours  — imports the list into a new case, loads it into the match index, matches every page;
//   rg    — `rg -F -c -f patterns.txt text.txt` under /usr/bin/time.
// SHOKO_BENCH_NO_RG=1 skips ripgrep (profiling runs).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCase } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { listLeakSets, loadLeakIndex } from '../../main/detect/leaks/load-list';
import { detectPages, Matcher } from '../../main/detect/match/detect-pages';
import { pageChars } from '../../main/detect/match/page-chars';
import { foldKey, foldText } from '../../main/detect/normalize/match-fold';
import { makePage } from '../../test/detect/support/pages';

const CORPUS = path.resolve(process.cwd(), '../shared/corpus');
const PAGES = 1100;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; return s / 2 ** 32; };
}

function names() {
  const rows = fs.readFileSync(path.join(CORPUS, 'data/gimei-names.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  return { last: rows.filter((r) => r[0] === 'last'), first: rows.filter((r) => r[0] !== 'last') };
}

function person(i: number, r: () => number, n: ReturnType<typeof names>) {
  const l = n.last[Math.floor(r() * n.last.length)], g = n.first[Math.floor(r() * n.first.length)];
  const phone = `0${['70', '80', '90'][i % 3]}-${String(Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`;
  return { name: `${l[1]} ${g[1]}`, email: `${g[4]}.${l[4]}.${i.toString(36)}@example.com`.toLowerCase(), phone };
}

/** The list, and a ~2 MB book: novel text with 300 listed people and 300 strangers over 1,100 pages. */
function generate(size: number, dir: string): void {
  const n = names(), r = rng(size);
  const out = fs.openSync(path.join(dir, 'list.csv'), 'w');
  const listed: ReturnType<typeof person>[] = [];
  let chunk = 'id,氏名,メール,電話\n';
  for (let i = 0; i < size; i++) {
    const p = person(i, r, n);
    chunk += `${i + 1},${p.name},${p.email},${p.phone}\n`;
    if (i % Math.floor(size / 300) === 0) listed.push(p);
    if (chunk.length > 1 << 20) { fs.writeSync(out, chunk); chunk = ''; }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);

  const filler = fs.readFileSync(path.join(CORPUS, 'images/ja-rendered-kusamakura.gt.txt'), 'utf8').split(/\r?\n/).filter(Boolean).flatMap((l) => l.match(/.{1,38}/gu) ?? []);
  const strangers = Array.from({ length: 300 }, (_, i) => person(size + 10_000_000 + i, r, n));
  const pages: string[][] = [];
  for (let pi = 0; pi < PAGES; pi++) {
    const pl: string[] = [];
    for (let k = 0; k < 24; k++) pl.push(filler[Math.floor(r() * filler.length)]);
    const p = pi % 2 === 0 ? listed[(pi / 2) % listed.length] : strangers[pi % strangers.length];
    pl.splice(10, 0, `${p.name}　電話 ${p.phone}　${p.email}`);
    pages.push(pl);
  }
  fs.writeFileSync(path.join(dir, 'pages.json'), JSON.stringify(pages));

  // ripgrep's input: the same folded page text and the same folded patterns (3 per record).
  fs.writeFileSync(path.join(dir, 'text.txt'), pages.map((pl, i) => foldText(pageChars(makePage(i, pl)).chars).text).join('\n'));
  const pats = fs.openSync(path.join(dir, 'patterns.txt'), 'w');
  const csv = fs.readFileSync(path.join(dir, 'list.csv'), 'utf8');
  let buf = '';
  for (let pos = csv.indexOf('\n') + 1; pos < csv.length;) {
    const end = csv.indexOf('\n', pos);
    const [, nm, em, ph] = csv.slice(pos, end).split(',');
    buf += `${foldKey(nm)}\n${foldKey(em)}\n${foldKey(ph)}\n`;
    if (buf.length > 1 << 20) { fs.writeSync(pats, buf); buf = ''; }
    pos = end + 1;
  }
  fs.writeSync(pats, buf);
  fs.closeSync(pats);
}

async function ours(dir: string): Promise<void> {
  const lines = JSON.parse(fs.readFileSync(path.join(dir, 'pages.json'), 'utf8')) as string[][];
  const pages = lines.map((pl, i) => makePage(i, pl));
  const bytes = lines.reduce((s, pl) => s + Buffer.byteLength(pl.join('\n')), 0);
  const c = initCase(path.join(dir, 'case'), { name: 'bench' });
  let t = performance.now();
  await importLeakList(c, path.join(dir, 'list.csv'), { key: 'id' });
  const importMs = performance.now() - t;
  t = performance.now();
  const index = await loadLeakIndex(c, listLeakSets(c)[0]);
  const loadMs = performance.now() - t;
  t = performance.now();
  const det = detectPages(pages, new Matcher(index));
  const matchMs = performance.now() - t;
  const present = new Set(det.flatMap((d) => d.records.filter((x) => x.present).map((x) => x.recordKey))).size;
  c.close();
  console.log(JSON.stringify({ pages: pages.length, textMB: +(bytes / 1e6).toFixed(2), importS: +(importMs / 1000).toFixed(2),
    loadS: +(loadMs / 1000).toFixed(2), matchS: +(matchMs / 1000).toFixed(2), present, peakMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function step(stage: string, dir: string, size: number): string {
  return execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', new URL(import.meta.url).pathname],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SHOKO_BENCH_STAGE: stage, SHOKO_BENCH_DIR: dir, SHOKO_BENCH_SIZE: String(size) } });
}

const stage = process.env.SHOKO_BENCH_STAGE;
if (stage === 'gen') {
  generate(Number(process.env.SHOKO_BENCH_SIZE), process.env.SHOKO_BENCH_DIR!);
} else if (stage === 'ours') {
  await ours(process.env.SHOKO_BENCH_DIR!);
} else {
  const sizes = process.argv.slice(2).map(Number).filter(Boolean);
  for (const size of sizes.length ? sizes : [100_000]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shoko-bench-${size}-`));
    try {
      step('gen', dir, size);
      const result = { size, ...JSON.parse(step('ours', dir, size)) };
      if (!process.env.SHOKO_BENCH_NO_RG) {
        const t = performance.now();
        const rg = spawnSync('/usr/bin/time', ['-f', '%M', 'rg', '-F', '-c', '-f', path.join(dir, 'patterns.txt'), path.join(dir, 'text.txt')], { encoding: 'utf8', maxBuffer: 1 << 26 });
        const rgMs = performance.now() - t;
        const rgPeakMB = Math.round(Number(rg.stderr.trim().split('\n').pop()) / 1024);
        const oursS = result.loadS + result.matchS;
        Object.assign(result, { rgS: +(rgMs / 1000).toFixed(2), rgPeakMB, rgLines: rg.stdout.trim(),
          speedupVsRg: +(rgMs / 1000 / oursS).toFixed(2), memoryVsRg: +(result.peakMB / rgPeakMB).toFixed(2) });
      }
      console.log(JSON.stringify(result));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
