import { occursWithin, type Needle } from './value-search';

/**
 * Every redacted value searched in a page's text at once, with a given edit budget per value. A value of
 * length m found with at most k edits contains one of k+1 pieces of it unchanged (pigeonhole), so the text
 * is scanned once per distinct piece length with a hash lookup per position, and the exact approximate
 * search (occursWithin) runs only on the window around a piece found. The result is the same as searching
 * each value over the whole text, at a cost that grows with the text, not with text × values.
 */
export class NeedleIndex {
  private readonly pieces = new Map<string, { needle: number; offset: number }[]>();
  private readonly lengths: number[];
  private readonly budgets: number[];

  constructor(readonly needles: readonly Needle[], budget: (length: number) => number) {
    const lengths = new Set<number>();
    this.budgets = needles.map((n) => budget(n.folded.length));
    needles.forEach((n, id) => {
      const m = n.folded.length, k = this.budgets[id];
      const parts = Math.min(m, k + 1);
      const size = Math.floor(m / parts);
      for (let i = 0; i < parts; i++) {
        const offset = i * size;
        const piece = n.folded.slice(offset, i === parts - 1 ? m : offset + size);
        const list = this.pieces.get(piece);
        if (list) list.push({ needle: id, offset }); else this.pieces.set(piece, [{ needle: id, offset }]);
        lengths.add(piece.length);
      }
    });
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  /** The values found in `text` (folded as the values are). */
  find(text: string): Needle[] {
    const found = new Set<number>();
    for (const len of this.lengths) {
      for (let at = 0; at + len <= text.length; at++) {
        const list = this.pieces.get(text.slice(at, at + len));
        if (!list) continue;
        for (const { needle, offset } of list) {
          if (found.has(needle)) continue;
          const m = this.needles[needle].folded.length, k = this.budgets[needle];
          const from = Math.max(0, at - offset - k), to = Math.min(text.length, at - offset + m + k);
          if (occursWithin(text.slice(from, to), this.needles[needle].folded, k)) found.add(needle);
        }
      }
    }
    return [...found].sort((a, b) => a - b).map((i) => this.needles[i]);
  }
}
