// Child process for quiet-tesseract.test.ts: one OCR through the engine's pool, with nothing between
// tesseract and this process's stderr (no CLI filter), of an image that makes tesseract complain
// ("Warning: Invalid resolution 30 dpi. Using 70 instead.", "Estimating resolution as …").
import * as mupdf from 'mupdf';
import { OcrPool } from '../../../main/ocr/ocr-pool';

const pix = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, 900, 120], false);
pix.clear(255);
const dev = new mupdf.DrawDevice(mupdf.Matrix.identity, pix);
const t = new mupdf.Text();
t.showString(new mupdf.Font('Helvetica'), [48, 0, 0, -48, 20, 80], 'hanako.sato@example.com 03-0123-4567');
dev.fillText(t, mupdf.Matrix.identity, mupdf.ColorSpace.DeviceGray, [0], 1);
dev.close();
pix.setResolution(30, 30);
const pool = new OcrPool({ size: 1 });
const page = await pool.recognize({ langs: 'eng', psm: '3', image: pix.asPNG() });
process.stdout.write(page.text);
await pool.close();
