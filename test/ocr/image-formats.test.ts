import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { toGray } from '../../main/ocr/gray-image';
import { runShokoAsync } from '../helpers/run-cli';
import { tmpDir } from '../helpers/paths';
import { cmykJpeg, gray16Png, grayAlphaPng, palettePng, rgba16Png, rgbaPng } from './image-variants';

// `shoko ocr` on the pixel formats screenshots come in. Before the fix the CLI failed on alpha with
// "cannot drop alpha when converting pixmap" while the scan read the same file.

const variants: { name: string; file: string; make: () => Uint8Array; header: (b: Uint8Array) => string }[] = [
  { name: 'RGBA PNG', file: 'rgba.png', make: rgbaPng, header: pngKind },
  { name: 'gray+alpha PNG', file: 'gray-alpha.png', make: grayAlphaPng, header: pngKind },
  { name: '16-bit RGBA PNG', file: 'rgba16.png', make: rgba16Png, header: pngKind },
  { name: '16-bit gray PNG', file: 'gray16.png', make: gray16Png, header: pngKind },
  { name: 'palette PNG with a transparent entry', file: 'palette.png', make: palettePng, header: pngKind },
  { name: 'CMYK JPEG', file: 'cmyk.jpg', make: cmykJpeg, header: jpegKind },
];

function pngKind(b: Uint8Array): string {
  const chunks: string[] = [];
  for (let o = 8; o < b.length;) {
    const len = new DataView(b.buffer, b.byteOffset).getUint32(o);
    chunks.push(String.fromCharCode(...b.subarray(o + 4, o + 8)));
    o += 12 + len;
  }
  return `png depth ${b[24]} type ${b[25]} ${chunks.filter((c) => c === 'PLTE' || c === 'tRNS').join(' ')}`.trim();
}

function jpegKind(b: Uint8Array): string {
  const img = new mupdf.Image(b);
  return `jpeg ${img.getNumberOfComponents()} components ${img.getColorSpace()?.getName() ?? ''}`;
}

let dir: string;
beforeAll(() => {
  dir = tmpDir('shoko-ocr-formats-');
  for (const v of variants) fs.writeFileSync(path.join(dir, v.file), v.make());
});

describe('image pixel formats', () => {
  it('the generated files are what they claim to be', () => {
    const kinds = variants.map((v) => v.header(fs.readFileSync(path.join(dir, v.file))));
    expect(kinds).toEqual([
      'png depth 8 type 6', 'png depth 8 type 4', 'png depth 16 type 6', 'png depth 16 type 0', 'png depth 8 type 3 PLTE tRNS',
      'jpeg 4 components DeviceCMYK',
    ]);
  });

  it.each(variants)('$name decodes to dark text on white paper (transparency composited on white)', (v) => {
    const g = toGray(new Uint8Array(fs.readFileSync(path.join(dir, v.file))), v.file);
    expect([g.width, g.height]).toEqual([760, 110]);
    // Corner = paper, and the darkest pixel = ink.
    expect(g.data[0]).toBeGreaterThan(230);
    expect(Math.min(...g.data)).toBeLessThan(80);
  });

  it.each(variants)('shoko ocr reads the $name', async (v) => {
    const r = await runShokoAsync(['ocr', path.join(dir, v.file), '--lang', 'eng', '--json']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { text: string; imageSize: { width: number; height: number } };
    expect(out.text).toContain('hanako.sato@example.com');
    expect(out.text).toContain('03-0123-4567');
    expect(out.imageSize).toEqual({ width: 760, height: 110 });
  });

  it('a file that is not an image fails with exit 2 naming it', async () => {
    const bad = path.join(dir, 'not-an-image.png');
    fs.writeFileSync(bad, 'this is text, not a picture\n');
    const r = await runShokoAsync(['ocr', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/not a readable image/);
  });
});
