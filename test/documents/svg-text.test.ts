// SVG text is text (issue 12): <text>/<tspan> in inline SVG (fixed-layout pages) and in spine SVG documents
// comes out as text lines with boxes; MuPDF alone shows none of it.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { documentSandbox } from './document-sandbox';
import { extractDocument } from '../../main/documents/extract-document';
import { svgTextToHtml } from '../../main/documents/svg-text';
import { DEFAULT_LIMITS } from '../../main/documents/types';
import { readZip } from '../../main/documents/zip-archive';
import { labelledPng, writeEpub, writeZip } from './generate';

const { pool, file: inTmp } = documentSandbox('shoko-svgtext-');

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="368pt" height="581pt" viewBox="0 0 368 581">
<style type="text/css"><![CDATA[.t { font-size: 10px; }]]></style><title>not drawn</title>
<image xlink:href="../images/pic.png" width="100" height="60"/>
<g><text transform="matrix(1 0 0 1 40 100)"><tspan x="0,7,14" y="0" class="t">Des mêmes auteurs</tspan></text>
<text x="40" y="130"><tspan x="40" y="130">会員名簿</tspan><tspan x="40" y="150">山田太郎 &amp; 鈴木花子</tspan></text></g></svg>`;

const page = (svg: string) => `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>p</title><meta name="viewport" content="width=368, height=581"/></head>
<body><div class="page">${svg}</div></body></html>`;

async function fixedLayoutEpub(file: string): Promise<void> {
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" prefix="rendition: http://www.idpf.org/vocab/rendition/#">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:2</dc:identifier><dc:title>svg</dc:title><dc:language>fr</dc:language>
<meta property="rendition:layout">pre-paginated</meta></metadata>
<manifest><item id="p1" href="xhtml/p1.xhtml" media-type="application/xhtml+xml" properties="svg"/>
<item id="p2" href="svg/p2.svg" media-type="image/svg+xml"/>
<item id="pic" href="images/pic.png" media-type="image/png"/></manifest>
<spine><itemref idref="p1"/><itemref idref="p2"/></spine></package>`;
  await writeZip(file, [
    { name: 'mimetype', data: 'application/epub+zip', compress: false },
    { name: 'META-INF/container.xml', data: `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>` },
    { name: 'OEBPS/content.opf', data: opf },
    { name: 'OEBPS/xhtml/p1.xhtml', data: page(SVG) },
    { name: 'OEBPS/svg/p2.svg', data: `<?xml version="1.0" encoding="UTF-8"?>\n${SVG.replace('Des mêmes auteurs', 'Deuxième page').replace('../images/', '../images/')}` },
    { name: 'OEBPS/images/pic.png', data: labelledPng('pic', 100, 60) },
  ]);
}

describe('SVG text', () => {
  it('svgTextToHtml: one block per <text>, tspans placed apart become words, images kept, no title/style text', () => {
    const { markup, converted } = svgTextToHtml(page(SVG));
    expect(converted).toBe(1);
    expect(markup).not.toMatch(/<svg/);
    expect(markup).toContain('<div class="shoko-svg-text">Des mêmes auteurs</div>');
    expect(markup).toContain('<div class="shoko-svg-text">会員名簿 山田太郎 &amp; 鈴木花子</div>');
    // Sized as its share of the drawing: 100 of the viewBox's 368 units.
    expect(markup).toContain('<img src="../images/pic.png" alt="" style="width:27.17%"/>');
    expect(markup).not.toMatch(/not drawn|font-size/);
    // No SVG, or an SVG without text or images: the document is returned as it was.
    expect(svgTextToHtml('<p>plain</p>')).toEqual({ markup: '<p>plain</p>', converted: 0 });
    expect(svgTextToHtml('<svg><rect width="3" height="3"/></svg>').converted).toBe(0);
  });

  it('inline and spine SVG text are laid out as text lines with boxes on the page', async () => {
    const file = inTmp('fxl.epub');
    await fixedLayoutEpub(file);
    // MuPDF alone hides inline <svg> ("[image]" at most); a spine SVG it reads as HTML, <title> and all.
    const bare = mupdf.Document.openDocument(new Uint8Array(fs.readFileSync(file)), 'application/epub+zip');
    bare.layout(420, 595, 11);
    let bareText = '';
    for (let i = 0; i < bare.countPages(); i++) bareText += bare.loadPage(i).toStructuredText('').asText();
    bare.destroy();
    expect(bareText).not.toContain('Des mêmes auteurs');

    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    expect(r.status).toBe('ok');
    const lines = r.pages.flatMap((p) => p.lines.map((l) => ({ l, p })));
    const all = lines.map(({ l }) => l.text).join('\n');
    for (const want of ['Des mêmes auteurs', 'Deuxième page', '会員名簿', '山田太郎 & 鈴木花子']) expect(all).toContain(want);
    expect(all).not.toMatch(/not drawn|font-size|\[image\]/);
    for (const { l, p } of lines) {
      expect(l.text).toBe(l.chars.map((c) => c.c).join(''));
      for (const c of l.chars) {
        expect(c.box[0]).toBeGreaterThanOrEqual(0);
        expect(c.box[2]).toBeLessThanOrEqual(p.width + 0.5);
        expect(c.box[3]).toBeLessThanOrEqual(p.height + 0.5);
      }
    }
    // The picture of the SVG is drawn too.
    expect(r.pages.some((p) => p.images.length > 0)).toBe(true);
    expect(r.readNotes).toContainEqual({ code: 'svg-text-reflowed', detail: expect.stringMatching(/2 documents/), partial: false });
  });

  it('<img src="….svg"> (MuPDF.js draws "[image]"): the SVG file\'s text and pictures take its place', async () => {
    const file = inTmp('img-svg.epub');
    const chart = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 100">
<image xlink:href="pic.png" width="50" height="30"/><text x="10" y="50">Chart label: 会員数 1,234</text></svg>`;
    await writeEpub(file, {
      title: 't',
      chapters: ['<p>before</p><p><img src="img/chart.svg" alt="chart"/></p><p>after</p>'],
      extra: [{ name: 'OEBPS/img/chart.svg', data: chart }, { name: 'OEBPS/img/pic.png', data: labelledPng('pic', 100, 60) }],
    });
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    const text = r.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n');
    expect(text).toContain('Chart label: 会員数 1,234');
    expect(text).not.toContain('[image]');
    expect(r.pages.some((p) => p.images.length === 1)).toBe(true); // pic.png found from the chapter's folder
    expect(r.readNotes?.map((n) => n.code)).toContain('svg-text-reflowed');
  });

  it('a Shift_JIS document with SVG text is written back as UTF-8, its text intact', async () => {
    const file = inTmp('sjis.epub');
    await writeEpub(file, { title: 't', chapters: ['<p>placeholder</p>'] });
    // Same book, chapter replaced by a Shift_JIS XHTML page whose SVG holds the text.
    const sjis = iconv.encode(`<?xml version="1.0" encoding="Shift_JIS"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>前文の段落</p>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><text x="1" y="20">名簿：山田太郎</text></svg></body></html>`, 'shift_jis');
    const zip = await readZip(new Uint8Array(fs.readFileSync(file)), DEFAULT_LIMITS);
    await writeZip(file, zip.entries.map((e) => ({ name: e.name, data: e.name === 'OEBPS/c0.xhtml' ? sjis : e.data, compress: e.name !== 'mimetype' })));
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    const text = r.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n');
    expect(text).toContain('前文の段落');
    expect(text).toContain('名簿：山田太郎');
  });
});
