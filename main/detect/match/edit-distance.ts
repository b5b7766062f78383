/**
 * Best approximate occurrence of `pattern` inside `text` (semi-global Levenshtein: the whole pattern,
 * any substring of the text), or null when every alignment needs more than `maxDist` edits.
 * Texts here are short windows (pattern length + 2·maxDist), so the plain O(m·n) table is cheap.
 */
export function approxFind(pattern: string, text: string, maxDist: number): { start: number; end: number; distance: number } | null {
  const m = pattern.length, n = text.length;
  let prev = new Int32Array(n + 1), cur = new Int32Array(n + 1);
  let prevStart = new Int32Array(n + 1), curStart = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) { prev[j] = 0; prevStart[j] = j; }
  for (let i = 1; i <= m; i++) {
    const pc = pattern.charCodeAt(i - 1);
    cur[0] = i; curStart[0] = 0;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (text.charCodeAt(j - 1) === pc ? 0 : 1);
      const del = prev[j] + 1; // pattern char missing from text
      const ins = cur[j - 1] + 1; // extra char in text
      let best = sub, st = prevStart[j - 1];
      if (del < best) { best = del; st = prevStart[j]; }
      if (ins < best) { best = ins; st = curStart[j - 1]; }
      cur[j] = best; curStart[j] = st;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > maxDist) return null;
    [prev, cur] = [cur, prev];
    [prevStart, curStart] = [curStart, prevStart];
  }
  let bestJ = -1;
  for (let j = 1; j <= n; j++) if (prev[j] <= maxDist && (bestJ < 0 || prev[j] < prev[bestJ])) bestJ = j;
  if (bestJ < 0) return null;
  return { start: prevStart[bestJ], end: bestJ, distance: prev[bestJ] };
}
