import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COVERAGE_MIN, coverageChars, measureCoverage, partialReason } from '../../main/documents/coverage';
import { extractDocument } from '../../main/documents/extract-document';
import { markupText } from '../../main/documents/source-text';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import type { DocumentFormat } from '../../main/documents/types';
import { tmpDir } from '../helpers/paths';
import { corpus, writeEpub, writeZip } from './generate';

const pool = new DocumentWorkerPool(1);
afterAll(() => pool.close());

// Enough distinct text that anchors exist (the measure aligns on 12-character stretches).
const para = (n: number) => `第${n}章 ${'吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。'.slice(n % 7)} The quick brown fox ${n} jumps over the lazy dog.`;

describe('measureCoverage (the measure itself)', () => {
  it('counts every character of the source as found when the pages hold the same text, whatever the whitespace, width and case', () => {
    const r = measureCoverage([{ name: 'a.xhtml', text: 'ＡＢＣ  def\n山田 太郎' }], ['abc', 'DEF 山田', '太郎']);
    expect(r.coverage).toBe(1);
    expect(r.missingChars).toBe(0);
    expect(r.missing).toEqual([]);
    expect(coverageChars('Ｔｅｓｔ\u00ad ｶﾀｶﾅ\u200b')).toBe('testカタカナ');
  });

  it('locates a stretch that is on no page: its document, offset, size and first characters', () => {
    const docs = Array.from({ length: 4 }, (_, i) => ({ name: `c${i}.xhtml`, text: Array.from({ length: 30 }, (_, k) => para(i * 100 + k)).join('\n') }));
    const lost = '会員名簿 山田太郎 090-1234-5678 yamada@example.com 東京都千代田区';
    docs[2].text = `${docs[2].text.slice(0, 500)}${lost}${docs[2].text.slice(500)}`;
    const pages = docs.map((d) => d.text.replace(lost, ''));
    const r = measureCoverage(docs, pages);
    const lostChars = coverageChars(lost).length;
    expect(r.missingChars).toBe(lostChars);
    expect(r.coverage).toBeCloseTo(1 - lostChars / r.sourceChars, 10);
    expect(r.missing).toHaveLength(1);
    expect(r.missing[0]).toMatchObject({ document: 'c2.xhtml', offset: coverageChars(docs[2].text.slice(0, 500)).length, missing: lostChars });
    expect(r.missing[0].excerpt.startsWith('会員名簿山田太郎090-1234-5678')).toBe(true);
  });

  it('does not count text laid out in another order as lost (tables, notes)', () => {
    const docs = [{ name: 'a.xhtml', text: Array.from({ length: 80 }, (_, k) => para(k)).join('') }];
    const half = Math.floor(docs[0].text.length / 2);
    const r = measureCoverage(docs, [docs[0].text.slice(half), docs[0].text.slice(0, half)]);
    expect(r.coverage).toBe(1);
    expect(r.missing).toEqual([]);
  });

  it('does not let characters the pages add (list numbers, placeholders) make up for lost ones of another kind', () => {
    const r = measureCoverage([{ name: 'a.xhtml', text: 'あいうえおかきくけこ' }], ['あいうえお', 'ERROR: cannot find chapter']);
    expect(r.missingChars).toBe(5);
    expect(r.coverage).toBe(0.5);
    expect(r.missing[0]).toMatchObject({ document: 'a.xhtml', excerpt: 'かきくけこ', missing: 5 });
  });

  it('says partial below 0.995, for unreadable source documents, for a reader note that lost text, and when not measured', () => {
    const base = { sourceChars: 1000, pageChars: 1000, missing: [], missingRuns: 0, unreadable: [] };
    expect(partialReason({ ...base, coverage: COVERAGE_MIN, missingChars: 5 })).toBeNull();
    expect(partialReason({ ...base, coverage: 0.99, missingChars: 10, missing: [{ document: 'c1.xhtml', offset: 3, length: 10, missing: 10, excerpt: '山田太郎' }], missingRuns: 1 }))
      .toBe('coverage 99.0 %: 10 of 1000 source characters on no page, first in c1.xhtml at character 3');
    expect(partialReason({ ...base, coverage: 1, missingChars: 0, unreadable: ['EPUB/xhtml/一.xhtml'] })).toBe('source documents not readable: EPUB/xhtml/一.xhtml');
    expect(partialReason(null, [{ code: 'mobi-records-skipped', detail: '2 text records skipped', partial: true }, { code: 'zip-names', detail: 'Shift_JIS', partial: false }]))
      .toBe('mobi-records-skipped: 2 text records skipped');
    expect(partialReason(undefined, [], 'broken')).toBe('coverage not measured: broken');
  });
});

describe('markupText (the source side)', () => {
  it('keeps the text of the body only, drops head, scripts and styles, decodes references', () => {
    const t = markupText(`<?xml version="1.0"?><!DOCTYPE html><html><head><title>題名</title><style>p{}</style></head>
      <body><p class="a">A&amp;B &lt;x&gt; caf&eacute; &#x5C71;&#30000; &nbsp;&hellip;</p><script>var s = "<p>no</p>";</script>
      <!-- 注釈 --><svg><title>t</title><text>図の文字</text></svg><p>1 < 2 <![CDATA[<raw>&amp;]]></p></body></html>`);
    expect(coverageChars(t)).toBe(coverageChars('A&B <x> café 山田 …図の文字1 < 2 <raw>&amp;'));
  });

  it('stays linear on hostile markup: unterminated tags, comments and hidden elements', () => {
    // Each would make a backtracking tag regex rescan the rest of the input from every "<".
    expect(markupText(`<body>x${'<a'.repeat(200_000)}`)).toBe('x');
    expect(markupText(`<body>y<!--${'<p>'.repeat(100_000)}`)).toBe('y');
    expect(coverageChars(markupText(`<body>z${'<script>'.repeat(100_000)}`))).toBe('z');
    expect(coverageChars(markupText(`<body>${'a < b '.repeat(100_000)}</body>`))).toBe('a<b'.repeat(100_000));
  });

  it('reads every text of a standalone SVG document', () => {
    expect(coverageChars(markupText('<svg xmlns="http://www.w3.org/2000/svg"><desc>d</desc><text x="1">Sous <tspan>le vent</tspan></text></svg>', true))).toBe('souslevent');
  });
});

describe('coverage of real books (MuPDF lays them out; the source is their XHTML)', () => {
  const books: [string, DocumentFormat][] = [
    ['epub/en-cole-voyage-of-life-images.epub', 'epub'],
    ['mobi/libmobi-sample-ncx.mobi', 'mobi'],
    ['mobi/ja-kusamakura.calibre.mobi', 'mobi'],
    ['mobi/en-cole-voyage-of-life.calibre.azw3', 'azw3'],
  ];
  for (const [file, format] of books) {
    it(`${file} is read whole`, async () => {
      const r = await extractDocument({ path: corpus(file), format }, { pool });
      expect(r.status).toBe('ok');
      expect(r.coverage, r.coverageError).toBeDefined();
      expect(r.coverage!.sourceChars).toBeGreaterThan(50);
      expect(r.coverage!.coverage).toBeGreaterThanOrEqual(COVERAGE_MIN);
      expect(partialReason(r.coverage, r.readNotes, r.coverageError)).toBeNull();
    }, 60_000);
  }

  it('finds a paragraph a stylesheet hides (display:none): on no page, so the book is partial, and says where', async () => {
    const file = path.join(tmpDir('shoko-coverage-'), 'hidden.epub');
    const chapters = Array.from({ length: 3 }, (_, c) => Array.from({ length: 20 }, (_, k) => `<p>${para(c * 100 + k)}</p>`).join(''));
    chapters[1] += '<p class="x">会員番号 A-0001 佐藤花子 hanako.sato@example.com 080-1111-2222</p>';
    await writeEpub(file, { title: '隠し', chapters, css: '.x { display: none }' });
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    expect(r.status).toBe('ok');
    const c = r.coverage!;
    expect(c.missingChars).toBe(coverageChars('会員番号 A-0001 佐藤花子 hanako.sato@example.com 080-1111-2222').length);
    expect(c.coverage).toBeLessThan(COVERAGE_MIN);
    expect(c.missing).toHaveLength(1);
    expect(c.missing[0].document).toBe('OEBPS/c1.xhtml');
    expect(c.missing[0].excerpt).toContain('会員番号a-0001佐藤花子');
    expect(partialReason(c, r.readNotes)).toMatch(/^coverage 9\d\.\d %: \d+ of \d+ source characters on no page, first in OEBPS\/c1\.xhtml at character \d+$/);
  }, 60_000);

  it('says which spine documents it could not read (the pages show a placeholder instead)', async () => {
    const file = path.join(tmpDir('shoko-coverage-'), 'missing.epub');
    const xhtml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>${body}</body></html>`;
    await writeZip(file, [
      { name: 'mimetype', data: 'application/epub+zip', compress: false },
      { name: 'META-INF/container.xml', data: '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>' },
      { name: 'OEBPS/content.opf', data: `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>欠落</dc:title><dc:language>ja</dc:language></metadata>
<manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="gone" href="gone.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="a"/><itemref idref="gone"/></spine></package>` },
      { name: 'OEBPS/a.xhtml', data: xhtml(`<p>${para(1)}</p>`) },
    ]);
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    expect(r.status).toBe('ok');
    expect(r.coverage!.unreadable).toEqual(['OEBPS/gone.xhtml']);
    expect(partialReason(r.coverage, r.readNotes)).toContain('source documents not readable: OEBPS/gone.xhtml');
  }, 60_000);
});
