// A found record's other fields on an OCR page, with one character misread (issue 13's screenshot book:
// 小野寺沙侑 read as 小野寺沙休 left the name legible, and the redaction's self-check rightly refused the
// export). Detection now locates them with the self-check's edit budget, for records present on the page only.
import { describe, expect, it } from 'vitest';
import { detectPages } from '../../main/detect/match/detect-pages';
import { ocrEditBudget } from '../../main/detect/match/ocr-edit-budget';
import { makePeople, toCsv } from './support/fake-people';
import { matcherFromCsv } from './support/index-from-csv';
import { makePage } from './support/pages';

const keyOf = (i: number) => `M${String(i + 1).padStart(6, '0')}`;

/** The name with one character replaced by one that is in no name of the list (a misreading). */
const misread = (name: string, at: number) => Array.from(name).map((c, i) => (i === at ? '休' : c)).join('');

describe('completing records found on OCR pages', async () => {
  const people = makePeople(2000, 4242);
  const matcher = await matcherFromCsv(toCsv(people));
  // Long enough for the budget to allow one edit, short enough that the OCR-tolerant index does not (< 8).
  const rows = people.map((p, i) => ({ p, i })).filter(({ p }) => Array.from(p.name.replace(/\s/g, '')).length >= 5).slice(0, 20);

  it('a present record\'s misread name is located (distance 1, its own box); other records\' names are not touched', () => {
    expect(rows).toHaveLength(20);
    const lines = rows.flatMap(({ p }, k) => [`${k % 2 ? misread(p.name, 3) : p.name}　${p.phone}`, p.email]);
    // A near copy of the name of a listed person who is NOT on this page (no phone, no e-mail of theirs).
    const absent = people.slice(1500).find((p) => Array.from(p.name.replace(/\s/g, '')).length >= 5)!;
    lines.push(misread(absent.name, 2));
    const [d] = detectPages([makePage(0, lines, 'ocr')], matcher);
    for (const [k, { p, i }] of rows.entries()) {
      const rec = d.records.find((r) => r.recordKey === keyOf(i));
      expect(rec?.present, p.name).toBe(true);
      const name = rec!.occurrences.find((o) => o.field === 'name');
      expect(name, `${keyOf(i)} ${p.name}`).toBeDefined();
      expect(name!.distance).toBe(k % 2 ? 1 : 0);
      expect(name!.text.replace(/\s/g, '')).toBe((k % 2 ? misread(p.name, 3) : p.name).replace(/\s/g, ''));
      expect(name!.boxes.length).toBeGreaterThan(0);
      expect(name!.boxes[0][1]).toBe(20 + 2 * k * 14); // on its own line
    }
    expect(d.records.find((r) => r.recordKey === keyOf(people.indexOf(absent)))).toBeUndefined();
  });

  it('a short name misread (one character off, or a kanji read as two) is completed on its record\'s own line only', () => {
    const short = people.map((p, i) => ({ p, i })).filter(({ p }) => Array.from(p.name.replace(/\s/g, '')).length === 3).slice(0, 3);
    expect(short).toHaveLength(3);
    const [a, b, c] = short;
    // c's kanji read as two (荻野朋奏 → 荻野有明奏): two edits, the whole run is the name.
    const split = (name: string) => Array.from(name.replace(/\s/g, '')).map((ch, i) => (i === 2 ? '有明' : ch)).join('');
    const lines = [
      `${misread(a.p.name.replace(/\s/g, ''), 2)}　${a.p.phone}`, a.p.email, // a's name misread, on the line of its phone
      `${split(c.p.name)}　${c.p.phone}`, c.p.email,
      `${b.p.phone}`, b.p.email, misread(b.p.name.replace(/\s/g, ''), 2), // b's misread name on a line of its own
    ];
    const [d] = detectPages([makePage(0, lines, 'ocr')], matcher);
    const nameOf = (i: number) => d.records.find((r) => r.recordKey === keyOf(i))?.occurrences.find((o) => o.field === 'name');
    expect(nameOf(a.i)?.distance).toBe(1);
    expect(nameOf(a.i)?.boxes[0][1]).toBe(20);
    expect(nameOf(c.i)?.text.replace(/\s/g, '')).toBe(split(c.p.name));
    expect(nameOf(c.i)?.distance).toBe(2);
    expect(d.records.find((r) => r.recordKey === keyOf(b.i))?.present).toBe(true);
    expect(nameOf(b.i)).toBeUndefined();
  });

  it('a name misread beyond half its length is completed when its family name (first two characters) was read right, on its record\'s line', () => {
    const four = people.map((p, i) => ({ p, i })).filter(({ p }) => Array.from(p.name.replace(/\s/g, '')).length === 4).slice(0, 3);
    const five = rows[2];
    expect(four).toHaveLength(3);
    const [a, b, c] = four;
    // c: a character dropped, and a label after the name in the same run of Japanese (黒川 枝　メール).
    const dropped = Array.from(c.p.name.replace(/\s/g, '')).filter((_, k) => k !== 2).join('');
    // a: 松山晏侑 read 松山愛人誰 (three edits; the budget for four characters is two).
    const given = (name: string, by: string) => Array.from(name.replace(/\s/g, '')).slice(0, 2).join('') + by;
    // b: the same misreading of the given name, but the family name misread too: nothing says it is b's name.
    const both = (name: string) => `休${Array.from(name.replace(/\s/g, ''))[1]}愛人誰`;
    // five: two edits in a five-character name (the page-wide search allows one).
    const twice = (name: string) => Array.from(name.replace(/\s/g, '')).map((ch, i) => (i === 3 || i === 4 ? '休' : ch)).join('');
    const lines = [
      `${given(a.p.name, '愛人誰')}　${a.p.phone}`, a.p.email,
      `${both(b.p.name)}　${b.p.phone}`, b.p.email,
      `${twice(five.p.name)}　${five.p.phone}`, five.p.email,
      `${dropped}　メール　${c.p.email}　${c.p.phone}`,
    ];
    const [d] = detectPages([makePage(0, lines, 'ocr')], matcher);
    const nameOf = (i: number) => d.records.find((r) => r.recordKey === keyOf(i))?.occurrences.find((o) => o.field === 'name');
    expect(nameOf(a.i)?.text.replace(/\s/g, '')).toBe(given(a.p.name, '愛人誰'));
    expect(nameOf(a.i)?.distance).toBe(3);
    expect(d.records.find((r) => r.recordKey === keyOf(b.i))?.present).toBe(true);
    expect(nameOf(b.i)).toBeUndefined();
    expect(nameOf(five.i)?.text.replace(/\s/g, '')).toBe(twice(five.p.name));
    expect(nameOf(five.i)?.boxes[0][1]).toBe(20 + 4 * 14);
    expect(nameOf(c.i)?.text.replace(/\s/g, '')).toBe(dropped);
  });

  it('on an OCR line, the boxes of a found value take in the stray marks beside it (a 0 read as "_ 0")', () => {
    const { p, i } = rows[3];
    const lines = [`${p.name}　_ ${p.phone}”`, `'${p.email}`];
    const [ocrPage] = detectPages([makePage(0, lines, 'ocr')], matcher);
    const [textPage] = detectPages([makePage(0, lines, 'native')], matcher);
    const box = (d: typeof ocrPage, field: string) => d.records.find((r) => r.recordKey === keyOf(i))!.occurrences.find((o) => o.field === field)!;
    const at = (line: string, ch: string) => 20 + Array.from(line).indexOf(ch) * 10;
    // The phone: from the "_" (and the space after it) to the closing mark; its text stays the phone.
    expect(box(ocrPage, 'phone').text).toBe(p.phone);
    expect(box(ocrPage, 'phone').boxes[0][0]).toBe(at(lines[0], '_'));
    expect(box(ocrPage, 'phone').boxes[0][2]).toBe(at(lines[0], '”') + 10);
    expect(box(ocrPage, 'email').boxes[0][0]).toBe(20);
    // Native text draws what it says: nothing is added.
    expect(box(textPage, 'phone').boxes[0][0]).toBe(at(lines[0], '_') + 20);
  });

  it('a three-character name whose last character OCR dropped is its family name, boxed over the gap to the next mark', () => {
    // The seed book's page 242: 徳田澪 read "徳田 _01-5497-0190" (the 澪 dropped, the line at confidence 0).
    const { p, i } = people.map((q, k) => ({ p: q, i: k })).filter(({ p: q }) => Array.from(q.name.replace(/\s/g, '')).length === 3)[3];
    const family = Array.from(p.name.replace(/\s/g, '')).slice(0, 2).join('');
    const line = `${family} _${p.phone}`;
    const [d] = detectPages([makePage(0, [line, p.email], 'ocr')], matcher);
    const name = d.records.find((r) => r.recordKey === keyOf(i))?.occurrences.find((o) => o.field === 'name');
    expect(name?.text.replace(/\s/g, '')).toBe(family);
    expect(name?.distance).toBe(1);
    expect(name!.boxes[0][2]).toBe(20 + (Array.from(line).indexOf('_') + 1) * 10);
  });

  it('text pages stay exact: the same misreading in native text is not completed', () => {
    const { p, i } = rows[1];
    const [d] = detectPages([makePage(0, [`${misread(p.name, 3)}　${p.phone}`, p.email], 'native')], matcher);
    const rec = d.records.find((r) => r.recordKey === keyOf(i));
    expect(rec?.present).toBe(true);
    expect(rec!.occurrences.some((o) => o.field === 'name')).toBe(false);
  });

  it('uses the redaction self-check\'s budget: a five-character name allows one edit, a four-character one none', () => {
    expect(ocrEditBudget(5)).toBe(1);
    expect(ocrEditBudget(4)).toBe(0);
  });
});
