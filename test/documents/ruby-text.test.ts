// Ruby (furigana) in reflowable books: MuPDF draws readings inline (山路やまみち); extraction flags them so
// detection can read the base text (山路を登りながら) while the page stays as MuPDF draws it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../main/documents/extract-document';
import type { ExtractionResult } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { baseView, pageChars } from '../../main/detect/match/page-chars';
import type { TextLine } from '../../shared/model/page';
import { corpus, writeEpub } from './generate';

const pool = new DocumentWorkerPool(1);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-ruby-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const lines = (r: ExtractionResult) => r.pages.flatMap((p) => p.lines);
const rubyOf = (l: TextLine) => l.chars.filter((c) => c.ruby).map((c) => c.c).join('');
const baseOf = (l: TextLine) => l.chars.filter((c) => !c.ruby).map((c) => c.c).join('');
const height = (b: readonly number[]) => b[3] - b[1];

describe('ruby readings are flagged at extraction', () => {
  it('kusamakura (EPUB and KF8): 山路 keeps its reading やまみち on the page, and matching reads 山路を登りながら', async () => {
    for (const file of ['epub/ja-kusamakura-vertical.epub', 'mobi/ja-kusamakura.calibre.azw3']) {
      const r = await extractDocument({ path: corpus(file), format: file.endsWith('.epub') ? 'epub' : 'mobi' }, { pool, from: 0, to: 5 });
      expect(r.status, `${file}: ${r.error}`).toBe('ok');
      const page = r.pages.find((p) => p.lines.some((l) => l.text.startsWith('山路やまみち')))!;
      expect(page, file).toBeDefined();
      const line = page.lines.find((l) => l.text.startsWith('山路やまみち'))!;
      // The page as MuPDF draws it is unchanged: the reading stays in the text, flagged.
      expect(line.text).toBe(line.chars.map((c) => c.c).join(''));
      expect(line.chars.slice(0, 6).map((c) => [c.c, c.ruby ?? false])).toEqual([
        ['山', false], ['路', false], ['や', true], ['ま', true], ['み', true], ['ち', true],
      ]);
      expect(baseOf(line)).toMatch(/^山路を登りながら/);
      // Readings are drawn at about half the base size (the extraction's user style), inline after their base.
      expect(height(line.chars[2].box) / height(line.chars[0].box)).toBeCloseTo(0.5, 1);
      expect(line.chars[2].box[0]).toBeGreaterThanOrEqual(line.chars[1].box[2] - 0.01);
      // Detection's view of the page: no readings anywhere (智ち → 智, 角かど → 角 on the following lines).
      const view = baseView(pageChars(page))!.chars.join('');
      expect(view).toContain('智に働けば角が立つ。');
      expect(view).not.toContain('やまみち');
    }
  });

  it('a book without ruby CSS, with <rp>, <rb> and its own rt size: readings flagged, small text is not', async () => {
    const file = path.join(tmp, 'ruby.epub');
    await writeEpub(file, {
      title: 'ルビ',
      chapters: [
        '<p>前<ruby>佐藤<rp>（</rp><rt>さとう</rt><rp>）</rp></ruby><ruby><rb>花</rb><rt>は</rt><rb>子</rb><rt>なこ</rt></ruby>です。<small>小さい字</small></p>'
        + '<p style="font-size:150%">大きい<ruby>山路<rt class="yomi">やまみち</rt></ruby>を</p>',
      ],
      css: 'rt { font-size: 60% !important } .yomi { font-size: 0.58em }',
    });
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    expect(r.status, r.error).toBe('ok');
    const [first, second] = lines(r);
    expect(first.text).toBe('前佐藤（さとう）花は子なこです。小さい字');
    expect(rubyOf(first)).toBe('（さとう）はなこ');
    expect(baseOf(first)).toBe('前佐藤花子です。小さい字');
    expect(second.text).toBe('大きい山路やまみちを');
    expect(rubyOf(second)).toBe('やまみち');
  });
});
