// A tall scroll capture for the tiled-OCR tests: a white PNG with lines of text drawn by MuPDF (IPAex
// Gothic from resources/) at chosen heights, e.g. across the edges of the tiles the page is read in.
import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';

const FONT_FILE = path.resolve(process.cwd(), 'resources/fonts/ipaexg.ttf');

export interface DrawnLine {
  text: string;
  /** Top of the text, image pixels. */
  top: number;
  size?: number;
}

/** Gray pixels (0 = black) of a width×height page with the lines drawn at x = 24. */
export function drawLines(width: number, height: number, lines: readonly DrawnLine[]): Uint8Array {
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, width, height], false);
  pix.clear(255);
  const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
  const font = new mupdf.Font('IPAexGothic', fs.readFileSync(FONT_FILE));
  for (const l of lines) {
    const size = l.size ?? 24;
    const text = new mupdf.Text();
    // Baseline at top + 0.88 em (IPAex's ascent): the glyphs start at about `top`.
    text.showString(font, [size, 0, 0, -size, 24, l.top + size * 0.88], l.text);
    dev.fillText(text, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
  }
  dev.close();
  dev.destroy();
  const gray = new Uint8Array(pix.getPixels().slice());
  pix.destroy();
  return gray;
}

export function grayPng(width: number, height: number, gray: Uint8Array): Uint8Array {
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, width, height], false);
  pix.getPixels().set(gray);
  const png = pix.asPNG().slice();
  pix.destroy();
  return png;
}
