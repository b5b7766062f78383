// The shortcuts taken for speed (benchmark: bench/match) must give exactly what the plain paths give.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { listLeakSets, loadLeakIndex } from '../../main/detect/leaks/load-list';
import { readList, type ListRow } from '../../main/detect/leaks/read-list';
import { FieldHasher, fieldHmac } from '../../main/detect/leaks/record-fields';
import { withoutSeparators } from '../../main/detect/match/detect-pages';
import { PatternSetBuilder } from '../../main/detect/match/pattern-set';
import { foldKey, foldKeyFull, foldText } from '../../main/detect/normalize/match-fold';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-fast-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

// Characters every fold rule reacts to: kanji numerals, address marks, dashes, spaces, brackets, +81,
// width and kana variants, variant kanji, clusters (combining marks, variation selectors, surrogates).
const TRICKY = Array.from('山田太郎一二三〇十百千丁目番地号の-ー－―‐ 　+()（）＋0123456789０１２ABCabcｱｶﾞﾊﾟカタひら髙﨑邊①㈱½éß\t.@_ヶヵ・〒都区𠮷辻\u{E0100}葛\uFE00が\u3099');

function randomStrings(count: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    for (let i = 0, n = 1 + Math.floor(r() * 12); i < n; i++) s += TRICKY[Math.floor(r() * TRICKY.length)];
    return s;
  });
}

describe('fast paths', () => {
  it('foldKey (shortcuts, cache) equals the full fold', () => {
    const samples = [...randomStrings(20_000, 7), '山田 太郎', '090-1234-5678', 'Taro.Yamada@Example.com', '鈴木一郎', 'ミーナ', '丸の内1-2-3'];
    for (const s of samples) expect(foldKey(s), JSON.stringify(s)).toBe(foldKeyFull(s));
    for (const s of samples.slice(0, 2000)) expect(foldKey(s)).toBe(foldKeyFull(s)); // from the cache
  });

  it('one fold per page: the matching fold is the recognizer fold without spaces and dashes', () => {
    for (const ocr of [false, true]) {
      for (const s of [...randomStrings(2000, 11), 'TEL O9O-l234-S678 東京都千代田区丸の内一丁目2番3号 +81 (0)3-1234-5678']) {
        const chars = Array.from(s);
        const a = withoutSeparators(foldText(chars, { ocr, keepSeparators: true })), b = foldText(chars, { ocr });
        expect(a.text, JSON.stringify(s)).toBe(b.text);
        expect(Array.from(a.start)).toEqual(Array.from(b.start));
        expect(Array.from(a.end)).toEqual(Array.from(b.end));
      }
    }
  });

  it('pattern set finds exactly what a naive search finds, repeats merged', () => {
    const r = rng(3);
    const alphabet = Array.from('abc山田');
    // > 32 distinct lengths (length bits alias in the start filter), length 1, shared prefixes, repeats.
    const patterns = Array.from({ length: 3000 }, () => {
      const len = 1 + Math.floor(r() * r() * 40);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
      return s;
    });
    const b = new PatternSetBuilder();
    const given = patterns.map((p) => b.add(p));
    const { patterns: set, ids } = b.build();
    const canonical = new Map<string, number>();
    patterns.forEach((p, i) => {
      const id = ids[given[i]];
      expect(set.key(id)).toBe(p);
      if (canonical.has(p)) expect(id).toBe(canonical.get(p));
      else canonical.set(p, id);
    });
    let text = '';
    for (let i = 0; i < 3000; i++) text += alphabet[Math.floor(r() * alphabet.length)];
    const found: string[] = [];
    set.search(text, (id, s, e) => {
      expect(text.slice(s, e)).toBe(set.key(id));
      found.push(`${s}:${set.key(id)}`);
    });
    const expected: string[] = [];
    for (const p of canonical.keys()) for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) expected.push(`${i}:${p}`);
    expect(found.sort()).toEqual(expected.sort());
  });

  it('reads unquoted CSV (LF and CRLF, empty lines, bad rows) as csv-parse does', async () => {
    const body = 'id,氏名,メール\n1,山田 太郎,taro@example.com\n\n2,鈴木 一郎\n3,佐藤 次郎,jiro@example.org,x\n4,高橋 花子,hanako@example.jp\n   \n5,田中,t@example.com';
    const quotedField = body.replace('山田 太郎', '"山田 太郎"'); // a quote: the general parser
    const read = async (text: string) => {
      const list = await readList('l.csv', Buffer.from(text));
      const out: ListRow[] = [];
      list.forEachRow((row) => out.push(row));
      return { headers: list.headers, rows: out, bad: list.badRows };
    };
    for (const eol of ['\n', '\r\n']) {
      const fast = await read(body.replaceAll('\n', eol)), general = await read(quotedField.replaceAll('\n', eol));
      expect(fast.rows.map((x) => x.line)).toEqual([2, 6, 8]);
      expect(fast.bad.map((x) => x.line)).toEqual([4, 5]);
      expect(fast).toEqual(general);
    }
  });

  it('FieldHasher is HMAC-SHA-256, for short and long keys and values', () => {
    for (const key of [randomBytes(32), randomBytes(100)]) {
      const h = new FieldHasher(key);
      for (const v of ['09012345678', '山田太郎', 'x'.repeat(5000), '']) expect(h.hash('name', v)).toBe(fieldHmac(key, 'name', v));
    }
  });

  it('import sets empty and repeated keys aside, and loading the list skips the same rows', async () => {
    const file = path.join(tmp, 'dups.csv');
    fs.writeFileSync(file, 'id,氏名,メール\nA1,山田 太郎,taro@example.com\nA2,鈴木 一郎,ichiro@example.com\nA1,佐藤 次郎,jiro@example.com\n,田中 花子,hanako@example.com\n');
    const c = initCase(path.join(tmp, 'case'), { name: 'dups' });
    try {
      const r = await importLeakList(c, file, { key: 'id' });
      expect(r.records).toBe(2);
      expect(r.badRows).toEqual([{ line: 4, reason: 'duplicate record key "A1"' }, { line: 5, reason: 'empty record key' }]);
      const index = await loadLeakIndex(c, listLeakSets(c)[0]);
      expect(index.recordKeys).toEqual(['A1', 'A2']);
      const values = (record: number) => {
        const out: string[] = [];
        for (let id = 0; id < index.patterns.size; id++) {
          for (let p = index.postStart[id]; p < index.postStart[id + 1]; p++) if (index.postRecord[p] === record) out.push(index.patterns.key(id));
        }
        return out.sort();
      };
      expect(values(0)).toEqual(['taro@example.com', '山田太郎']); // the first A1, not the repeat
      expect(values(1)).toEqual(['ichiro@example.com', '鈴木一郎']);
      expect(index.postRecord.length).toBe(4);
    } finally {
      c.close();
    }
  });
});
