// The image form of the leak: the same directory sold as reader-app screenshots (1242×2208 PNG, the
// iPhone Plus screen), 20 records a page — name and phone on one line, the e-mail under it — on a cream
// page, so that text search finds nothing and everything rests on OCR. Drawn with MuPDF in IPAex Gothic
// (resources/fonts), packed in page order as a CBZ (one file for `triage`) and kept as a PNG folder
// (for native tesseract).
import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { writeZip } from '../../test/documents/generate';
import { makeSeedRecords, type SeedRecord } from './leak-list';

export const SCREEN = { width: 1242, height: 2208 } as const;
export const PER_SCREEN = 20;

const FONT_FILE = path.resolve(import.meta.dirname, '../../resources/fonts/ipaexg.ttf');
const CREAM: mupdf.Color = [0.984, 0.957, 0.894]; // #FBF4E4, a reader app's sepia page
const INK: mupdf.Color = [0.22, 0.19, 0.16];
const GREY: mupdf.Color = [0.55, 0.5, 0.45];

let font: mupdf.Font | null = null;

function drawText(dev: mupdf.Device, s: string, size: number, x: number, baseline: number, color: mupdf.Color): void {
  font ??= new mupdf.Font('IPAexGothic', fs.readFileSync(FONT_FILE));
  const t = new mupdf.Text();
  t.showString(font, [size, 0, 0, -size, x, baseline], s);
  dev.fillText(t, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, color, 1);
}

/** One screenshot: a title bar, 20 records, the reader's page counter; PNG bytes. */
export function drawScreen(records: readonly SeedRecord[], page: number, pages: number): Uint8Array {
  const { width, height } = SCREEN;
  const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceRGB, [0, 0, width, height], false);
  const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
  try {
    const bg = new mupdf.Path();
    bg.rect(0, 0, width, height);
    dev.fillPath(bg, false, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB, CREAM, 1);
    drawText(dev, '会員名簿 完全版', 30, 60, 80, GREY);
    const top = 170, step = (height - top - 140) / PER_SCREEN;
    records.forEach((r, i) => {
      const y = top + i * step;
      drawText(dev, `${r.name}　${r.phone}`, 40, 70, y + 40, INK);
      drawText(dev, r.email, 34, 70, y + 86, INK);
    });
    drawText(dev, `${page + 1} / ${pages}`, 28, width / 2 - 60, height - 60, GREY);
    dev.close();
    return pix.asPNG().slice();
  } finally {
    dev.destroy();
    pix.destroy();
  }
}

/** Page `page` (0-based) of the seed book as the bench draws it, with the records it shows (for tests of one page). */
export function seedScreen(page: number, pages = 300): { records: SeedRecord[]; png: Uint8Array } {
  const records = makeSeedRecords(PER_SCREEN * (page + 1)).slice(page * PER_SCREEN);
  return { records, png: drawScreen(records, page, pages) };
}

export interface ScreenshotBook {
  /** The CBZ holding every page in order. */
  cbz: string;
  /** Folder of the same PNGs (page-0001.png …). */
  dir: string;
  pages: number;
  /** Records shown, in page order. */
  shown: SeedRecord[];
}

/** Draws `pages` screens of the first pages×20 records into `dir` and packs them into `cbz`. */
export async function writeScreenshotBook(dir: string, cbz: string, records: readonly SeedRecord[], pages: number): Promise<ScreenshotBook> {
  fs.mkdirSync(dir, { recursive: true });
  const shown = records.slice(0, pages * PER_SCREEN);
  const entries: { name: string; data: Uint8Array; compress: boolean }[] = [];
  for (let p = 0; p * PER_SCREEN < shown.length; p++) {
    const name = `page-${String(p + 1).padStart(4, '0')}.png`;
    const png = drawScreen(shown.slice(p * PER_SCREEN, (p + 1) * PER_SCREEN), p, pages);
    fs.writeFileSync(path.join(dir, name), png);
    entries.push({ name, data: png, compress: false });
  }
  await writeZip(cbz, entries);
  return { cbz, dir, pages: entries.length, shown };
}
