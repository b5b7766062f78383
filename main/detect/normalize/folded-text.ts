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

/** Growable parallel arrays: code unit + original range. Passes read one and write the next. */
export class FoldBuffer {
  codes: number[] = [];
  s: number[] = [];
  e: number[] = [];
  get length(): number { return this.codes.length; }
  push(code: number, s: number, e: number): void {
    this.codes.push(code); this.s.push(s); this.e.push(e);
  }
  toFolded(): FoldedText {
    return { text: this.toText(), start: Int32Array.from(this.s), end: Int32Array.from(this.e) };
  }
  toText(): string {
    let text = '';
    // In slices: spreading a whole book's code units would exceed the argument limit.
    for (let i = 0; i < this.codes.length; i += 4096) text += String.fromCharCode(...this.codes.slice(i, i + 4096));
    return text;
  }
}
