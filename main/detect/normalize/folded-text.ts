/**
 * A normalized string that remembers where each of its UTF-16 code units came from: code unit i of
 * `text` was produced from original characters [start[i], end[i]) (indices into the original char
 * sequence: a page's TextChars, or a string's code points). A hit [s, e) in `text` therefore covers
 * original chars [start[s], end[e - 1]).
 */
export interface FoldedText {
  text: string;
  start: Int32Array;
  end: Int32Array;
}

/**
 * Growable parallel arrays: code unit + original range. Passes read one and write the next. Typed arrays
 * reused from fold to fold (take / release): every page folds through three of these, and fresh arrays
 * made most of matching's garbage. `codes`, `s` and `e` are views of exactly `length` entries (take them
 * once per pass, not per element).
 */
export class FoldBuffer {
  private c = new Int32Array(256);
  private ss = new Int32Array(256);
  private ee = new Int32Array(256);
  length = 0;
  private static free: FoldBuffer[] = [];
  /** An empty buffer, reused if one was released. */
  static take(): FoldBuffer {
    const b = FoldBuffer.free.pop() ?? new FoldBuffer();
    b.length = 0;
    return b;
  }
  /** Gives the buffer back for reuse; it must not be read afterwards. */
  release(): void {
    if (FoldBuffer.free.length < 8) FoldBuffer.free.push(this);
  }
  get codes(): Int32Array { return this.c.subarray(0, this.length); }
  get s(): Int32Array { return this.ss.subarray(0, this.length); }
  get e(): Int32Array { return this.ee.subarray(0, this.length); }
  push(code: number, s: number, e: number): void {
    const n = this.length;
    if (n === this.c.length) this.grow();
    this.c[n] = code; this.ss[n] = s; this.ee[n] = e;
    this.length = n + 1;
  }
  toFolded(): FoldedText {
    return { text: this.toText(), start: this.ss.slice(0, this.length), end: this.ee.slice(0, this.length) };
  }
  toText(): string {
    let text = '';
    // In slices: a whole book's code units would exceed the argument limit.
    for (let i = 0; i < this.length; i += 4096) text += String.fromCharCode.apply(null, this.c.subarray(i, Math.min(this.length, i + 4096)) as unknown as number[]);
    return text;
  }
  private grow(): void {
    const grown = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
    this.c = grown(this.c); this.ss = grown(this.ss); this.ee = grown(this.ee);
  }
}
