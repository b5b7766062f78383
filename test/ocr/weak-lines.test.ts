// A line tesseract's page layout merges with its neighbour's ink reads as noise at confidence 0; it is cut
// out and read again on its own (issue 13: on page 54 of the seed-scale screenshot book an e-mail was read
// as "megu. 89aue( 過がの …", detection could not find it, and the redaction's re-read rightly refused).
import { afterAll, describe, expect, it } from 'vitest';
import { seedScreen } from '../../bench/seedscale/screenshot-book';
import { ocrImage } from '../../main/ocr/ocr-image';
import { OcrPool } from '../../main/ocr/ocr-pool';

const pool = new OcrPool({ size: 1 });
afterAll(() => pool.close());

describe('weak lines read again', () => {
  it('the seed book\'s page 54: every e-mail on it is read, the one the page layout merged included', async () => {
    const { records, png } = seedScreen(53);
    const r = await ocrImage(png, { langs: 'jpn+eng', pool });
    const text = r.lines.map((l) => l.text.replace(/\s/g, '')).join('\n');
    const unread = records.filter((p) => !text.includes(p.email));
    expect(unread.map((p) => p.email)).toEqual([]);
    // The merged line's reading is one line with its own box (not the two lines' box).
    const line = r.lines.find((l) => l.text.replace(/\s/g, '') === 'megu.tokunaga3725@mail.example.co.jp');
    expect(line).toBeDefined();
    expect(line!.box[3] - line!.box[1]).toBeLessThan(45);
  }, 120_000);
});
