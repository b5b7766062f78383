// The parts of the fast proof that need no case: ink no text explains, what of a page's text a box
// destroys, and the one-pass search of every redacted value.
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { DESTROYED, legibleText } from '../../main/redact/legible-text';
import { NeedleIndex } from '../../main/redact/needle-index';
import { boxPixels, burnIn, fromPixmap, type Raster } from '../../main/redact/raster';
import { residualInk } from '../../main/redact/residual-ink';
import { foldPageText, needlesOf, occursWithin, type Needle } from '../../main/redact/value-search';
import { ocrEditBudget } from '../../main/detect/match/ocr-edit-budget';
import { valuesShown } from '../../main/redact/page-proof';
import type { PageContent } from '../../shared/model/page';

/** A white page with a table border (rules) and a word drawn by MuPDF at (x, y). */
function page(word: string | null, x = 60, y = 120): Raster {
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, 400, 300], false);
  pix.clear(255);
  const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
  const rules = new mupdf.Path();
  rules.rect(20, 20, 360, 260); // a cell border (x0, y0, x1, y1): four long thin lines
  rules.moveTo(20, 80); rules.lineTo(360, 80);
  dev.strokePath(rules, new mupdf.StrokeState({ lineWidth: 1.5, lineCap: 'Butt', lineJoin: 'Miter', miterLimit: 10 }), mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
  if (word) {
    const text = new mupdf.Text();
    text.showString(new mupdf.Font('Helvetica'), [20, 0, 0, -20, x, y], word);
    dev.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0.2], 1);
  }
  dev.close();
  return fromPixmap(pix);
}

describe('residualInk', () => {
  it('takes rules and borders for what they are: a bare table needs no OCR', () => {
    expect(residualInk(page(null), { explained: [], ruleLength: 36 }).regions).toEqual([]);
  });

  it('returns a word no text explains, and nothing once its area is explained', () => {
    const r = residualInk(page('Secret 42'), { explained: [], ruleLength: 36 });
    expect(r.regions).toHaveLength(1);
    const [x0, y0, x1, y1] = r.regions[0];
    expect(x0).toBeLessThanOrEqual(60);
    expect(y0).toBeLessThanOrEqual(106);
    expect(x1).toBeGreaterThan(140);
    expect(y1).toBeGreaterThan(120);
    expect(residualInk(page('Secret 42'), { explained: [[55, 100, 160, 128]], ruleLength: 36 }).regions).toEqual([]);
    // Half of it explained: the other half is still returned.
    expect(residualInk(page('Secret 42'), { explained: [[55, 100, 100, 128]], ruleLength: 36 }).regions).toHaveLength(1);
  });

  it('a table of double borders cut into stubs by black boxes needs no OCR; a word beside a box is still found', () => {
    // Rows 30 units high, each border two adjacent 1.5-unit lines (as two cells' borders lie side by side),
    // black boxes across most of each row's width over the borders, as a redacted member table looks.
    const table = (word: string | null): { r: Raster; explained: [number, number, number, number][] } => {
      const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, 400, 300], false);
      pix.clear(255);
      const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
      const rules = new mupdf.Path();
      for (let y = 20; y <= 260; y += 30) { rules.moveTo(20, y); rules.lineTo(380, y); rules.moveTo(20, y + 2); rules.lineTo(380, y + 2); }
      for (const x of [20, 22, 378, 380]) { rules.moveTo(x, 20); rules.lineTo(x, 262); }
      dev.strokePath(rules, new mupdf.StrokeState({ lineWidth: 1.5, lineCap: 'Butt', lineJoin: 'Miter', miterLimit: 10 }), mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0.5], 1);
      if (word) {
        const text = new mupdf.Text();
        text.showString(new mupdf.Font('Helvetica'), [14, 0, 0, -14, 262, 76], word);
        dev.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0.2], 1);
      }
      dev.close();
      const r = fromPixmap(pix);
      const boxes: [number, number, number, number][] = [];
      for (let y = 20; y < 260; y += 30) boxes.push([24, y - 4, 120, y + 12], [130, y - 4, 250, y + 12]);
      burnIn(r, boxes, 1, 1);
      return { r, explained: boxes.map((b) => boxPixels(r, b, 1, 1)) };
    };
    const bare = table(null);
    expect(residualInk(bare.r, { explained: bare.explained, ruleLength: 36 }).regions).toEqual([]);
    const worded = table('Secret 42');
    const found = residualInk(worded.r, { explained: worded.explained, ruleLength: 36 }).regions;
    expect(found).toHaveLength(1);
    expect(found[0][0]).toBeLessThanOrEqual(262);
    expect(found[0][2]).toBeGreaterThan(320);
  });

  it('a word written over a rule is still found', () => {
    expect(residualInk(page('Secret 42', 60, 86), { explained: [], ruleLength: 36 }).regions.length).toBeGreaterThan(0);
  });
});

describe('legibleText', () => {
  const content: PageContent = {
    index: 0, width: 200, height: 100, images: [], needsOcr: false,
    lines: [{
      text: 'mail a@b.jp', box: [0, 0, 110, 10], wmode: 'horizontal', source: 'native',
      chars: [...'mail a@b.jp'].map((c, i) => ({ c, box: [i * 10, 0, i * 10 + 10, 10] as [number, number, number, number] })),
    }],
  };

  it('replaces characters wholly under a box, keeps those a box only partly covers', () => {
    const t = legibleText(content, [[50, -1, 90, 11]]);
    expect(t.content.lines[0].text).toBe(`mail ${DESTROYED.repeat(4)}jp`);
    const partly = legibleText(content, [[55, -1, 90, 11]]);
    expect(partly.content.lines[0].text).toBe(`mail a${DESTROYED.repeat(3)}jp`);
  });
});

describe('NeedleIndex', () => {
  it('finds exactly what searching each value over the whole text finds', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const alphabet = 'abcde0123@.■';
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
    const needles: Needle[] = Array.from({ length: 200 }, (_, i) => ({ kind: 'k', folded: word(3 + rnd(20)), pageIndex: i }));
    for (let t = 0; t < 40; t++) {
      let text = word(300);
      // Plant a few values with up to two edits.
      for (let k = 0; k < 3; k++) {
        const n = needles[rnd(needles.length)].folded.split('');
        for (let e = rnd(3); e > 0; e--) n[rnd(n.length)] = alphabet[rnd(alphabet.length)];
        const at = rnd(text.length);
        text = text.slice(0, at) + n.join('') + text.slice(at);
      }
      for (const budget of [() => 0, ocrEditBudget]) {
        const expected = needles.filter((n) => occursWithin(text, n.folded, budget(n.folded.length)));
        expect(new NeedleIndex(needles, budget).find(text)).toEqual(expected);
      }
    }
  });
});

describe('values redacted on other pages (seed scale)', () => {
  it('count only where they stand whole; on their own page a near copy (a box that missed a digit) still counts', () => {
    // A postal code redacted on page 3 (index 2) and page 6 (index 5).
    const needles = new NeedleIndex(needlesOf([{ pageIndex: 2, value: '000-0081', kind: 'postal_code' }, { pageIndex: 5, value: '000-0081', kind: 'postal_code' }]), ocrEditBudget);
    const memberNumber = foldPageText('M0000080 松島 入夏'); // one edit from the postal code
    expect(valuesShown(memberNumber, needles, 7)).toHaveLength(0); // page 8: noise, not a leak
    expect(valuesShown(memberNumber, needles, 5)).toHaveLength(1); // page 6: where it was redacted, a near copy refuses
    expect(valuesShown(foldPageText('〒000-0081 東京都'), needles, 7)).toHaveLength(1); // whole on page 8: refused
  });
});
