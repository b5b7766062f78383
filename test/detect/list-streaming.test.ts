import iconv from 'iconv-lite';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { listLeakSets, loadLeakIndex } from '../../main/detect/leaks/load-list';
import { CHUNK_BYTES } from '../../main/detect/leaks/list-bytes';
import { openList, readList, type ListRow } from '../../main/detect/leaks/read-list';
import { REPO_ROOT, tmpDir } from '../helpers/paths';

// Issue 16, item 7: a list larger than memory is read in chunks; a file mixing encodings says so.
const dir = tmpDir('shoko-list-streaming-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a member list of `rows` rows with a long memo, in blocks (the test itself never holds it whole). */
function writeBigList(file: string, rows: number, quoted: boolean, memoBytes = 900): number {
  const fd = fs.openSync(file, 'w');
  // Long rows: a large file with few records keeps the test quick (import costs per record).
  const memo = '備考 '.repeat(8) + 'x'.repeat(memoBytes);
  fs.writeSync(fd, '会員ID,氏名,メール,備考\n');
  for (let at = 1; at <= rows; at += 1000) {
    let block = '';
    for (let i = at; i < at + 1000 && i <= rows; i++) block += `M${i},${quoted ? `"会員, ${i}"` : `会員 ${i}`},m${i}@example.com,${memo}\n`;
    fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

interface ChildResult { code: number; out: { records: number; badRows: number; loaded: number; maxRssMB: number } | null; stderr: string }

const mod = (rel: string) => JSON.stringify(path.join(REPO_ROOT, rel));

/** Runs `code` (an ES module) in a child whose JS heap is capped at `heapMB`; its last line of output is JSON. */
function inSmallHeap(code: string, heapMB: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMB}`, '--import', 'tsx', '--input-type=module', '-e', code],
      { cwd: REPO_ROOT, env: { ...process.env, SHOKO_HOME: path.join(dir, 'home') } });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (status) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      resolve({ code: status ?? -1, out: last.startsWith('{') ? JSON.parse(last) : null, stderr });
    });
  });
}

const PEAK = 'Math.round(process.resourceUsage().maxRSS / 1024)';

/** Imports the list into a new case and loads it back for matching, in a child with a small heap. */
function importInSmallHeap(list: string, heapMB: number): Promise<ChildResult> {
  return inSmallHeap(`
    import { initCase } from ${mod('main/case/case-folder.ts')};
    import { importLeakList } from ${mod('main/detect/leaks/import-list.ts')};
    import { forEachListedRecord, listLeakSets } from ${mod('main/detect/leaks/load-list.ts')};
    const c = initCase(${JSON.stringify(`${list}.case`)}, { name: 'big list' });
    const r = await importLeakList(c, ${JSON.stringify(list)}, { key: '会員ID' });
    let loaded = 0;
    await forEachListedRecord(listLeakSets(c)[0], undefined, () => { loaded++; });
    c.close();
    console.log(JSON.stringify({ records: r.records, badRows: r.badRows.length, loaded, maxRssMB: ${PEAK} }));
  `, heapMB);
}

/** Reads every row of the list (no case), in a child with a small heap. */
function readInSmallHeap(list: string, heapMB: number): Promise<ChildResult> {
  return inSmallHeap(`
    import { openList } from ${mod('main/detect/leaks/read-list.ts')};
    const list = await openList(${JSON.stringify(list)});
    let records = 0, last = null;
    list.forEachRow((row) => { records++; last = row; });
    console.log(JSON.stringify({ records, badRows: list.badRows.length, loaded: last.line, lastName: last.cells[1], maxRssMB: ${PEAK} }));
  `, heapMB);
}

async function readAll(file: string, opts = {}) {
  const list = await openList(file, opts);
  const rows: ListRow[] = [];
  list.forEachRow((r) => rows.push(r));
  return { list, rows };
}

describe('leak lists are read in bounded memory', () => {
  it('imports a list larger than the JS heap (unquoted: the line-split reader), every record', async () => {
    const file = path.join(dir, 'big.csv');
    const size = writeBigList(file, 20_000, false, 5000);
    // Decoded as one string (two bytes per character once it holds any kanji) it would take 200 MB,
    // twice the child's whole heap: the old reader died here.
    expect(size).toBeGreaterThan(95 << 20);
    const r = await importInSmallHeap(file, 96);
    expect(r.stderr).not.toMatch(/heap out of memory|internal/i);
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({ records: 20_000, badRows: 0, loaded: 20_000 });
    // The whole process (Node, tsx, SQLite, the list read twice) stays under the list's size in text.
    expect(r.out!.maxRssMB).toBeLessThan(300);
    console.log(`big list: ${(size / 2 ** 20).toFixed(0)} MiB imported with a 96 MB heap, child peak RSS ${r.out!.maxRssMB} MB`);
  });

  it('quoted cells (csv-parse, fed chunk by chunk) are streamed too', async () => {
    const file = path.join(dir, 'big-quoted.csv');
    const size = writeBigList(file, 8_000, true, 5000);
    expect(size).toBeGreaterThan(38 << 20); // 80 MB as one string: more than the child's heap
    const r = await readInSmallHeap(file, 64);
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect(r.code).toBe(0);
    expect(r.out).toMatchObject({ records: 8_000, badRows: 0, loaded: 8_001, lastName: '会員, 8000' });
    console.log(`quoted list: ${(size / 2 ** 20).toFixed(0)} MiB read with a 64 MB heap, child peak RSS ${r.out!.maxRssMB} MB`);
  });
});

/** Bytes whose 1 MiB chunk boundary falls inside `splitter` (a multi-byte character, or CR LF). */
function splitAtChunk(encode: (s: string) => Buffer, eol: string, splitter: string, offsetInSplitter: number): { buf: Buffer; rows: number } {
  const parts: Buffer[] = [encode(`会員ID,氏名,メール${eol}`)];
  let size = parts[0].length, rows = 0;
  while (size < CHUNK_BYTES - 300) {
    const b = encode(`M${++rows},山田 太郎${rows % 7 ? 'ー' : '①'},m${rows}@example.com${eol}`);
    parts.push(b); size += b.length;
  }
  // A row padded so that `splitter` starts `offsetInSplitter` bytes before the boundary.
  const head = encode(`M${++rows},`);
  const tail = encode(`${splitter}花子,pad@example.com${eol}`);
  const padLength = CHUNK_BYTES - offsetInSplitter - size - head.length;
  const padded = Buffer.concat([head, Buffer.alloc(padLength, 'a'), tail]);
  parts.push(padded);
  for (let i = 0; i < 50; i++) parts.push(encode(`M${++rows},佐藤 次郎,j${rows}@example.com${eol}`));
  return { buf: Buffer.concat(parts), rows };
}

describe('encodings, read in chunks', () => {
  it('Shift_JIS and EUC-JP are still detected, with characters split across chunks intact', async () => {
    for (const [name, encode, width] of [
      ['shift_jis', (s: string) => iconv.encode(s, 'cp932'), 2],
      ['euc-jp', (s: string) => iconv.encode(s, 'euc-jp'), 2],
      ['utf-8', (s: string) => Buffer.from(s), 3],
    ] as const) {
      for (let k = 1; k < width; k++) {
        const { buf, rows } = splitAtChunk(encode, '\n', '髙', k);
        const file = path.join(dir, `split-${name}-${k}.csv`);
        fs.writeFileSync(file, buf);
        const { list, rows: got } = await readAll(file);
        expect(list.encoding).toBe(name);
        expect(list.badRows).toEqual([]);
        expect(got.length).toBe(rows);
        expect(got.find((r) => r.cells[0] === 'M' + (rows - 50))!.cells[1]).toMatch(/^a+髙花子$/);
        expect(got.some((r) => r.cells.some((c) => c.includes('\uFFFD')))).toBe(false);
      }
    }
  });

  it('CRLF split between two chunks keeps the fast reader and the line numbers', async () => {
    const { buf, rows } = splitAtChunk((s) => Buffer.from(s), '\r\n', '\r\n', 1);
    // The splitter is a CR LF of its own inside the row: the row ends early, the rest is a second line.
    const file = path.join(dir, 'split-crlf.csv');
    fs.writeFileSync(file, buf);
    const { list, rows: got } = await readAll(file);
    expect(buf[CHUNK_BYTES - 1]).toBe(13);
    expect(buf[CHUNK_BYTES]).toBe(10);
    // Row "M<n>,aaa…" has 2 columns (bad); "花子,pad@…" too: both reported with their lines, the rest read.
    expect(list.badRows.map((b) => b.reason)).toEqual(['2 columns, header has 3', '2 columns, header has 3']);
    const badLine = list.badRows[0].line;
    expect(list.badRows[1].line).toBe(badLine + 1);
    expect(got.length).toBe(rows - 1);
    expect(got[got.length - 1].line).toBe(rows + 2); // header + rows + the extra line
    expect(got.every((r) => !r.cells.some((c) => c.includes('\r')))).toBe(true);
  });

  it('a file mixing UTF-8 and Shift_JIS lines is refused with lines of each kind, not "give --map"', async () => {
    const utf8 = Buffer.from('会員ID,氏名,メール\nM1,山田 太郎,a@example.com\nM2,鈴木 一郎,b@example.com\n');
    const sjis = iconv.encode('M3,佐藤 花子,c@example.com\nM4,高橋 次郎,d@example.com\n', 'cp932');
    const more = Buffer.from('M5,田中 三郎,e@example.com\n');
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, Buffer.concat([utf8, sjis, more]));
    const c = initCase(path.join(dir, 'mixed-case'), { name: 'mixed' });
    try {
      const err = await importLeakList(c, file, { key: '会員ID' }).then(() => null, (e: Error) => e);
      expect(err?.message).toMatch(/mixes encodings: lines 1, 2, 3 … are UTF-8, but 2 lines are not \(lines 4, 5 read as Shift_JIS\)/);
      expect(err?.message).not.toMatch(/--map/);
      expect((err as { exitCode?: number }).exitCode).toBe(2);
      // Forcing the legacy encoding would garble the UTF-8 lines: refused the same way.
      await expect(importLeakList(c, file, { key: '会員ID', encoding: 'shift_jis' })).rejects.toThrow(/mixes encodings/);
      // The way out the message gives: UTF-8 lines imported, the others reported by line.
      const r = await importLeakList(c, file, { key: '会員ID', encoding: 'utf-8' });
      expect(r.records).toBe(3);
      expect(r.badRows).toEqual([{ line: 4, reason: 'undecodable bytes (not utf-8)' }, { line: 5, reason: 'undecodable bytes (not utf-8)' }]);
    } finally {
      c.close();
    }
    // EUC-JP lines among UTF-8 ones are named as EUC-JP.
    const euc = path.join(dir, 'mixed-euc.csv');
    fs.writeFileSync(euc, Buffer.concat([utf8, iconv.encode('M3,佐藤 花子,c@example.com\n', 'euc-jp')]));
    await expect(openList(euc)).rejects.toThrow(/lines 1, 2, 3 … are UTF-8, but 1 line is not \(line 4 read as EUC-JP\)/);
  });

  it('a UTF-8 list with a few broken bytes is not called mixed (the broken rows are reported)', async () => {
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('会員ID,氏名\nM1,山田\nM2,'), Buffer.from([0xff, 0xfe]), Buffer.from('\nM3,佐藤\n')]));
    const { list, rows } = await readAll(file);
    expect(list.encoding).toBe('utf-8');
    expect(rows.map((r) => r.cells[0])).toEqual(['M1', 'M3']);
    expect(list.badRows).toEqual([{ line: 3, reason: 'undecodable bytes (not utf-8)' }]);
  });

  it('a row pass that reads other bytes than were opened throws after the last row (import rolls back)', async () => {
    const buf = Buffer.from('会員ID,氏名\nM1,山田\nM2,佐藤\n');
    const list = await readList('list.csv', buf);
    buf.write('M9', buf.indexOf('M2')); // the "file" changes between opening and reading rows
    const seen: string[] = [];
    expect(() => list.forEachRow((r) => seen.push(r.cells[0]))).toThrow(/list\.csv: the list changed while it was being read/);
    expect(seen).toEqual(['M1', 'M9']);
  });

  it('XLSX over the stated size is refused before it is loaded; a list changed since import is refused before reading rows', async () => {
    const big = path.join(dir, 'huge.xlsx');
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, (64 << 20) + 1); // sparse: the size is what is checked
    fs.closeSync(fd);
    await expect(openList(big)).rejects.toThrow(/huge\.xlsx: this XLSX workbook is 64 MiB; workbooks over 64 MiB are not read .*Save the sheet as CSV/);

    const file = path.join(dir, 'members.csv');
    fs.writeFileSync(file, '会員ID,氏名,メール\nM1,山田 太郎,a@example.com\n');
    const c = initCase(path.join(dir, 'changed-case'), { name: 'changed' });
    try {
      await importLeakList(c, file, { key: '会員ID' });
      fs.writeFileSync(file, '会員ID,氏名,メール\nM1,山田 太郎,a@example.com\n"broken\n');
      await expect(loadLeakIndex(c, listLeakSets(c)[0])).rejects.toThrow(/changed since it was imported/);
    } finally {
      c.close();
    }
  });
});
