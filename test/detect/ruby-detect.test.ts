// A name given furigana in an e-book (<ruby>佐藤<rt>さとう</rt></ruby><ruby>花子<rt>はなこ</rt></ruby>) is found:
// matching reads the base text, boxes land on the name (and the readings drawn beside it), and the readings
// match the list's フリガナ. Through the real pipeline: CSV list import, EPUB intake, MuPDF extraction, detection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { getPageContent } from '../../main/documents/document-store';
import { extractItem } from '../../main/documents/extract-item';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { baseView, coverReading, pageChars, rangeText, readingView } from '../../main/detect/match/page-chars';
import { detectItem } from '../../main/detect/store/detect-item';
import { hitsReport } from '../../main/detect/store/hits-report';
import { addEvidence } from '../../main/evidence/intake';
import type { Box } from '../../shared/model/geometry';
import { writeEpub } from '../documents/generate';
import { makePeople, toCsv } from './support/fake-people';
import { makePage } from './support/pages';

const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-ruby-detect-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const hiragana = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const covers = (outer: Box, inner: Box) => outer[0] <= inner[0] + 0.01 && outer[1] <= inner[1] + 0.01 && outer[2] >= inner[2] - 0.01 && outer[3] >= inner[3] - 0.01;

describe('names with furigana', () => {
  it('a listed name with furigana in an EPUB is found, with boxes on its characters and its reading matched', async () => {
    const people = makePeople(30, 11);
    const at = people.findIndex((p) => /^\p{Script=Han}+ \p{Script=Han}+$/u.test(p.name));
    const p = people[at];
    const [last, first] = p.name.split(' ');
    const [lastKana, firstKana] = p.kana.split(' ').map(hiragana);
    const list = path.join(tmp, 'list.csv');
    fs.writeFileSync(list, toCsv(people));
    const book = path.join(tmp, 'book.epub');
    await writeEpub(book, {
      title: '会員名簿',
      chapters: [`<p>会員<ruby>${last}<rt>${lastKana}</rt></ruby><ruby>${first}<rt>${firstKana}</rt></ruby>様</p><p>電話番号は${p.phone}です。</p>`],
    });
    const c = initCase(path.join(tmp, 'case'), { name: 'ruby' });
    try {
      await importLeakList(c, list, { key: '会員ID' });
      const [item] = await addEvidence(c, [book]);
      const ex = await extractItem(c, item.id, { pool });
      expect(ex.status, ex.error).toBe('ok');
      const page = getPageContent(c, item.id, 0);
      const line = page.lines.find((l) => l.text.startsWith('会員'))!;
      // The page is what MuPDF draws: readings inline after their bases, flagged.
      expect(line.text).toBe(`会員${last}${lastKana}${first}${firstKana}様`);
      expect(line.chars.filter((ch) => ch.ruby).map((ch) => ch.c).join('')).toBe(lastKana + firstKana);

      await detectItem(c, item.id);
      const rec = hitsReport(c).records.find((r) => r.key === `M${String(at + 1).padStart(6, '0')}`)!;
      expect(rec, 'the record is found').toBeDefined();
      expect(rec.present).toBe(true);
      const name = rec.occurrences.find((o) => o.field === 'name')!;
      expect(name.text).toBe(last + first);
      // One box on the line, from the name's first character through the reading of its last one.
      const nameStart = 2, nameEnd = 2 + last.length + lastKana.length + first.length + firstKana.length;
      const chars = line.chars.slice(nameStart, nameEnd);
      expect(name.boxes).toHaveLength(1);
      for (const ch of chars) expect(covers(name.boxes[0], ch.box), `${ch.c} is covered`).toBe(true);
      expect(name.boxes[0][0]).toBeCloseTo(line.chars[nameStart].box[0], 2);
      expect(name.boxes[0][2]).toBeCloseTo(line.chars[nameEnd - 1].box[2], 2);
      expect(covers(name.boxes[0], line.chars[nameEnd].box)).toBe(false); // 様 stays out
      // The furigana match the list's フリガナ. A reading's base is taken as the whole kanji run before it (the
      // text does not say where a base starts), so this box may start earlier (at 会員) but covers the name.
      const kana = rec.occurrences.find((o) => o.field === 'name_kana')!;
      expect(kana.text).toBe(lastKana + firstKana);
      expect(kana.boxes).toHaveLength(1);
      expect(covers(kana.boxes[0], name.boxes[0])).toBe(true);
      expect(kana.boxes[0][2]).toBe(name.boxes[0][2]);
      expect(rec.occurrences.some((o) => o.field === 'phone')).toBe(true);
    } finally {
      c.close();
    }
  });
});

describe('page text with ruby readings, as matching assembles it', () => {
  it('base view, reading view and ranges keep offsets on the page chars', () => {
    const page = makePage(0, ['会員佐藤さとう花子はなこ様', '次']);
    page.lines[0].chars.forEach((ch, i) => { if ((i >= 4 && i < 7) || (i >= 9 && i < 12)) ch.ruby = true; });
    const pc = pageChars(page);
    expect(pc.chars.join('')).toBe('会員佐藤さとう花子はなこ様\n次'); // offsets still index the page as drawn
    const base = baseView(pc)!;
    expect(base.chars.join('')).toBe('会員佐藤花子様\n次');
    expect(Array.from(base.from.subarray(2, 6))).toEqual([2, 3, 7, 8]);
    const reading = readingView(pc)!;
    expect(reading.chars.join('')).toBe('さとうはなこ様\n次');
    expect(reading.from[0]).toBe(0); // the kanji run before the first reading
    expect(reading.from[3]).toBe(7); // は stands for 花子 too
    expect(coverReading(pc, 9)).toBe(12);
    expect(rangeText(pc, 2, 12)).toBe('佐藤花子');
    expect(rangeText(pc, 2, 12, 'reading')).toBe('さとうはなこ');
    expect(baseView(pageChars(makePage(0, ['佐藤花子'])))).toBeNull(); // no ruby: no second view
  });
});
