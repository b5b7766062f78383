// Shoko's OCR against native tesseract on the same screenshots, in alternating batches so that a machine
// whose load changes during the run slows both sides alike (the seed-scale bench runs all of Shoko first,
// then all of native). Shoko: an OcrPool of 2, `ocrImage` on each PNG as the scan reads a picture page (own
// pixels, no dpi hint, writing mode auto), a batch's pages submitted at once; native: `tesseract -l jpn+eng`,
// 2 processes, OMP_THREAD_LIMIT=1. OCR only (no rendering, storing or matching).
// Usage: node --import tsx bench/ocr/screenshot-alternating.ts DIR_OF_PNGS [--pages 30] [--batch 10]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ocrImage } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';
import { tesseractSeconds } from '../seedscale/natives';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { pages: { type: 'string' }, batch: { type: 'string' } } });
if (!positionals[0]) throw new Error('usage: screenshot-alternating.ts DIR_OF_PNGS [--pages 30] [--batch 10]');
const dir = path.resolve(positionals[0]);
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort().slice(0, Number(values.pages ?? 30)).map((f) => path.join(dir, f));
const batch = Number(values.batch ?? 10);
const pool = new OcrPool({ size: 2 });
let shoko = 0, native = 0;
try {
  await ocrImage(new Uint8Array(fs.readFileSync(files[0])), { pool }); // workers started outside the figures
  for (let i = 0; i < files.length; i += batch) {
    const part = files.slice(i, i + batch);
    const t = performance.now();
    await Promise.all(part.map((f) => ocrImage(new Uint8Array(fs.readFileSync(f)), { pool, what: f })));
    const s = (performance.now() - t) / 1000;
    const n = (await tesseractSeconds(part, 2)).seconds;
    shoko += s;
    native += n;
    console.log(`pages ${i + 1}-${i + part.length}: Shoko ${s.toFixed(1)} s, native ${n.toFixed(1)} s, ratio ${(s / n).toFixed(2)}`);
  }
  console.log(`${files.length} pages: Shoko ${shoko.toFixed(1)} s, native ${native.toFixed(1)} s, ratio ${(shoko / native).toFixed(2)}`);
} finally {
  await pool.close();
}
