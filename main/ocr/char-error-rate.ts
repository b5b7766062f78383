/**
 * Character error rate: Levenshtein distance between recognised and reference text over the
 * reference length, both compared without whitespace (OCR line breaks and Japanese spacing differ
 * from the reference by layout, not by reading).
 */
export function charErrorRate(recognised: string, reference: string): number {
  const a = [...recognised.replace(/\s+/gu, '')];
  const b = [...reference.replace(/\s+/gu, '')];
  if (b.length === 0) return a.length === 0 ? 0 : 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] / b.length;
}
