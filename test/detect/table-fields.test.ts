// Every field of a record found present is a hit, in leak books printed as the incident's was: tables of
// 氏名 | メール | 電話 | 住所 whose narrow cells wrap names (山口 / 正人) and addresses over several lines.
// Real EPUBs opened by MuPDF (in the document worker), a list where names repeat, strangers in the tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../main/documents/extract-document';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { detectPages, type PageDetection } from '../../main/detect/match/detect-pages';
import { foldString } from '../../main/detect/normalize/match-fold';
import type { PageContent } from '../../shared/model/page';
import { makeFaker, makePeople, toCsv, type Person } from './support/fake-people';
import { COVERED_FIELDS, fieldCoverage } from './support/field-coverage';
import { matcherFromCsv } from './support/index-from-csv';
import { listWithRepeatedNames, writeTableEpub, type TableLayout } from './support/leak-table-book';

const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-table-fields-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const keyOf = (i: number) => `M${String(i + 1).padStart(6, '0')}`;

interface Run { listed: Person[]; pages: PageContent[]; detections: PageDetection[]; strangerKeys: Set<string> }

/** Lists `n` people (names repeat), prints them with `strangers` unlisted people in a table EPUB, detects. */
async function run(n: number, strangers: number, layout: TableLayout, seed: number): Promise<Run> {
  const { people: listed } = listWithRepeatedNames(n, seed);
  const others = makePeople(strangers, seed + 1000).filter((s) => !listed.some((p) => p.email === s.email || p.phone === s.phone));
  const rows = makeFaker(seed).helpers.shuffle([...listed, ...others]);
  const book = path.join(tmp, `${layout}-${n}.epub`);
  await writeTableEpub(book, rows, { seed, layout });
  const ex = await extractDocument({ path: book, format: 'epub' }, { pool });
  expect(ex.status, ex.error).toBe('ok');
  const matcher = await matcherFromCsv(toCsv(listed));
  return { listed, pages: ex.pages, detections: detectPages(ex.pages, matcher), strangerKeys: new Set() };
}

function presentKeys(d: readonly PageDetection[]): Set<string> {
  return new Set(d.flatMap((x) => x.records.filter((r) => r.present).map((r) => r.recordKey)));
}

/** The page chars whose centres lie in a box, in box order then reading order. */
function charsIn(page: PageContent, boxes: readonly [number, number, number, number][]): string {
  let s = '';
  for (const b of boxes) {
    for (const l of page.lines) for (const c of l.chars) {
      const x = (c.box[0] + c.box[2]) / 2, y = (c.box[1] + c.box[3]) / 2;
      if (x >= b[0] - 0.01 && x <= b[2] + 0.01 && y >= b[1] - 0.01 && y <= b[3] + 0.01) s += c.c;
    }
  }
  return s;
}

function checkBook(name: string, get: () => Run, goals: { name: number; address: number }) {
  it(`${name}: every listed record is present, no stranger is`, () => {
    const { listed, detections } = get();
    const present = presentKeys(detections);
    const missed = listed.map((_, i) => keyOf(i)).filter((k) => !present.has(k));
    expect(missed, `missed: ${missed.slice(0, 10).join(' ')}`).toEqual([]);
    expect([...present].filter((k) => Number(k.slice(1)) > listed.length)).toEqual([]);
  });

  it(`${name}: every printed field of a present record lies under hit boxes (name ≥ ${goals.name}, address ≥ ${goals.address})`, () => {
    const { listed, pages, detections } = get();
    const cov = fieldCoverage(pages, detections, listed, keyOf);
    const rate = Object.fromEntries(COVERED_FIELDS.map((f) => [f, cov.covered[f] / cov.located[f]]));
    console.log(`${name}: located ${JSON.stringify(cov.located)} covered ${JSON.stringify(cov.covered)}`);
    // The independent locator finds (nearly) every printed value, so the rates speak for the whole book.
    for (const f of COVERED_FIELDS) expect(cov.located[f], f).toBeGreaterThanOrEqual(listed.length * 0.97);
    expect(rate.name, cov.misses.join('\n')).toBeGreaterThanOrEqual(goals.name);
    expect(rate.address, cov.misses.join('\n')).toBeGreaterThanOrEqual(goals.address);
    expect(rate.email, cov.misses.join('\n')).toBeGreaterThanOrEqual(0.99);
    expect(rate.phone, cov.misses.join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it(`${name}: a hit over wrapped lines has one box per line piece, holding exactly its characters`, () => {
    const { pages, detections } = get();
    let multi = 0;
    for (const d of detections) {
      const page = pages.find((p) => p.index === d.pageIndex)!;
      for (const r of d.records) for (const o of r.occurrences) {
        if (o.boxes.length < 2) continue;
        multi++;
        expect(foldString(charsIn(page, o.boxes)).text, `${o.field} ${o.text} on page ${d.pageIndex + 1}`).toBe(foldString(o.text).text);
      }
    }
    if (name.startsWith('narrow')) expect(multi).toBeGreaterThan(get().listed.length); // names and addresses wrap
  });
}

describe('fields of present records in leak tables (EPUB, real MuPDF layout)', () => {
  let narrow: Run, blocks: Run;
  it('lays out and detects a 2,000-record table with narrow cells, and a 600-record table as blocks', async () => {
    narrow = await run(2000, 100, 'table', 41);
    blocks = await run(600, 40, 'blocks', 43);
    expect(narrow.pages.length).toBeGreaterThan(100);
  }, 300_000);
  checkBook('narrow cells', () => narrow, { name: 0.99, address: 0.95 });
  checkBook('cells as blocks', () => blocks, { name: 0.99, address: 0.95 });
});
