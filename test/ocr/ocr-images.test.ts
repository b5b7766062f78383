import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charErrorRate } from '../../main/ocr/char-error-rate';
import { ocrImage } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, corpusFile, scratchDir } from '../helpers/paths';

// Real tesseract (tesseract.js + the npm language data) on real images; one pool for the file.
const pool = new OcrPool({ size: 2 });
afterAll(() => pool.close());

const image = (name: string) => new Uint8Array(fs.readFileSync(corpusFile(`images/${name}`)));
const reference = (name: string) => fs.readFileSync(corpusFile(`images/${name}`), 'utf8');
const kusamakura = reference('ja-rendered-kusamakura.gt.txt');

describe('OCR accuracy on the corpus images (CER without whitespace)', () => {
  it('Japanese horizontal ≤ 4%, read as horizontal, text === chars joined', async () => {
    const r = await ocrImage(image('ja-rendered-kusamakura-horizontal.png'), { pool });
    const cer = charErrorRate(r.text, kusamakura);
    console.log(`kusamakura horizontal: CER ${(cer * 100).toFixed(2)}%, modes ${JSON.stringify(r.modesTried)}`);
    expect(cer).toBeLessThanOrEqual(0.04);
    expect(r.mode).toBe('horizontal');
    // The page's line layout is clear, so it was read one way only.
    expect(r.modeDecidedBy).toBe('layout');
    expect(r.modesTried.map((m) => m.mode)).toEqual(['horizontal']);
    expect(r.rotation).toBe(0);
    // Japanese spacing removed: no space between two CJK characters anywhere.
    expect(r.text).not.toMatch(/[ぁ-んァ-ン一-龯、。] +[ぁ-んァ-ン一-龯、。]/u);
    for (const l of r.lines) {
      expect(l.text).toBe(l.chars.map((c) => c.c).join(''));
      for (const c of l.chars) {
        expect(c.box[2]).toBeGreaterThanOrEqual(c.box[0]);
        expect(c.box[0]).toBeGreaterThanOrEqual(0);
        expect(c.box[2]).toBeLessThanOrEqual(r.imageSize.width);
      }
    }
    // The first line sits at the top of the page and its first character is 山 at the left.
    expect(r.lines[0].text.startsWith('山路を登りながら')).toBe(true);
    expect(r.lines[0].chars[0].box[0]).toBeLessThan(r.lines[0].chars[3].box[0]);
  });

  it('Japanese vertical ≤ 5%, read as vertical (jpn_vert), columns right to left', async () => {
    const r = await ocrImage(image('ja-rendered-kusamakura-vertical.png'), { pool });
    const cer = charErrorRate(r.text, kusamakura);
    console.log(`kusamakura vertical: CER ${(cer * 100).toFixed(2)}%, modes ${JSON.stringify(r.modesTried)}`);
    expect(cer).toBeLessThanOrEqual(0.05);
    expect(r.mode).toBe('vertical');
    expect(r.modeDecidedBy).toBe('layout');
    expect(r.lines.every((l) => l.wmode === 'vertical')).toBe(true);
    expect(r.lines[0].box[0]).toBeGreaterThan(r.lines[1].box[0]);
    // A column's characters go down the page.
    const col = r.lines[0].chars;
    expect(col[0].box[1]).toBeLessThan(col[col.length - 1].box[1]);
  });

  it('read both ways (as for a page whose layout is unclear), the more confident reading is kept and recorded', async () => {
    const r = await ocrImage(image('ja-rendered-kusamakura-vertical.png'), { pool, decideMode: 'confidence' });
    console.log(`kusamakura vertical, both ways: ${JSON.stringify(r.modesTried)} -> ${r.mode}`);
    expect(r.modeDecidedBy).toBe('confidence');
    expect(r.modesTried.map((m) => m.mode).sort()).toEqual(['horizontal', 'vertical']);
    const conf = (mode: string) => r.modesTried.find((m) => m.mode === mode)!.confidence;
    expect(conf('vertical')).toBeGreaterThan(conf('horizontal') + 20);
    expect(r.mode).toBe('vertical');
    expect(r.confidence).toBe(conf('vertical'));
    expect(charErrorRate(r.text, kusamakura)).toBeLessThanOrEqual(0.05);
  });

  it('English phototest ≤ 1%, and the page turned 180° reads as well and is found turned', async () => {
    const [upright, turned] = await Promise.all([
      ocrImage(image('en-tesseract-phototest.tif'), { pool, langs: 'eng' }),
      ocrImage(image('en-tesseract-phototest-rotated-180.png'), { pool, langs: 'eng' }),
    ]);
    const gt = reference('en-tesseract-phototest.gt.txt');
    const cerUp = charErrorRate(upright.text, gt), cerTurned = charErrorRate(turned.text, gt);
    console.log(`phototest: CER ${(cerUp * 100).toFixed(2)}% upright, ${(cerTurned * 100).toFixed(2)}% rotated-180`);
    expect(cerUp).toBeLessThanOrEqual(0.01);
    expect(upright.rotation).toBe(0);
    expect(turned.rotation).toBe(180);
    expect(cerTurned).toBeLessThanOrEqual(Math.max(0.01, cerUp + 0.005));
    // Boxes are in the image as given (upside down): the first line is near the bottom.
    expect(turned.lines[0].box[1]).toBeGreaterThan(turned.imageSize.height / 2);
    // English words keep their spaces.
    expect(upright.text).toContain('This is a lot of 12 point text');
  });

  it('the synthetic PII form yields its email and phone digits with boxes', async () => {
    const r = await ocrImage(image('ja-rendered-pii-form-SYNTHETIC.png'), { pool });
    expect(r.text).toContain('hanako.sato@example.com');
    expect(r.text.replace(/\D/g, '')).toContain('0301234567');
    expect(r.text).toContain('佐藤花子');
    const email = r.words.find((w) => w.text.includes('hanako.sato@example.com'))!;
    expect(email.box[2] - email.box[0]).toBeGreaterThan(200);
    expect(email.confidence).toBeGreaterThan(60);
  });
});

describe('vertical page with a sideways email', () => {
  let png: Uint8Array;
  beforeAll(() => {
    // Chromium lays out vertical-rl Japanese with Latin runs set sideways, as a real book does. The font is
    // the repo's own (a system CJK font may be missing: then Chromium draws no Japanese at all).
    const dir = scratchDir('ocr-vertical-email');
    const html = path.join(dir, 'page.html');
    fs.writeFileSync(html, `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
html,body{margin:0;background:#fff}
@font-face{font-family:"IPAexGothic";src:url("${pathToFileURL(path.join(REPO_ROOT, 'resources/fonts/ipaexg.ttf')).href}")}
body{writing-mode:vertical-rl;font-family:"IPAexGothic";font-size:36px;line-height:1.8;padding:80px;height:1000px;color:#000}
</style></head><body>
<p>会員の佐藤花子さんへの連絡は下記まで。</p>
<p>メール：hanako.sato@example.com</p>
<p>電話：03-0123-4567</p>
<p>山路を登りながら、こう考えた。</p>
</body></html>`);
    const out = path.join(dir, 'page.png');
    const r = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1',
      `--screenshot=${out}`, '--window-size=900,1200', `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
    if (!fs.existsSync(out)) throw new Error(`chromium did not render the test page: ${r.stderr}`);
    png = new Uint8Array(fs.readFileSync(out));
  });

  it('finds the email and the phone number printed sideways in columns', async () => {
    const r = await ocrImage(png, { pool, vertical: 'auto' });
    expect(r.mode).toBe('vertical');
    expect(r.sidewaysWords).toBeGreaterThanOrEqual(1);
    expect(r.text).toContain('hanako.sato@example.com');
    expect(r.text).toContain('03-0123-4567');
    expect(r.text).toContain('佐藤花子');
    const line = r.lines.find((l) => l.text.includes('hanako.sato@example.com'))!;
    expect(line.wmode).toBe('vertical');
    expect(line.text).toBe(line.chars.map((c) => c.c).join(''));
    // The email's characters run down the page, inside the column.
    const at = line.text.indexOf('hanako');
    const h = line.chars[at].box, m = line.chars[at + 22].box;
    expect(m[1]).toBeGreaterThan(h[1] + 300);
    expect(Math.abs((h[0] + h[2]) / 2 - (m[0] + m[2]) / 2)).toBeLessThan(20);
  });
});

describe('pool cancellation', () => {
  it('an aborted job fails as cancelled and the pool keeps working', async () => {
    const ac = new AbortController();
    const job = ocrImage(image('ja-rendered-kusamakura-horizontal.png'), { pool, signal: ac.signal, vertical: 'no' });
    setTimeout(() => ac.abort(), 200);
    await expect(job).rejects.toMatchObject({ kind: 'cancelled' });
    const again = await ocrImage(image('en-tesseract-phototest.tif'), { pool, langs: 'eng' });
    expect(again.text).toContain('quick brown dog');
  });
});
