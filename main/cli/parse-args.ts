import type { Box } from '../../shared/model/geometry';
import { badInput } from '../common/errors';

/** Option values as people type them, checked once here so every command refuses them the same way. */

export function parseId(v: string, what = '--item'): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badInput(`${what} ${v}: expected a whole number`);
  return n;
}

/** A page number as people give it (1 = the first page) → the store's 0-based page index. */
export function parsePageNumber(v: string, what = '--page'): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw badInput(`${what} ${v}: expected a page number (1 = the first page)`);
  return n - 1;
}

/** Rendering resolution; bounded so a typo cannot ask for a gigapixel page. */
export function parseDpi(v: string, what = '--dpi'): number {
  const dpi = Number(v);
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 1200) throw badInput(`${what} ${v}: expected a number between 36 and 1200`);
  return dpi;
}

/** `x0,y0,x1,y1` in page units (points, origin top-left) with x1 > x0 and y1 > y0. */
export function parseBox(v: string, what: string): Box {
  const b = v.split(',').map((s) => Number(s.trim()));
  if (b.length !== 4 || !b.every(Number.isFinite) || !(b[2] > b[0] && b[3] > b[1])) {
    throw badInput(`${what} ${v}: expected x0,y0,x1,y1 in page units with x1 > x0 and y1 > y0`);
  }
  return b as Box;
}
