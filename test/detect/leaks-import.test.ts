import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { guessMapping } from '../../main/detect/leaks/header-map';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { listLeakSets, loadLeakIndex } from '../../main/detect/leaks/load-list';
import { readList, type ListRow } from '../../main/detect/leaks/read-list';
import { fieldHmac } from '../../main/detect/leaks/record-fields';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-leaks-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CSV = '氏名,フリガナ,メール,電話番号,〒,住所,生年月日,会員番号\n'
  + '山田 太郎,ヤマダ タロウ,taro@example.com,090-1234-5678,100-0001,東京都千代田区丸の内1-2-3,1985/03/04,A1\n'
  + '"髙橋\n花子",タカハシ ハナコ,hanako@example.jp,03-1234-5678,530-0001,"大阪府大阪市北区梅田1丁目1番1号",昭和60年1月2日,A2\n'
  + '鈴木 一郎,スズキ イチロウ,ichiro@example.net,080-1111-2222,060-0001\n'
  + '佐藤 次郎,サトウ ジロウ,jiro@example.org,070-3333-4444,900-0001,沖縄県那覇市泉崎1-1-1,1990-12-31,A4\n';

async function rows(file: string, buf: Buffer, opts = {}) {
  const list = await readList(file, buf, opts);
  const out: ListRow[] = [];
  list.forEachRow((r) => out.push(r));
  return { list, rows: out };
}

describe('leak list reading', () => {
  it('reads UTF-8 with and without BOM, quoted newlines, and reports wrong column counts with line numbers', async () => {
    for (const buf of [Buffer.from(CSV), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])]) {
      const { list, rows: r } = await rows('list.csv', buf);
      expect(list.encoding).toBe('utf-8');
      expect(list.headers[0]).toBe('氏名');
      expect(r.map((x) => x.line)).toEqual([2, 3, 6]);
      expect(r[1].cells[0]).toBe('髙橋\n花子');
      expect(list.badRows).toEqual([{ line: 5, reason: '5 columns, header has 8' }]);
    }
  });
  it('detects Shift_JIS (CP932) and EUC-JP written by iconv-lite, and honours --encoding', async () => {
    const sjis = iconv.encode(CSV.replace('山田 太郎', '山田 太郎①'), 'cp932');
    const a = await rows('list.csv', sjis);
    expect(a.list.encoding).toBe('shift_jis');
    expect(a.rows[0].cells[0]).toBe('山田 太郎①');
    const euc = iconv.encode(CSV, 'euc-jp');
    const b = await rows('list.csv', euc);
    expect(b.list.encoding).toBe('euc-jp');
    expect(b.rows[1].cells[1]).toBe('タカハシ ハナコ');
    const forced = await rows('list.csv', euc, { encoding: 'euc-jp' });
    expect(forced.rows[0].cells[0]).toBe('山田 太郎');
  });
  it('reports rows with undecodable bytes and imports the rest', async () => {
    const good = Buffer.from(CSV);
    const bad = Buffer.concat([good.subarray(0, good.indexOf('\n', good.indexOf('A1')) + 1), Buffer.from('壊れた,'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(',x@example.com,090-0000-0000,1,2,3,4\n'), good.subarray(good.indexOf('\n', good.indexOf('A1')) + 1)]);
    const { list, rows: r } = await rows('list.csv', bad, { encoding: 'utf-8' });
    expect(list.badRows.find((b) => b.line === 3)?.reason).toMatch(/undecodable/);
    expect(r.length).toBe(3);
  });
  it('reads TSV, JSON Lines (bad JSON reported) and XLSX (first sheet or --sheet)', async () => {
    const tsv = await rows('list.tsv', Buffer.from(CSV.replace(/,/g, '\t').replace('"髙橋\n花子"', '髙橋花子').replace(/"/g, '')));
    expect(tsv.rows.length).toBe(3);
    const jsonl = '{"name":"山田 太郎","email":"taro@example.com"}\nnot json\n{"name":"佐藤","tel":"090-1234-5678"}\n';
    const j = await rows('list.jsonl', Buffer.from(jsonl));
    expect(j.list.headers).toEqual(['name', 'email', 'tel']);
    expect(j.list.badRows).toEqual([{ line: 2, reason: expect.stringMatching(/not JSON/) }]);
    expect(j.rows[1].cells).toEqual(['佐藤', '', '090-1234-5678']);

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('メモ').addRow(['ignore me']);
    const ws = wb.addWorksheet('会員');
    ws.addRow(['氏名', 'メールアドレス', '生年月日']);
    ws.addRow(['山田 太郎', 'taro@example.com', new Date(Date.UTC(1985, 2, 4))]);
    ws.addRow(['佐藤 花子', 'hanako@example.jp', '1990/1/2', 'extra']);
    const file = path.join(tmp, 'list.xlsx');
    await wb.xlsx.writeFile(file);
    const x = await rows(file, fs.readFileSync(file), { sheet: '会員' });
    expect(x.list.sheet).toBe('会員');
    expect(x.rows[0].cells).toEqual(['山田 太郎', 'taro@example.com', '1985-03-04']);
    expect(x.list.badRows).toEqual([{ line: 3, reason: expect.stringMatching(/beyond/) }]);
    await expect(readList(file, fs.readFileSync(file), { sheet: 'nope' })).rejects.toThrow(/no sheet "nope"/);
  });
  it('guesses the mapping from Japanese and English headers', () => {
    expect(guessMapping(['氏名', 'フリガナ', 'メールアドレス', 'TEL', '郵便番号', '住所', '生年月日', '勤務先', '備考']))
      .toEqual({ name: 0, name_kana: 1, email: 2, phone: 3, postal_code: 4, address: 5, birth_date: 6, company: 7 });
    expect(guessMapping(['Full Name', 'E-mail', 'Phone', 'Zip', 'Address', 'Birthday', 'Company']))
      .toEqual({ name: 0, email: 1, phone: 2, postal_code: 3, address: 4, birth_date: 5, company: 6 });
  });
});

describe('leak list import into a case', () => {
  it('stores hashes, key and mapping — never the plaintext — and re-reads the list only if unchanged', async () => {
    const c = initCase(path.join(tmp, 'case'), { name: 'import test' });
    try {
      const file = path.join(tmp, 'members.csv');
      fs.writeFileSync(file, iconv.encode(CSV, 'cp932'));
      const r = await importLeakList(c, file, { key: '会員番号', map: 'company=' });
      expect(r.records).toBe(3); // the row on line 5 has too few columns
      expect(r.mapping).toMatchObject({ name: '氏名', name_kana: 'フリガナ', email: 'メール', phone: '電話番号', postal_code: '〒', address: '住所', birth_date: '生年月日' });
      expect(r.badRows.map((b) => b.line)).toEqual([5]);
      const dump = c.db.prepare("SELECT group_concat(record_key || field_hashes_json, '|') AS s FROM leak_record").get() as { s: string };
      // Whole values only: short digit runs like '090' can occur by chance inside a base64 hash.
      for (const plain of ['taro@example.com', '山田', '09012345678', '090-1234-5678', '千代田区', 'ヤマダ']) expect(dump.s).not.toContain(plain);
      const key = (c.db.prepare('SELECT hmac_key FROM case_info').get() as { hmac_key: Buffer }).hmac_key;
      const a1 = JSON.parse((c.db.prepare("SELECT field_hashes_json FROM leak_record WHERE record_key = 'A1'").get() as { field_hashes_json: string }).field_hashes_json);
      expect(a1.phone).toBe(fieldHmac(key, 'phone', '09012345678'));
      expect(a1.birth_date).toBe(fieldHmac(key, 'birth_date', '1985-03-04'));

      const [set] = listLeakSets(c);
      const index = await loadLeakIndex(c, set);
      expect(index.recordKeys).toEqual(['A1', 'A2', 'A4']);
      fs.appendFileSync(file, 'x');
      await expect(loadLeakIndex(c, set)).rejects.toThrow(/changed since it was imported/);
      const again = await importLeakList(c, file, { key: '会員番号' });
      expect(again.replaced).toBe(false); // a changed file is a new list
      expect(listLeakSets(c).length).toBe(2);
    } finally {
      c.close();
    }
  });
});
