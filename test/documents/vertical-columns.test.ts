// Regrouping of one-character lines into vertical columns, on hand-made line sets.
import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/model/geometry';
import { regroupVertical, type RawLine } from '../../main/documents/vertical-columns';

const line = (text: string, box: Box, vertical = false): RawLine => {
  const w = (box[2] - box[0]) / text.length;
  return { vertical, box, chars: [...text].map((c, i) => ({ c, box: [box[0] + i * w, box[1], box[0] + (i + 1) * w, box[3]] as Box })) };
};

describe('regroupVertical', () => {
  it('stacks single characters into columns read right to left', () => {
    const cells = (text: string, x: number) => [...text].map((c, i) => line(c, [x, 10 + i * 10, x + 10, 20 + i * 10]));
    // MuPDF order here is scrambled on purpose: left column first.
    const out = regroupVertical([...cells('日本語', 50), ...cells('あいう', 70)]);
    expect(out.map((l) => [l.text, l.wmode])).toEqual([['あいう', 'vertical'], ['日本語', 'vertical']]);
    expect(out[0].box).toEqual([70, 10, 80, 40]);
    for (const l of out) expect(l.text).toBe(l.chars.map((c) => c.c).join(''));
  });

  it('leaves horizontal text alone, including short one-letter lines that happen to stack', () => {
    const lines = [line('Hello world', [10, 10, 120, 20]), line('a', [10, 30, 16, 40]), line('b', [10, 45, 16, 55]), line('Bye', [10, 60, 40, 70])];
    expect(regroupVertical(lines).map((l) => [l.text, l.wmode])).toEqual([
      ['Hello world', 'horizontal'], ['a', 'horizontal'], ['b', 'horizontal'], ['Bye', 'horizontal'],
    ]);
  });

  it('joins wmode=1 pieces of one column and keeps separate columns apart', () => {
    const out = regroupVertical([line('縦書', [100, 10, 110, 30], true), line('き', [100, 30, 110, 40], true), line('二', [80, 10, 90, 20], true)]);
    expect(out.map((l) => l.text)).toEqual(['縦書き', '二']);
  });
});
