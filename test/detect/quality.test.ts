import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPages } from '../../main/detect/match/detect-pages';
import type { PageContent } from '../../shared/model/page';
import { makeFaker, makePeople, toCsv, type Person } from './support/fake-people';
import { matcherFromCsv } from './support/index-from-csv';
import { makePage } from './support/pages';
import { ocrNoise, writeEntry } from './support/write-styles';

// A generated book whose truth is known: listed people written in varied ways (present), listed people
// mentioned by name only (weak), decoy people not in the list, and decoys who share a listed name.
const FILLER = fs.readFileSync(path.resolve(process.cwd(), '../shared/corpus/images/ja-rendered-kusamakura.gt.txt'), 'utf8')
  .split('\n').map((l) => l.trim()).filter(Boolean).flatMap((l) => l.match(/.{1,38}/gu) ?? []);

const PRESENT_COMBOS = [
  ['name', 'phone'], ['name', 'email'], ['name', 'kana', 'address', 'postal'], ['name', 'address'], ['name', 'birth', 'address'],
  ['email'], ['phone'], ['name', 'birth'], ['name', 'kana', 'phone', 'email', 'address', 'postal', 'birth'], ['kana', 'phone'],
];

interface Entry { lines: string[] }

function bookPages(f: ReturnType<typeof makeFaker>, entries: Entry[], firstIndex: number, source: 'native' | 'ocr'): PageContent[] {
  const shuffled = f.helpers.shuffle(entries);
  const pages: PageContent[] = [];
  for (let i = 0; i < shuffled.length; i += 8) {
    const lines: string[] = [];
    for (const e of shuffled.slice(i, i + 8)) {
      lines.push(...f.helpers.arrayElements(FILLER, { min: 1, max: 3 }));
      lines.push(...e.lines);
    }
    pages.push(makePage(firstIndex + pages.length, source === 'ocr' ? lines.map((l) => ocrNoise(f, l, 2)) : lines, source));
  }
  return pages;
}

const key = (i: number) => `M${String(i + 1).padStart(6, '0')}`;

describe('record detection quality on a generated book', async () => {
  const people = makePeople(900, 20251126);
  const listed = people.slice(0, 600);
  const decoys = people.slice(600);
  const matcher = await matcherFromCsv(toCsv(listed));
  const f = makeFaker(7);

  const truthText = new Set<string>(), truthOcr = new Set<string>();
  const textEntries: Entry[] = [], ocrEntries: Entry[] = [];
  listed.slice(0, 150).forEach((p, i) => {
    textEntries.push({ lines: writeEntry(f, p, PRESENT_COMBOS[i % PRESENT_COMBOS.length]) });
    truthText.add(key(i));
  });
  listed.slice(150, 200).forEach((p) => textEntries.push({ lines: writeEntry(f, p, f.helpers.arrayElement([['name'], ['name', 'kana']])) }));
  // Decoys: strangers, and strangers who share the name (and reading) of a listed person not in the book.
  decoys.slice(0, 100).forEach((p) => textEntries.push({ lines: writeEntry(f, p, ['name', 'kana', 'phone', 'email', 'address', 'postal', 'birth']) }));
  decoys.slice(100, 160).forEach((p, i) => {
    const twin: Person = { ...p, name: listed[400 + i].name, kana: listed[400 + i].kana };
    textEntries.push({ lines: writeEntry(f, twin, ['name', 'kana', 'phone', 'email', 'address', 'birth']) });
  });
  listed.slice(200, 280).forEach((p, i) => {
    ocrEntries.push({ lines: writeEntry(f, p, [['name', 'phone', 'email'], ['name', 'kana', 'phone', 'address'], ['name', 'email', 'address', 'birth']][i % 3]) });
    truthOcr.add(key(200 + i));
  });
  decoys.slice(160, 220).forEach((p) => ocrEntries.push({ lines: writeEntry(f, p, ['name', 'phone', 'email', 'address']) }));
  decoys.slice(220, 280).forEach((p, i) => {
    const twin: Person = { ...p, name: listed[500 + i].name, kana: listed[500 + i].kana };
    ocrEntries.push({ lines: writeEntry(f, twin, ['name', 'kana', 'phone', 'email', 'address']) });
  });

  const textPages = bookPages(f, textEntries, 0, 'native');
  const ocrPages = bookPages(f, ocrEntries, 1000, 'ocr');
  const detections = detectPages([...textPages, ...ocrPages], matcher);
  const presentText = new Set<string>(), presentOcr = new Set<string>();
  for (const d of detections) for (const r of d.records) if (r.present) (d.pageIndex >= 1000 ? presentOcr : presentText).add(r.recordKey);
  const reported = new Set([...presentText, ...presentOcr]);
  const truth = new Set([...truthText, ...truthOcr]);

  it('finds ≥ 95% of the records present on text pages', () => {
    const found = [...truthText].filter((k) => presentText.has(k));
    const missed = [...truthText].filter((k) => !presentText.has(k));
    expect(found.length / truthText.size, `missed: ${missed.join(' ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('finds ≥ 85% of the records present on OCR pages (noisy text)', () => {
    const found = [...truthOcr].filter((k) => presentOcr.has(k));
    expect(found.length / truthOcr.size).toBeGreaterThanOrEqual(0.85);
  });

  it('is precise (≥ 98%) and reports no decoy or name-only mention as present', () => {
    const wrong = [...reported].filter((k) => !truth.has(k));
    expect((reported.size - wrong.length) / reported.size).toBeGreaterThanOrEqual(0.98);
    // the listed twins of decoys (rows 401–560) and name-only mentions (151–200) are never present
    const forbidden = wrong.filter((k) => { const n = Number(k.slice(1)); return (n > 150 && n <= 200) || (n > 400 && n <= 560); });
    expect(forbidden).toEqual([]);
  });

  it('reports a name-only mention as a weak hit with a low score', () => {
    const weak = detections.flatMap((d) => d.records).filter((r) => Number(r.recordKey.slice(1)) > 150 && Number(r.recordKey.slice(1)) <= 200);
    expect(weak.length).toBeGreaterThan(40);
    for (const r of weak) {
      expect(r.present).toBe(false);
      expect(r.score).toBeLessThan(0.5);
    }
  });

  it('gives OCR-tolerant hits their edit distance', () => {
    const fuzzy = detections.filter((d) => d.pageIndex >= 1000).flatMap((d) => d.records).flatMap((r) => r.occurrences).filter((o) => o.distance > 0);
    expect(fuzzy.length).toBeGreaterThan(5);
    for (const o of fuzzy) {
      expect(o.source).toBe('ocr');
      // The OCR-tolerant index allows 2 edits; a present record's other fields are completed with the
      // redaction self-check's budget (one edit per six characters, at most 3).
      expect(o.distance).toBeLessThanOrEqual(Math.min(3, Math.max(2, Math.floor(Array.from(o.text.replace(/[\s-]/g, '')).length / 6))));
    }
  });
});
