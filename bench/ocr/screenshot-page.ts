// One screenshot-book page (issue 13) read three ways, one after the other on one core: Shoko at the image's
// own pixels (what the scan does for picture pages), Shoko at the 150-dpi render the scan used before
// (the page is 931.5 pt wide at MuPDF's default 96 dpi, so 150 dpi is 1.56× each side), and native
// `tesseract -l jpn+eng` on the PNG (OMP_THREAD_LIMIT=1). Prints CPU seconds and CER against the drawn text.
// Usage: node --import tsx bench/ocr/screenshot-page.ts [--pages 3]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as mupdf from 'mupdf';
import { charErrorRate } from '../../main/ocr/char-error-rate';
import { ocrImage } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';
import { makeSeedRecords } from '../seedscale/leak-list';
import { drawScreen, PER_SCREEN } from '../seedscale/screenshot-book';

const { values } = parseArgs({ options: { pages: { type: 'string' } } });
const pages = Number(values.pages ?? 3);
const people = makeSeedRecords(pages * PER_SCREEN);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-screen-page-'));
const pool = new OcrPool({ size: 2 });
const cpuS = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const sums = new Map<string, { cpu: number; cer: number }>();
const add = (k: string, cpu: number, cer: number) => {
  const s = sums.get(k) ?? { cpu: 0, cer: 0 };
  sums.set(k, { cpu: s.cpu + cpu, cer: s.cer + cer });
  console.log(`  ${k}: CPU ${cpu.toFixed(2)} s, CER ${(100 * cer).toFixed(2)} %`);
};
try {
  for (let p = 0; p < pages; p++) {
    const shown = people.slice(p * PER_SCREEN, (p + 1) * PER_SCREEN);
    const reference = ['会員名簿 完全版', ...shown.flatMap((r) => [`${r.name}　${r.phone}`, r.email]), `${p + 1} / ${pages}`].join('\n');
    const png = drawScreen(shown, p, pages);
    const file = path.join(dir, `page-${p + 1}.png`);
    fs.writeFileSync(file, png);
    const doc = mupdf.Document.openDocument(png, 'image/png');
    const s = 150 / 72;
    const up = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(s, s), mupdf.ColorSpace.DeviceRGB, false).asPNG().slice();
    doc.destroy();
    if (p === 0) await ocrImage(png, { pool }); // start the workers outside the figures
    console.log(`page ${p + 1}`);
    let c = cpuS();
    const own = await ocrImage(png, { pool });
    add('Shoko, own pixels (1242×2208, no dpi hint)', cpuS() - c, charErrorRate(own.text, reference));
    c = cpuS();
    const old = await ocrImage(up, { pool, dpi: 150 });
    add('Shoko, 150-dpi render (1941×3450, dpi 150)', cpuS() - c, charErrorRate(old.text, reference));
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'tesseract', file, path.join(dir, 'out'), '-l', 'jpn+eng'],
      { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    if (r.status !== 0) throw new Error(`tesseract failed: ${r.stderr}`);
    const [u, sy] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    add('native tesseract (1242×2208)', u + sy, charErrorRate(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), reference));
  }
  console.log(`mean of ${pages} page(s)`);
  for (const [k, s] of sums) console.log(`  ${k}: CPU ${(s.cpu / pages).toFixed(2)} s/page, CER ${((100 * s.cer) / pages).toFixed(2)} %`);
} finally {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
