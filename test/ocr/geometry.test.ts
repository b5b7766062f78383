import { describe, expect, it } from 'vitest';
import { rotateGray, unrotateBox, downscaleGray, cropGray, inkBox, encodePgm, type GrayImage, type QuarterTurn } from '../../main/ocr/gray-image';
import { mapBoxesToPage, wholePagePlacement } from '../../main/ocr/page-mapping';
import { makeLine, shareOut, wordsOfLines, type OcrChar, type OcrLine } from '../../main/ocr/ocr-result';
import { backedByColumn, sidewaysSpans, spliceColumn, type Column, type ReadRun } from '../../main/ocr/sideways-latin';
import { charErrorRate } from '../../main/ocr/char-error-rate';

/** A 7x4 image, white, with one black pixel block at x 1..3, y 1..2. */
function sample(): GrayImage {
  const width = 7, height = 4, data = new Uint8Array(width * height).fill(255);
  for (let y = 1; y < 3; y++) for (let x = 1; x < 4; x++) data[y * width + x] = 0;
  return { width, height, data };
}

describe('quarter-turn rotation and box mapping back', () => {
  for (const turn of [0, 90, 180, 270] as QuarterTurn[]) {
    it(`maps the ink box found after turning ${turn}° back onto the original`, () => {
      const img = sample();
      const turned = rotateGray(img, turn);
      expect(turned.width * turned.height).toBe(28);
      const found = inkBox(turned)!;
      expect(unrotateBox(found, turn, img.width, img.height)).toEqual([1, 1, 4, 3]);
    });
  }
  it('four quarter turns give the original back', () => {
    const img = sample();
    let r = img;
    for (let i = 0; i < 4; i++) r = rotateGray(r, 90);
    expect(Buffer.from(r.data).equals(Buffer.from(img.data))).toBe(true);
  });
  it('crops, downscales by averaging and encodes PGM', () => {
    const img = sample();
    expect(inkBox(cropGray(img, 1, 1, 4, 3))).toEqual([0, 0, 3, 2]);
    const half = downscaleGray({ width: 4, height: 2, data: new Uint8Array([0, 255, 0, 0, 0, 255, 0, 0]) }, 0.5);
    expect(half).toEqual({ width: 2, height: 1, data: new Uint8Array([128, 0]) });
    const pgm = encodePgm(img);
    expect(new TextDecoder().decode(pgm.subarray(0, 11))).toBe('P5\n7 4\n255\n');
    expect(pgm.length).toBe(11 + 28);
  });
});

const ch = (c: string, box: [number, number, number, number], confidence = 90): OcrChar => ({ c, box, confidence });

describe('mapBoxesToPage', () => {
  const line = makeLine([ch('漢', [100, 200, 130, 230]), ch(' ', [130, 200, 140, 230]), ch('a', [140, 200, 150, 230])], 'horizontal', 88);

  it('maps a whole page rendered at 144 dpi by 72/144', () => {
    const placement = wholePagePlacement(1000, 2000, 144);
    expect(placement).toEqual([0, 0, 500, 1000]);
    const [l] = mapBoxesToPage({ lines: [line] }, { imagePixelSize: { width: 1000, height: 2000 }, placement });
    expect(l.source).toBe('ocr');
    expect(l.box).toEqual([50, 100, 75, 115]);
    expect(l.chars[0].box).toEqual([50, 100, 65, 115]);
    expect(l.text).toBe(l.chars.map((c) => c.c).join(''));
    expect(l.text).toBe('漢 a');
    expect(l.confidence).toBe(88);
  });

  it('maps an image drawn in a box on the page (offset and non-uniform scale)', () => {
    const [l] = mapBoxesToPage({ lines: [line] }, { imagePixelSize: { width: 400, height: 400 }, placement: [72, 100, 272, 500] });
    // x: 72 + px * 200/400, y: 100 + px * 400/400
    expect(l.chars[0].box).toEqual([122, 300, 137, 330]);
    expect(l.wmode).toBe('horizontal');
  });

  it('refuses a zero-size image', () => {
    expect(() => mapBoxesToPage({ lines: [line] }, { imagePixelSize: { width: 0, height: 10 }, placement: [0, 0, 1, 1] })).toThrow(/positive/);
  });
});

describe('character boxes and words', () => {
  it('shares a vertical column out by advance: CJK full, Latin half', () => {
    const chars = [ch('山', [0, 0, 0, 0]), ch('a', [0, 0, 0, 0]), ch('b', [0, 0, 0, 0]), ch('路', [0, 0, 0, 0])];
    shareOut(chars, [10, 0, 40, 310], 'vertical');
    expect(chars[0].box).toEqual([10, 0, 40, 100]);
    expect(chars[1].box[1]).toBeCloseTo(100);
    expect(chars[2].box[3]).toBeCloseTo(210);
    expect(chars[3].box.map((v) => Math.round(v))).toEqual([10, 210, 40, 310]);
  });
  it('splits words at the spaces that were kept', () => {
    const l = makeLine([ch('電', [0, 0, 10, 10]), ch('話', [10, 0, 20, 10]), ch(' ', [20, 0, 25, 10]), ch('0', [25, 0, 30, 10], 80), ch('3', [30, 0, 35, 10], 100)], 'horizontal');
    expect(wordsOfLines([l])).toEqual([
      { text: '電話', box: [0, 0, 20, 10], confidence: 90 },
      { text: '03', box: [25, 0, 35, 10], confidence: 90 },
    ]);
  });
});

describe('splicing sideways Latin into vertical columns', () => {
  // A column 40 px wide: メール, then an e-mail jpn_vert read as garbage, then 電話.
  const column = (): Column => ({
    box: [100, 0, 140, 600], confidence: 60,
    words: [
      { text: 'メール', box: [100, 0, 140, 120], confidence: 95 },
      { text: 'ロPoo', box: [100, 160, 140, 420], confidence: 20 },
      { text: 'ヨ', box: [100, 415, 140, 445], confidence: 40 },
      { text: '電話', box: [100, 480, 140, 560], confidence: 96 },
    ],
  });
  const run = (text: string, y0: number, confidence = 95): ReadRun => ({
    column: 0, text, confidence,
    chars: [...text].map((c, i) => ({ c, box: [100, y0 + i * 22, 140, y0 + (i + 1) * 22] as [number, number, number, number], confidence })),
  });

  it('finds the stretch from sparse eng words and from jpn_vert words holding ASCII', () => {
    expect(sidewaysSpans([column()], [])).toEqual([{ column: 0, y0: 160, y1: 420, seenByEng: false }]);
    const spans = sidewaysSpans([column()], [{ text: 'a@b.jp', box: [104, 165, 136, 410], confidence: 90 }]);
    expect(spans).toEqual([{ column: 0, y0: 160, y1: 420, seenByEng: true }]);
    // A word beside the column is not in it.
    expect(sidewaysSpans([column()], [{ text: 'xyz', box: [300, 165, 330, 410], confidence: 90 }])[0].seenByEng).toBe(false);
  });

  it('replaces the garbled words under the run and the unsure fragment after it, keeping the Japanese in order', () => {
    const line = spliceColumn(column(), [run('hanako@ex.jp', 160)]);
    expect(line.text).toBe('メール hanako@ex.jp 電話');
    expect(line.text).toBe(line.chars.map((c) => c.c).join(''));
    expect(line.wmode).toBe('vertical');
    // Boxes: the run's characters where they were read, the Japanese inside its word's stretch, top to bottom.
    const h = line.chars[line.text.indexOf('h')].box;
    expect(h).toEqual([100, 160, 140, 182]);
    const den = line.chars[line.text.indexOf('電')].box;
    expect(den[1]).toBeGreaterThanOrEqual(480);
    expect(den[3]).toBeLessThanOrEqual(560);
    for (let i = 1; i < line.chars.length; i++) expect(line.chars[i].box[1]).toBeGreaterThanOrEqual(line.chars[i - 1].box[1]);
  });

  it('takes a run only where jpn_vert saw ASCII shapes: sideways Japanese read by eng is refused', () => {
    expect(backedByColumn(column(), run('hanako@ex.jp', 160))).toBe(true);
    // eng's reading of 電話 turned sideways.
    expect(backedByColumn(column(), run('EPL', 485))).toBe(false);
    // Where jpn_vert saw nothing, only a very confident run is taken.
    const empty: Column = { ...column(), words: [] };
    expect(backedByColumn(empty, run('a@b.jp', 160, 95))).toBe(true);
    expect(backedByColumn(empty, run('a@b.jp', 160, 70))).toBe(false);
  });
});

describe('character error rate', () => {
  it('ignores whitespace and counts edits per reference character', () => {
    expect(charErrorRate('山路を 登り', '山路を登り')).toBe(0);
    expect(charErrorRate('山路お登り', '山路を登り')).toBeCloseTo(0.2);
    expect(charErrorRate('', 'abcd')).toBe(1);
  });
});
