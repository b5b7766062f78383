import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateGray, toGray } from '../../main/ocr/gray-image';
import { ocrImage } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';
import type { OcrResult } from '../../main/ocr/ocr-result';
import { corpusFile, tmpDir } from '../helpers/paths';
import { runShokoAsync } from '../helpers/run-cli';
import { PAGE_HEIGHT, PAGE_WIDTH, SIDEWAYS_RECORDS, verticalSidewaysPage, type DrawnRun } from './vertical-sideways-page';

// A vertical page picture with e-mail addresses and phone numbers set sideways in the columns (issue 17:
// before, 0 of its 8 records were found; the page was even taken for a turned horizontal page).

const pool = new OcrPool({ size: 2 });
afterAll(() => pool.close());

let png: Uint8Array;
let runs: DrawnRun[];
let r: OcrResult;
beforeAll(async () => {
  ({ png, runs } = verticalSidewaysPage());
  r = await ocrImage(png, { pool, vertical: 'auto' });
});

const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('vertical page with sideways Latin (generated, 952x2000, IPAex Gothic)', () => {
  it('is read upright as vertical columns', () => {
    expect(r.imageSize).toEqual({ width: PAGE_WIDTH, height: PAGE_HEIGHT });
    expect(r.mode).toBe('vertical');
    expect(r.rotation).toBe(0);
    expect(r.sidewaysWords).toBeGreaterThanOrEqual(12);
    for (const l of r.lines) expect(l.text).toBe(l.chars.map((c) => c.c).join(''));
  });

  it('reads at least 90 % of its values (names, e-mail addresses, phone numbers)', () => {
    const text = squeeze(r.text);
    const values = SIDEWAYS_RECORDS.flatMap((p) => [p.name, p.email, p.phone]);
    const read = values.filter((v) => text.includes(v));
    console.log(`sideways page: ${read.length}/${values.length} values read; missed ${JSON.stringify(values.filter((v) => !read.includes(v)))}`);
    expect(read.length / values.length).toBeGreaterThanOrEqual(0.9);
    // Each e-mail sits in its own record's column, between メール and 電話.
    for (const p of SIDEWAYS_RECORDS) {
      const col = r.lines.find((l) => squeeze(l.text).includes(p.email));
      if (col) expect(squeeze(col.text)).toContain(`${p.name}メール${p.email}電話`);
    }
  });

  it('boxes each sideways run where it was drawn, character by character down the column', () => {
    let checked = 0;
    for (const run of runs.filter((x) => x.sideways)) {
      const line = r.lines.find((l) => l.text.includes(run.text));
      if (!line) continue;
      const at = line.text.indexOf(run.text);
      const chars = line.chars.slice(at, at + run.text.length);
      const [x0, y0, x1, y1] = run.box;
      for (const c of chars) {
        // Inside the column (a few pixels of slack), and within the run's stretch.
        expect(c.box[0]).toBeGreaterThanOrEqual(x0 - 15);
        expect(c.box[2]).toBeLessThanOrEqual(x1 + 15);
        expect(c.box[1]).toBeGreaterThanOrEqual(y0 - 8);
        expect(c.box[3]).toBeLessThanOrEqual(y1 + 8);
      }
      // Together they cover the run's length (the first and last characters at its ends).
      expect(chars[0].box[1]).toBeLessThan(y0 + 22);
      expect(chars[chars.length - 1].box[3]).toBeGreaterThan(y1 - 22);
      for (let i = 1; i < chars.length; i++) expect(chars[i].box[1]).toBeGreaterThanOrEqual(chars[i - 1].box[1]);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('the whole pipeline finds at least 75 % of its records present (case, leak list, scan, hits)', async () => {
    const dir = tmpDir('shoko-sideways-');
    const caseDir = path.join(dir, 'case');
    const image = path.join(dir, 'vertical-page.png');
    fs.writeFileSync(image, png);
    // The 8 people on the page and 4 who are not.
    const others = [
      { name: '森本沙織', email: 'saori.morimoto@example.jp', phone: '090-1111-2222' },
      { name: '石井拓也', email: 'takuya.ishii@example.com', phone: '080-3333-4444' },
      { name: '山口正人', email: 'masato.yamaguchi2@example.jp', phone: '070-5555-6666' },
      { name: '清水恵', email: 'megumi.s@example.org', phone: '03-7777-8888' },
    ];
    const rows = [...SIDEWAYS_RECORDS, ...others].map((p, i) => `M${String(i + 1).padStart(3, '0')},${p.name},${p.email},${p.phone}`);
    fs.writeFileSync(path.join(dir, 'list.csv'), `会員番号,氏名,メール,電話\n${rows.join('\n')}\n`);
    const steps = [
      ['case', 'init', caseDir, '--name', '横書き英字テスト', '--examiner', '検査 太郎'],
      ['add', caseDir, image],
      ['leaks', 'import', caseDir, path.join(dir, 'list.csv'), '--key', '会員番号'],
      ['scan', caseDir, '--ocr', 'auto'],
    ];
    for (const args of steps) {
      const s = await runShokoAsync(args);
      expect(s.code, `${args.join(' ')}: ${s.stderr}`).toBe(0);
    }
    const hits = await runShokoAsync(['hits', caseDir, '--json']);
    const json = JSON.parse(hits.stdout) as { records: { key: string; present: boolean }[] };
    const present = json.records.filter((x) => x.present).map((x) => x.key).sort();
    console.log(`sideways page through the pipeline: present ${JSON.stringify(present)}`);
    const onPage = SIDEWAYS_RECORDS.map((_, i) => `M${String(i + 1).padStart(3, '0')}`);
    expect(present.filter((k) => onPage.includes(k)).length / onPage.length).toBeGreaterThanOrEqual(0.75);
    // Nobody who is not on the page (the other 山口正人 included).
    expect(present.filter((k) => !onPage.includes(k))).toEqual([]);
  });

  it('a turned English page read with Japanese on comes out as English text, words spaced', async () => {
    // phototest turned 90° clockwise: its lines look like columns. Before, the rotation probes did not catch
    // it either, and the merge left `Thisコの olotp_oo「pointtext…`; now each line is read as a sideways run.
    const g = rotateGray(toGray(new Uint8Array(fs.readFileSync(corpusFile('images/en-tesseract-phototest.tif')))), 90);
    const rgba = new Uint8Array(g.width * g.height * 4);
    g.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    const t = await ocrImage({ width: g.width, height: g.height, rgba }, { pool, langs: 'jpn+eng' });
    console.log(`phototest turned 90°, jpn+eng: rotation ${t.rotation}, mode ${t.mode}, sideways runs ${t.sidewaysWords}`);
    expect(t.text).toContain('This is a lot of 12 point text');
    expect(t.text).toContain('The quick brown dog jumped over the');
  });
});
