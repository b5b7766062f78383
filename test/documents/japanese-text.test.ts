// Japanese text comes out right: the kusamakura EPUB, MOBI and AZW3 agree with each other; the
// Japanese PDFs give their known strings; books generated here give back exactly what was written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../main/documents/extract-document';
import type { DocumentSource, ExtractionResult } from '../../main/documents/types';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { corpus, japanesePdf, writeEpub } from './generate';

const pool = new DocumentWorkerPool(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-docs-ja-'));
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const flat = (r: ExtractionResult) => r.pages.map((p) => p.lines.map((l) => l.text).join('')).join('').replace(/\s+/g, '');
const extract = (source: DocumentSource) => extractDocument(source, { pool });

describe('kusamakura in three containers', () => {
  it('EPUB, MOBI (KF7) and AZW3 (KF8) read the same text', async () => {
    const [epub, mobi, azw3] = await Promise.all([
      extract({ path: corpus('epub/ja-kusamakura-vertical.epub'), format: 'epub' }),
      extract({ path: corpus('mobi/ja-kusamakura.calibre.mobi'), format: 'mobi' }),
      extract({ path: corpus('mobi/ja-kusamakura.calibre.azw3'), format: 'mobi' }),
    ]);
    for (const r of [epub, mobi, azw3]) expect(r.status, r.error).toBe('ok');
    expect(azw3.format).toBe('azw3');
    const texts = [epub, mobi, azw3].map(flat);
    const start = (t: string) => t.slice(t.indexOf('山路'), t.indexOf('山路') + 3000);
    expect(start(texts[0])).toMatch(/^山路やまみちを登りながら、こう考えた。/);
    expect(start(texts[1])).toBe(start(texts[0]));
    expect(start(texts[2])).toBe(start(texts[0]));
    // The whole book, not only its start: lengths agree within 1 %.
    for (const t of texts) expect(Math.abs(t.length - texts[0].length) / texts[0].length).toBeLessThan(0.01);
    expect(epub.metadata?.title).toBe('草枕');
    expect(azw3.metadata?.title).toBe('草枕');
    expect(epub.layout).toEqual({ width: 420, height: 595, em: 11 });
  });
});

describe('Japanese PDFs', () => {
  it('vertical Identity-V text is regrouped into columns read right to left', async () => {
    const r = await extract({ path: corpus('pdf/ja-pdfjs-vertical-identity-v.pdf'), format: 'pdf' });
    const lines = r.pages[0].lines;
    expect(lines.map((l) => l.text)).toEqual(['あいうえお', '日本語']);
    expect(lines.every((l) => l.wmode === 'vertical')).toBe(true);
    expect(lines[0].box[0]).toBeGreaterThan(lines[1].box[2]); // first column is to the right
  });

  it('broken-trailer and Acrobat PDFs give their known text', async () => {
    const a = await extract({ path: corpus('hostile/ja-pdfjs-issue13147-broken-trailer.pdf'), format: 'pdf' });
    expect(flat(a)).toContain('準会場で受験の方');
    const b = await extract({ path: corpus('pdf/ja-pdfjs-issue16063-text.pdf'), format: 'pdf' });
    expect(b.pages[0].lines[0].text.startsWith('電線接続端子部が次のいずれにも該当しないとき。')).toBe(true);
    const c = await extract({ path: corpus('pdf/ja-pdfjs-noembed-sjis.pdf'), format: 'pdf' });
    expect(c.pages[0].lines.map((l) => l.text)).toEqual(['あいうえお']);
  });
});

describe('generated books', () => {
  it('a PDF with horizontal lines and vertical columns', async () => {
    const file = path.join(tmp, 'gen.pdf');
    fs.writeFileSync(file, japanesePdf({ horizontal: ['山田太郎様 電話０９０', '東京都中央区勝どき三丁目'], vertical: ['縦書きの個人情報', '佐藤花子様'] }));
    const r = await extract({ path: file, format: 'pdf' });
    const lines = r.pages[0].lines;
    const horizontal = lines.filter((l) => l.wmode === 'horizontal').map((l) => l.text);
    const vertical = lines.filter((l) => l.wmode === 'vertical').map((l) => l.text);
    // IPAex maps its space glyph back to U+00A0: the text layer is kept as the font says.
    expect(horizontal.map((t) => t.replace(/\u00a0/g, ' '))).toEqual(['山田太郎様 電話０９０', '東京都中央区勝どき三丁目']);
    expect(vertical).toEqual(['縦書きの個人情報', '佐藤花子様']);
  });

  it('a FictionBook 2 file, laid out at the default layout', async () => {
    const file = path.join(tmp, 'gen.fb2');
    fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0"><description><title-info><book-title>FB2の本</book-title><lang>ja</lang></title-info></description>
<body><section><p>電話番号は〇三の一二三四です。山本花子。</p></section></body></FictionBook>`);
    const r = await extract({ path: file, format: 'fb2' });
    expect(r.status, r.error).toBe('ok');
    expect(r.layout).toEqual({ width: 420, height: 595, em: 11 });
    expect(flat(r)).toContain('電話番号は〇三の一二三四です。山本花子。');
  });

  it('an EPUB gives back its paragraphs, ruby inline, with identifiers and authors in the metadata', async () => {
    const file = path.join(tmp, 'gen.epub');
    await writeEpub(file, {
      title: '生成された本',
      identifier: 'urn:isbn:9784000000000',
      creator: '夏目テスト',
      chapters: ['<p>会員番号１２３４の鈴木一郎さんの住所は大阪府大阪市北区梅田一丁目です。</p><p><ruby>漢字<rt>かんじ</rt></ruby>の読み。</p>'],
    });
    const r = await extract({ path: file, format: 'epub' });
    expect(r.status, r.error).toBe('ok');
    expect(flat(r)).toContain('会員番号１２３４の鈴木一郎さんの住所は大阪府大阪市北区梅田一丁目です。');
    expect(flat(r)).toContain('漢字かんじの読み。');
    expect(r.metadata?.title).toBe('生成された本');
    expect(r.metadata?.authors).toEqual(['夏目テスト']);
    expect(r.metadata?.identifiers).toContainEqual({ scheme: 'ISBN', value: 'urn:isbn:9784000000000' });
    const inv = r.metadata?.inventory ?? [];
    expect(inv.map((e) => e.name)).toContain('OEBPS/content.opf');
    expect(inv.every((e) => /^[0-9a-f]{64}$/.test(e.sha256) && e.date === '2024-01-01T00:00:00')).toBe(true);
  });
});
