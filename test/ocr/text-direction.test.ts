import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../main/ocr/gray-image';
import { rotateGray } from '../../main/ocr/gray-image';
import { inkLayout } from '../../main/ocr/text-direction';

/** A white page with "lines": rows of 10x10 black glyph blocks, 2 px apart, lines 8 px apart. */
function horizontalPage(): GrayImage {
  const width = 200, height = 120, data = new Uint8Array(width * height).fill(255);
  for (let line = 0; line < 6; line++) {
    const y0 = 5 + line * 18;
    for (let ch = 0; ch < 15; ch++) {
      const x0 = 5 + ch * 12 + (line % 2) * 3; // lines do not align their glyphs exactly
      for (let y = y0; y < y0 + 10; y++) for (let x = x0; x < x0 + 10; x++) data[y * width + x] = 0;
    }
  }
  return { width, height, data };
}

describe('line direction from the blank bands of the ink', () => {
  it('says horizontal for lines across the page and vertical for the same page turned', () => {
    const h = inkLayout(horizontalPage());
    expect(h.direction).toBe('horizontal');
    expect(h.blankRows).toBeGreaterThan(0.3);
    expect(inkLayout(rotateGray(horizontalPage(), 90)).direction).toBe('vertical');
  });
  it('says nothing for a blank page or a solid block', () => {
    expect(inkLayout({ width: 10, height: 10, data: new Uint8Array(100).fill(255) }).direction).toBeNull();
    expect(inkLayout({ width: 10, height: 10, data: new Uint8Array(100).fill(0) }).direction).toBeNull();
  });
  it('says horizontal for a single line (a caption strip) and vertical for a single column', () => {
    const width = 200, height = 20, data = new Uint8Array(width * height).fill(255);
    for (let ch = 0; ch < 15; ch++) for (let y = 5; y < 15; y++) for (let x = 5 + ch * 12; x < 15 + ch * 12; x++) data[y * width + x] = 0;
    const line: GrayImage = { width, height, data };
    expect(inkLayout(line).direction).toBe('horizontal');
    expect(inkLayout(rotateGray(line, 90)).direction).toBe('vertical');
  });
});
