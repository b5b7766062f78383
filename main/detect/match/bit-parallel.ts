/**
 * The least edit distance between `pattern` (≤ 32 code units) and any substring of text[from, to) —
 * Myers' bit-parallel algorithm (J. ACM 1999, Hyyrö's formulation for searching): one pass over the text
 * with the pattern's column of the edit table held in two 32-bit words. Used to reject candidate windows
 * of the OCR-tolerant search quickly; the (rare) windows within reach get the full table for their
 * alignment (approxFind).
 */
export function leastDistance(pattern: Uint16Array, text: string, from: number, to: number): number {
  const m = pattern.length;
  const high = 1 << (m - 1);
  const mask = m === 32 ? -1 : (1 << m) - 1;
  let pv = mask, mv = 0, score = m, best = m;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    let eq = 0;
    for (let i = 0; i < m; i++) if (pattern[i] === c) eq |= 1 << i;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & high) score++;
    else if (mh & high) score--;
    ph = (ph << 1) & mask; // searching: the match may start anywhere, so no carry into row 0
    mh = (mh << 1) & mask;
    pv = (mh | ~(xv | ph)) & mask;
    mv = ph & xv;
    if (score < best) best = score;
  }
  return best;
}
