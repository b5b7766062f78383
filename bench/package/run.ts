// Benchmark: the evidence package at the real incident's scale (issue 13) — a case holding one book of
// 1,416 pages, a leak list of 14,612 records all found (≈4 fields each, ≈59k hits) and ≈1,000 other
// personal-data hits. The case is written straight into a real store (the pipeline's own tables and
// custody events, so `shoko verify` passes on it); building it by triage is bench/seedscale's job.
//
// Measured: `package` (folder) per phase, findings.json / report sizes, report pages, `verify` of the bag,
// peak RSS; reference in the same run: bagit-python (the Library of Congress implementation) making a
// bag of the same payload with the same two algorithms, and validating it.
// Usage: node --import tsx bench/package/run.ts [records=14612]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initCase } from '../../main/case/case-folder';
import { now } from '../../main/common/clock';
import { buildPackage } from '../../main/evidence/bag/build-package';
import { verifyPackage } from '../../main/evidence/bag/verify-package';
import { appendCustodyEvent } from '../../main/evidence/custody-log';
import { addEvidence } from '../../main/evidence/intake';
import { verifyCase } from '../../main/evidence/verify-case';

const RECORDS = Number(process.argv[2] ?? 14_612);
const PAGES = 1416;
const FIELDS = ['name', 'name_kana', 'email', 'phone', 'postal_code', 'address'] as const;
const BAGIT_PY = path.resolve(process.cwd(), '../shared/tools/bagit/bagit.py');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; return s / 2 ** 32; };
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-bench-package-'));
  process.env.SHOKO_HOME = path.join(root, 'home');
  const r = rng(13);
  console.log(`bench/package: ${RECORDS} records, ${PAGES} pages, in ${root}`);

  // The book: 2 MB of generated text stands in for the AZW3 (the package copies it bit-exactly).
  const book = path.join(root, 'member-list.azw3');
  fs.writeFileSync(book, Buffer.from(Array.from({ length: 2 * 1024 * 1024 }, () => Math.floor(r() * 256))));
  const c = initCase(path.join(root, 'case'), { name: '会員名簿の再掲載', caseNumber: 'BENCH-2026-13', examiner: '検査 花子', organization: '株式会社サンプル' });
  const tSetup = process.hrtime.bigint();
  const [item] = await addEvidence(c, [book], { source: 'https://store.example.com/dp/BENCH' });
  const t = now().utc;
  c.db.transaction(() => {
    c.db.prepare(`INSERT INTO document (item_id, format, status, page_count, extracted_at) VALUES (?, 'mobi', 'ok', ?, ?)`).run(item.id, PAGES, t);
    const page = c.db.prepare(`INSERT INTO document_page (item_id, page_index, width, height, text_source) VALUES (?, ?, 420, 595, 'native')`);
    for (let p = 0; p < PAGES; p++) page.run(item.id, p);
    appendCustodyEvent(c.db, { action: 'document.extracted', itemId: item.id, details: { format: 'mobi', status: 'ok', pageCount: PAGES } });
    const set = Number(c.db.prepare(`INSERT INTO leak_set (sha256, file_name, file_path, file_size, format, encoding, columns_json, mapping_json, row_count, bad_row_count, bad_rows_json, imported_at)
      VALUES (?, 'members.csv', '/bench/members.csv', 1, 'csv', 'shift_jis', '[]', '{}', ?, 0, '[]', ?)`).run('b'.repeat(64), RECORDS, t).lastInsertRowid);
    const rec = c.db.prepare('INSERT INTO leak_record (set_id, record_key, row_number, line, field_hashes_json) VALUES (?, ?, ?, ?, ?)');
    const hit = c.db.prepare(`INSERT INTO hit (item_id, page_index, kind, set_id, record_key, field, recognizer, text, char_start, char_end, boxes_json,
      score, record_score, present, source, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'native', 'pending', ?, ?)`);
    let hits = 0;
    for (let i = 0; i < RECORDS; i++) {
      const key = `M${String(100000 + i)}`;
      rec.run(set, key, i + 1, i + 2, '{}');
      const pageIndex = Math.floor((i * PAGES) / RECORDS);
      const y = 40 + (i % 10) * 50;
      const values = { name: `山田 太郎${i}`, name_kana: `ヤマダ タロウ`, email: `member${i}@example.jp`, phone: `090-${String(i).padStart(4, '0')}-5678`,
        postal_code: '100-0001', address: '東京都千代田区千代田1-1' };
      // Most records show four of their fields; every record is present.
      for (const [k, field] of FIELDS.entries()) {
        if (k >= 4 && r() < 0.9) continue;
        hit.run(item.id, pageIndex, 'record', set, key, field, 'exact', values[field], k * 40, k * 40 + 12, JSON.stringify([[40 + k * 60, y, 95 + k * 60, y + 12]]), 1, 1, 1, t, t);
        hits++;
      }
    }
    for (let i = 0; i < 1000; i++) {
      hit.run(item.id, i % PAGES, 'pii', 0, '', 'email', 'email', `other${i}@example.org`, 0, 20, JSON.stringify([[30, 500, 200, 512]]), 0.85, null, 0, t, t);
      hits++;
    }
    appendCustodyEvent(c.db, { action: 'leaks.imported', details: { setId: set, sha256: 'b'.repeat(64), records: RECORDS } });
    appendCustodyEvent(c.db, { action: 'detect.completed', itemId: item.id, details: { hits } });
    console.log(`case: ${hits} hits written in ${seconds(tSetup).toFixed(1)} s`);
  })();

  // Shoko: package (folder), per phase.
  const phases: Array<[string, number]> = [];
  let current = '';
  const t0 = process.hrtime.bigint();
  let last = t0;
  const cpu0 = process.cpuUsage();
  const pkg = await buildPackage(c, {
    out: path.join(root, 'bag'),
    onProgress: (p) => {
      if (p.phase === current) return;
      const t1 = process.hrtime.bigint();
      if (current) phases.push([current, Number(t1 - last) / 1e9]);
      current = p.phase;
      last = t1;
    },
  });
  phases.push([current, seconds(last)]);
  const packageS = seconds(t0);
  const cpu = process.cpuUsage(cpu0);
  const caseVerify = verifyCase(c);
  c.close();
  const bag = pkg.path;
  const size = (rel: string) => fs.statSync(path.join(bag, rel)).size;
  const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(bag, 'data/report/report.pdf')], { encoding: 'utf8' }))![1]);
  const tv = process.hrtime.bigint();
  const v = await verifyPackage(bag);
  const verifyS = seconds(tv);

  // Reference: bagit-python makes a bag of the same payload (sha256 + sha512), then validates it.
  const ref = path.join(root, 'ref');
  fs.cpSync(path.join(bag, 'data'), ref, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', ref]);
  // CPU seconds as well as wall: on a shared machine the wall clock mostly measures the others' load.
  const timed = (args: string[]) => {
    const t1 = process.hrtime.bigint();
    const res = spawnSync('/usr/bin/time', ['-f', '%U %S', 'python3', BAGIT_PY, ...args], { encoding: 'utf8' });
    const [u, sy] = res.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return { wall: seconds(t1), cpu: u + sy, status: res.status };
  };
  const made = timed(['--sha256', '--sha512', '--quiet', ref]);
  const validated = timed(['--validate', '--quiet', ref]);
  const makeS = made.wall;
  const validateS = validated.wall;
  const cpuV0 = process.cpuUsage();
  await verifyPackage(bag);
  const cpuV = process.cpuUsage(cpuV0);

  console.log('\nphase                      seconds');
  for (const [p, s] of phases) console.log(`  ${p.padEnd(24)} ${s.toFixed(2)}`);
  console.log(`package total              ${packageS.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  console.log(`findings.json              ${(size('data/findings.json') / 1e6).toFixed(1)} MB`);
  console.log(`report.html                ${(size('data/report/report.html') / 1e6).toFixed(1)} MB`);
  console.log(`report.pdf                 ${(size('data/report/report.pdf') / 1e6).toFixed(1)} MB, ${pdfPages} pages`);
  console.log(`verify (bag)               ${verifyS.toFixed(2)} s, ${v.ok ? 'verified' : `NOT VERIFIED: ${v.failure}`}`);
  console.log(`verify (case)              ${caseVerify.ok ? 'verified' : `NOT VERIFIED: ${caseVerify.failure}`}`);
  console.log(`peak RSS                   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const packageCpu = (cpu.user + cpu.system) / 1e6;
  const verifyCpu = (cpuV.user + cpuV.system) / 1e6;
  console.log(`bagit-python make          ${makeS.toFixed(2)} s wall, ${made.cpu.toFixed(2)} s CPU (exit ${made.status})`);
  console.log(`bagit-python validate      ${validateS.toFixed(2)} s wall, ${validated.cpu.toFixed(2)} s CPU (exit ${validated.status})`);
  console.log(`ratio package / bagit-python make      ${(packageS / makeS).toFixed(2)} wall, ${(packageCpu / made.cpu).toFixed(2)} CPU (Shoko also writes findings, report, provenance, signature)`);
  console.log(`ratio verify / bagit-python validate   ${(verifyS / validateS).toFixed(2)} wall, ${(verifyCpu / validated.cpu).toFixed(2)} CPU`);
  if (!v.ok || !caseVerify.ok) process.exitCode = 1;
  fs.rmSync(root, { recursive: true, force: true });
}

await main();
