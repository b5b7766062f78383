// Nothing clipped: text that does not fit the page width wraps (issue 12). Each case is a real EPUB laid out
// by MuPDF, once bare (to show the loss is real) and once through the engine (every character on a page).
import fs from 'node:fs';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { documentSandbox } from './document-sandbox';
import { extractDocument } from '../../main/documents/extract-document';
import type { ExtractionResult } from '../../main/documents/types';
import { labelledPng, writeEpub } from './generate';
import { characterCoverage, normalized, xhtmlText } from './reference-text';

const { pool, file: inTmp } = documentSandbox('shoko-reflow-');

const LONG = 'abcdefghij'.repeat(30);
const NOTE = '縦組と横組における文字，行，及び段の配置方向は，JIS X 4051の7.4.4に規定されている．'.repeat(3);
const CASES: Record<string, { body: string; css?: string }> = {
  'a <pre> block with long lines': { body: `<pre>see ${LONG} end\n${'x'.repeat(80)}\n  indented   ${'word '.repeat(60)}</pre>` },
  'a long URL': { body: `<p>see https://example.com/${'verylongpath'.repeat(20)} end</p>` },
  'a nowrap span': { body: `<p><code style="white-space:nowrap">${'nowrap words '.repeat(20)}</code></p>` },
  'a table cell widened by an image': {
    body: `<table><tr><td><p>注2）</p></td><td><p>${NOTE}</p><div><img width="444" height="185" src="wide.png"/></div><p>${NOTE}</p></td></tr></table>`,
  },
  'a table wider than the page': {
    body: `<table style="width:1200px"><tr>${[0, 1, 2, 3].map((i) => `<td style="width:300px">cell${i} 名簿の列${i} text words here</td>`).join('')}</tr></table>`,
  },
  'a body set wider than the page (fixed-layout CSS)': {
    body: `<div class="page"><div class="x"><p>${'word '.repeat(150)}</p></div></div>`,
    css: 'body { width: 1474px; } .page { width: 100%; } .x { width: 900px }',
  },
};

async function book(name: string, c: { body: string; css?: string }): Promise<string> {
  const file = inTmp(`${name.replace(/\W+/g, '-')}.epub`);
  await writeEpub(file, { title: 't', chapters: [c.body], css: c.css, extra: [{ name: 'OEBPS/wide.png', data: labelledPng('wide', 888, 370) }] });
  return file;
}

/** MuPDF alone at the engine's layout, no user style: what the pages held before. */
function bareText(file: string): string {
  const doc = mupdf.Document.openDocument(new Uint8Array(fs.readFileSync(file)), 'application/epub+zip');
  try {
    doc.layout(420, 595, 11);
    let t = '';
    for (let i = 0; i < doc.countPages(); i++) t += doc.loadPage(i).toStructuredText('').asText();
    return normalized(t);
  } finally {
    doc.destroy();
  }
}

const pageText = (r: ExtractionResult) => normalized(r.pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\n'));

describe('reflow style: nothing clipped', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const file = await book(name, c);
      const source = normalized(xhtmlText(c.body));
      expect(characterCoverage(source, bareText(file)).coverage).toBeLessThan(0.95); // the loss is real
      const r = await extractDocument({ path: file, format: 'epub' }, { pool });
      expect(r.status).toBe('ok');
      const cov = characterCoverage(source, pageText(r));
      expect(cov.coverage, `missing: ${cov.missing}`).toBe(1);
      for (const p of r.pages) for (const l of p.lines) for (const ch of l.chars) expect(ch.box[2]).toBeLessThanOrEqual(p.width + 0.5);
    });
  }

  it('vertical-rl: MuPDF lays it out horizontally; the item says so, text in source order', async () => {
    const file = inTmp('vertical.epub');
    const text = '縦書きの本文です。山路を登りながら、こう考えた。';
    await writeEpub(file, { title: 't', chapters: [`<p>${text}</p>`], css: 'html { -epub-writing-mode: vertical-rl; writing-mode: vertical-rl; }' });
    const r = await extractDocument({ path: file, format: 'epub' }, { pool });
    expect(r.pages[0].lines.map((l) => l.wmode)).toEqual(r.pages[0].lines.map(() => 'horizontal'));
    expect(pageText(r)).toContain(text);
    expect(r.readNotes).toContainEqual({ code: 'layout-horizontal-substitute', detail: 'horizontal substitute for vertical-rl', partial: false });
    const plain = inTmp('horizontal.epub');
    await writeEpub(plain, { title: 't', chapters: [`<p>${text}</p>`] });
    expect((await extractDocument({ path: plain, format: 'epub' }, { pool })).readNotes).toBeUndefined();
  });
});
