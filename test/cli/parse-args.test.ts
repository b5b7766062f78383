import { describe, expect, it } from 'vitest';
import { parseBox, parseDpi, parseId, parsePageNumber } from '../../main/cli/parse-args';

describe('option values', () => {
  it('accept what people type and refuse the rest as bad input', () => {
    expect(parseId('12')).toBe(12);
    expect(() => parseId('1.5')).toThrow(/--item 1.5: expected a whole number/);
    expect(parsePageNumber('1')).toBe(0);
    expect(() => parsePageNumber('0')).toThrow(/1 = the first page/);
    expect(parseDpi('150')).toBe(150);
    expect(() => parseDpi('100000')).toThrow(/between 36 and 1200/);
    expect(parseBox('10, 20, 30, 40', '--crop')).toEqual([10, 20, 30, 40]);
    expect(() => parseBox('30,20,10,40', '--crop')).toThrow(/--crop 30,20,10,40: expected x0,y0,x1,y1/);
    for (const bad of [() => parseId('x'), () => parseBox('1,2,3', '--box')]) {
      try { bad(); } catch (e) { expect((e as { exitCode: number }).exitCode).toBe(2); continue; }
      throw new Error('should have thrown');
    }
  });
});
