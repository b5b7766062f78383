import { describe, expect, it } from 'vitest';
import { rotateGray, unrotateBox, downscaleGray, cropGray, inkBox, encodePgm, type GrayImage, type QuarterTurn } from '../../main/ocr/gray-image';
import { mapBoxesToPage, wholePagePlacement } from '../../main/ocr/page-mapping';
import { makeLine, shareOut, wordsOfLines, type OcrChar, type OcrLine } from '../../main/ocr/ocr-result';
import { mergeSidewaysWords, type SidewaysWord } from '../../main/ocr/sideways-latin';
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

describe('merging sideways Latin into vertical columns', () => {
  const column = (): OcrLine => {
    const chars = ['メ', 'ー', 'ル', 'ロ', 'P', 'o', 'o'].map((c, i) => ch(c, [100, i * 30, 130, i * 30 + 30], i < 3 ? 98 : 40));
    return makeLine(chars, 'vertical');
  };
  const email: SidewaysWord = {
    text: 'a@b.jp', confidence: 95, box: [102, 92, 128, 208],
    chars: [...'a@b.jp'].map((c, i) => ch(c, [102, 92 + i * 19, 128, 92 + (i + 1) * 19], 95)),
  };

  it('replaces the garbled characters under the word, keeping the rest of the column in order', () => {
    const { lines, merged } = mergeSidewaysWords([column()], [email]);
    expect(merged).toBe(1);
    expect(lines[0].text).toBe('メールa@b.jp');
    expect(lines[0].text).toBe(lines[0].chars.map((c) => c.c).join(''));
    expect(lines[0].wmode).toBe('vertical');
  });
  it('keeps a column read more confidently than the word', () => {
    const sure = makeLine(column().chars.map((c) => ({ ...c, confidence: 99 })), 'vertical');
    expect(mergeSidewaysWords([sure], [{ ...email, confidence: 75 }]).lines[0].text).toBe('メールロPoo');
  });
  it('adds a word that lies in no column as a column of its own', () => {
    const far: SidewaysWord = { ...email, box: [500, 0, 520, 100], chars: email.chars.map((c) => ({ ...c, box: [500, 0, 520, 100] })) };
    const { lines } = mergeSidewaysWords([column()], [far]);
    expect(lines.map((l) => l.text)).toEqual(['メールロPoo', 'a@b.jp']);
  });
});

describe('character error rate', () => {
  it('ignores whitespace and counts edits per reference character', () => {
    expect(charErrorRate('山路を 登り', '山路を登り')).toBe(0);
    expect(charErrorRate('山路お登り', '山路を登り')).toBeCloseTo(0.2);
    expect(charErrorRate('', 'abcd')).toBe(1);
  });
});
