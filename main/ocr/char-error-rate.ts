import { levenshtein } from '../common/levenshtein';

/**
 * Character error rate: Levenshtein distance between recognised and reference text over the
 * reference length, both compared without whitespace (OCR line breaks and Japanese spacing differ
 * from the reference by layout, not by reading).
 */
export function charErrorRate(recognised: string, reference: string): number {
  const a = [...recognised.replace(/\s+/gu, '')];
  const b = [...reference.replace(/\s+/gu, '')];
  if (b.length === 0) return a.length === 0 ? 0 : 1;
  return levenshtein(a, b) / b.length;
}
