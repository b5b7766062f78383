// Benchmark: import (and load back for matching) a generated leaked list of a given size, by default
// 1 GiB, and print seconds and peak memory. Usage:
//   npx tsx bench/list-import/run.ts [MiB=1024] [memoBytes=0] [--keep]
// A list is written to a temp folder (rows: 会員ID, 氏名, メール, 電話, and an optional 備考 of
// `memoBytes` characters: long rows mean fewer records for the same size, which is quicker), then one
// child process imports it into a new case and re-reads it as matching does; the child reports its own
// maxRSS, so the figure is the importer's alone. Not run in CI (the 1 GiB file and the time it takes).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const STAGE = process.env.SHOKO_BENCH_STAGE;

if (STAGE === 'import') {
  const { initCase } = await import('../../main/case/case-folder');
  const { importLeakList } = await import('../../main/detect/leaks/import-list');
  const { forEachListedRecord, listLeakSets } = await import('../../main/detect/leaks/load-list');
  const [list, caseDir] = process.argv.slice(2);
  const c = initCase(caseDir, { name: 'list import bench' });
  let t = performance.now();
  const r = await importLeakList(c, list, { key: '会員ID' });
  const importS = (performance.now() - t) / 1000;
  t = performance.now();
  let loaded = 0;
  await forEachListedRecord(listLeakSets(c)[0], undefined, () => { loaded++; });
  const loadS = (performance.now() - t) / 1000;
  c.close();
  console.log(JSON.stringify({ records: r.records, badRows: r.badRows.length, loaded, importS, readForMatchS: loadS,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const [mib = 1024, memoBytes = 0] = args.filter((a) => !a.startsWith('--')).map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-list-'));
  const list = path.join(dir, 'members.csv');
  let t = performance.now();
  const rows = generate(list, mib * 2 ** 20, memoBytes);
  const genS = (performance.now() - t) / 1000;
  t = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, list, path.join(dir, 'case')],
    { env: { ...process.env, SHOKO_BENCH_STAGE: 'import', SHOKO_HOME: path.join(dir, 'home') }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const wallS = (performance.now() - t) / 1000;
  const out = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !out.startsWith('{')) {
    console.error(`import failed (exit ${child.status}${child.signal ? `, ${child.signal}` : ''})`);
    process.exitCode = 1;
  } else {
    const r = JSON.parse(out);
    console.log(JSON.stringify({ listMiB: +(fs.statSync(list).size / 2 ** 20).toFixed(1), rows, memoBytes, genS: +genS.toFixed(1),
      ...r, importS: +r.importS.toFixed(1), readForMatchS: +r.readForMatchS.toFixed(1), childWallS: +wallS.toFixed(1) }));
  }
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
}

/** Writes rows until the file reaches `bytes`; returns the row count. */
function generate(file: string, bytes: number, memoBytes: number): number {
  const fd = fs.openSync(file, 'w');
  const memo = memoBytes ? `,${'備考あり。'.repeat(Math.ceil(memoBytes / 15)).slice(0, Math.ceil(memoBytes / 3))}` : '';
  let size = fs.writeSync(fd, `会員ID,氏名,メール,電話${memoBytes ? ',備考' : ''}\n`);
  const last = ['山田', '佐藤', '鈴木', '高橋', '田中', '渡辺', '伊藤', '中村'], first = ['太郎', '花子', '一郎', '次郎', '美咲', '翔太'];
  let i = 0;
  while (size < bytes) {
    let block = '';
    for (let k = 0; k < 2000; k++, i++) {
      block += `M${i},${last[i % 8]} ${first[(i >> 3) % 6]}${i % 997},m${i.toString(36)}@example.com,0${7 + (i % 3)}0-${String(i % 10000).padStart(4, '0')}-${String((i >> 4) % 10000).padStart(4, '0')}${memo}\n`;
    }
    size += fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
  return i;
}
