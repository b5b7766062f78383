import { badInput } from '../common/errors';

/**
 * Parses a page list as people write it, 1-based: "1-5,9" → [0,1,2,3,4,8] (0-based, sorted, unique).
 * Pages beyond the document are bad input naming the page count.
 */
export function parsePageRanges(spec: string, pageCount: number): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw badInput(`--pages ${spec}: '${part}' is not a page or a range like 3-7`);
    const a = Number(m[1]), b = m[2] !== undefined ? Number(m[2]) : a;
    if (a < 1 || b < a) throw badInput(`--pages ${spec}: '${part}' is not a valid range (pages start at 1)`);
    if (b > pageCount) throw badInput(`--pages ${spec}: page ${b} is past the end (the item has ${pageCount} page(s))`);
    for (let p = a; p <= b; p++) out.add(p - 1);
  }
  if (out.size === 0) throw badInput(`--pages ${spec}: no pages given`);
  return [...out].sort((x, y) => x - y);
}
