// Precision on OCR'd pages when names repeat: a listed namesake whose e-mail is one character from the one
// printed (which another record matches exactly) is not present; an approximate match never wins over text
// that matches another record better. And the OCR-tolerant search's pieces and bit-parallel filter lose
// nothing the full edit table finds.
import { describe, expect, it } from 'vitest';
import { leastDistance } from '../../main/detect/match/bit-parallel';
import { detectPages } from '../../main/detect/match/detect-pages';
import { approxFind } from '../../main/detect/match/edit-distance';
import { FuzzyIndex, maxEdits } from '../../main/detect/match/fuzzy-index';
import { normalizeField } from '../../main/detect/normalize/fields';
import type { PageContent } from '../../shared/model/page';
import { makeFaker, toCsv, type Person } from './support/fake-people';
import { matcherFromCsv } from './support/index-from-csv';
import { listWithRepeatedNames } from './support/leak-table-book';
import { makePage } from './support/pages';
import { ocrNoise } from './support/write-styles';

const keyOf = (i: number) => `M${String(i + 1).padStart(6, '0')}`;
const present = (pages: PageContent[], m: Awaited<ReturnType<typeof matcherFromCsv>>) =>
  new Set(detectPages(pages, m).flatMap((d) => d.records.filter((r) => r.present).map((r) => r.recordKey)));

describe('namesakes on OCR pages', async () => {
  const { people, twinOf } = listWithRepeatedNames(2000, 29);
  const matcher = await matcherFromCsv(toCsv(people));

  it('a page of 2,000-record-list members under OCR noise: precision ≥ 0.99, recall ≥ 0.97', () => {
    // Twins' originals printed (20 a page, name + phone on one line, e-mail under it): each has a listed
    // namesake with an e-mail one character off.
    const f = makeFaker(31);
    const printed = people.map((_, i) => i).filter((i) => twinOf[i] < 0 && twinOf[i + 1] === i);
    const others = f.helpers.arrayElements(people.map((_, i) => i).filter((i) => twinOf[i] < 0 && twinOf[i + 1] !== i), 200);
    const rows = f.helpers.shuffle([...printed, ...others]);
    const pages: PageContent[] = [];
    for (let p = 0; p * 20 < rows.length; p++) {
      const lines = rows.slice(p * 20, p * 20 + 20).flatMap((i) => [ocrNoise(f, `${people[i].name}　${people[i].phone}`, 1.5), ocrNoise(f, people[i].email, 1.5)]);
      pages.push(makePage(p, lines, 'ocr'));
    }
    const truth = new Set(rows.map(keyOf));
    const found = present(pages, matcher);
    const tp = [...found].filter((k) => truth.has(k)).length;
    const wrong = [...found].filter((k) => !truth.has(k));
    expect(printed.length).toBeGreaterThan(150);
    expect(tp / found.size, `false: ${wrong.join(' ')}`).toBeGreaterThanOrEqual(0.99);
    expect(tp / truth.size).toBeGreaterThanOrEqual(0.97);
  });

  it('the e-mail printed exactly belongs to its record, not to the namesake one character away', () => {
    const a = people.findIndex((_, i) => twinOf[i + 1] === i);
    const A = people[a], B = people[a + 1];
    expect(B.name).toBe(A.name);
    const page = makePage(0, [`${A.name}`, A.email], 'ocr');
    const found = present([page], matcher);
    expect(found.has(keyOf(a))).toBe(true);
    expect(found.has(keyOf(a + 1))).toBe(false);
  });

  it('when the printed e-mail is one OCR error from both namesakes, the record with more evidence wins', () => {
    // Change, in A's e-mail, the character where B's differs: both are one edit away.
    const a = people.findIndex((p, i) => twinOf[i + 1] === i && p.email.length >= 16);
    const A: Person = people[a], B: Person = people[a + 1];
    const at = [...A.email].findIndex((c, i) => c !== B.email[i]);
    const pick = [...'xyzq7'].find((c) => c !== A.email[at] && c !== B.email[at])!;
    const blurred = A.email.slice(0, at) + pick + A.email.slice(at + 1);
    const page = makePage(0, [`${A.name}　${A.phone}`, blurred], 'ocr');
    const found = present([page], matcher);
    expect(found.has(keyOf(a))).toBe(true);
    expect(found.has(keyOf(a + 1))).toBe(false);
  });
});

describe('OCR-tolerant search', () => {
  const f = makeFaker(37);
  const alphabet = 'abcde.@0123';
  const rand = (n: number) => Array.from({ length: n }, () => f.helpers.arrayElement([...alphabet])).join('');
  const mutate = (s: string, edits: number) => {
    let t = s;
    for (let e = 0; e < edits && t.length > 1; e++) {
      const i = f.number.int({ min: 0, max: t.length - 1 }), op = f.number.int(2);
      t = op === 0 ? t.slice(0, i) + rand(1) + t.slice(i + 1) : op === 1 ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + rand(1) + t.slice(i);
    }
    return t;
  };

  it('the bit-parallel distance equals the full table on random windows', () => {
    for (let n = 0; n < 2000; n++) {
      const p = rand(f.number.int({ min: 1, max: 32 }));
      const text = f.number.int(1) ? mutate(p, f.number.int(3)) + rand(f.number.int(4)) : rand(f.number.int({ min: 1, max: 40 }));
      let best = p.length;
      for (let k = 0; k <= p.length; k++) if (approxFind(p, text, k)) { best = k; break; }
      expect(leastDistance(Uint16Array.from(p, (c) => c.charCodeAt(0)), text, 0, text.length), `${p} in ${text}`).toBe(best);
    }
  });

  it('finds every listed e-mail, phone and address printed with up to its k edits', async () => {
    const { people } = listWithRepeatedNames(300, 47);
    const m = await matcherFromCsv(toCsv(people));
    const fuzzy = FuzzyIndex.build(m.index);
    let tried = 0, found = 0;
    for (const p of people.slice(0, 120)) {
      for (const key of [normalizeField('email', p.email)!, normalizeField('phone', p.phone)!, normalizeField('address', p.address)!]) {
        const k = maxEdits(key.length);
        if (!k) continue;
        // Substitutions of letters/digits keep the value's shape (the fold would not undo them).
        let noisy = key;
        for (let e = 0; e < k; e++) {
          const i = f.number.int({ min: 0, max: noisy.length - 1 });
          noisy = noisy.slice(0, i) + (/\d/.test(noisy[i]) ? String((Number(noisy[i]) + 1) % 10) : 'ж') + noisy.slice(i + 1);
        }
        if (noisy === key) continue;
        tried++;
        const text = `前置き${noisy}後書き`; // folded page text has no spaces
        let hit = false;
        fuzzy.search(text, (id) => { if (m.index.patterns.key(id) === key) hit = true; });
        if (hit) found++;
      }
    }
    expect(tried).toBeGreaterThan(150);
    expect(found).toBe(tried);
  });
});
