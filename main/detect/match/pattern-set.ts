import { GrowableInt32 } from './growable';

// Exact multi-pattern search for millions of short patterns (names, emails, phone numbers).
//
// Why not an Aho–Corasick trie: 3 million patterns make a trie of ~25 million nodes whose transitions
// (kanji alphabet: tens of thousands of symbols) need a hash or double array; building it in JS takes
// longer than the whole match budget and ~1 GB. Instead, patterns are grouped by length and kept in one
// open-addressing hash table keyed by (length, polynomial hash); a page is scanned once per distinct
// pattern length with rolling prefix hashes (O(text × lengths) table probes, each a few typed-array
// reads), and every table hit is verified character by character, so collisions cost time, never
// correctness. Patterns are deduplicated; memory is the pattern characters (2 bytes each) plus
// 16 bytes per distinct pattern.

const BASE = 0x01000193;

function hashKey(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

function slotOf(h: number, len: number, mask: number): number {
  let x = Math.imul(h ^ Math.imul(len, 0x85ebca6b), 0xc2b2ae35);
  x ^= x >>> 15;
  return x & mask;
}

export class PatternSetBuilder {
  private pool = new Uint16Array(1 << 16);
  private poolLen = 0;
  private starts = new GrowableInt32();
  private lens = new GrowableInt32();
  private hashes = new GrowableInt32();
  private table = new Int32Array(1 << 12); // key id + 1; 0 = empty
  private mask = (1 << 12) - 1;

  get size(): number { return this.starts.length; }

  /** Adds a pattern (deduplicated) and returns its id. */
  add(key: string): number {
    const h = hashKey(key), len = key.length;
    let slot = slotOf(h, len, this.mask);
    for (let v = this.table[slot]; v !== 0; v = this.table[slot]) {
      const id = v - 1;
      if (this.hashes.data[id] === h && this.lens.data[id] === len && this.equals(id, key)) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.starts.length;
    this.ensurePool(len);
    for (let i = 0; i < len; i++) this.pool[this.poolLen + i] = key.charCodeAt(i);
    this.starts.push(this.poolLen);
    this.lens.push(len);
    this.hashes.push(h);
    this.poolLen += len;
    this.table[slot] = id + 1;
    if ((id + 1) * 2 > this.table.length) this.rehash();
    return id;
  }

  build(): PatternSet {
    return new PatternSet(this.pool.slice(0, this.poolLen), this.starts.view().slice(), this.lens.view().slice(),
      this.hashes.view().slice(), this.table, this.mask);
  }

  private equals(id: number, key: string): boolean {
    const s = this.starts.data[id];
    for (let i = 0; i < key.length; i++) if (this.pool[s + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private ensurePool(extra: number): void {
    if (this.poolLen + extra <= this.pool.length) return;
    let size = this.pool.length * 2;
    while (size < this.poolLen + extra) size *= 2;
    const p = new Uint16Array(size);
    p.set(this.pool.subarray(0, this.poolLen));
    this.pool = p;
  }

  private rehash(): void {
    const size = this.table.length * 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
    for (let id = 0; id < this.starts.length; id++) {
      let slot = slotOf(this.hashes.data[id], this.lens.data[id], this.mask);
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id + 1;
    }
  }
}

export class PatternSet {
  /** Distinct pattern lengths, ascending. */
  readonly lengths: Int32Array;
  constructor(
    private readonly pool: Uint16Array,
    private readonly starts: Int32Array,
    private readonly lens: Int32Array,
    private readonly hashes: Int32Array,
    private readonly table: Int32Array,
    private readonly mask: number,
  ) {
    this.lengths = Int32Array.from(new Set(lens)).sort();
  }

  get size(): number { return this.starts.length; }

  key(id: number): string {
    return String.fromCharCode(...this.pool.subarray(this.starts[id], this.starts[id] + this.lens[id]));
  }

  length(id: number): number { return this.lens[id]; }

  /** Calls onMatch(patternId, start, end) for every occurrence of every pattern in `text`. */
  search(text: string, onMatch: (id: number, start: number, end: number) => void): void {
    const n = text.length;
    if (n === 0 || this.starts.length === 0) return;
    const codes = new Uint16Array(n);
    const prefix = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      codes[i] = text.charCodeAt(i);
      prefix[i + 1] = (Math.imul(prefix[i], BASE) + codes[i]) | 0;
    }
    const { pool, starts, lens, hashes, table, mask } = this;
    for (const len of this.lengths) {
      if (len > n) break;
      let pow = 1;
      for (let k = 0; k < len; k++) pow = Math.imul(pow, BASE);
      for (let i = 0; i + len <= n; i++) {
        const h = (prefix[i + len] - Math.imul(prefix[i], pow)) | 0;
        let slot = slotOf(h, len, mask);
        for (let v = table[slot]; v !== 0; v = table[slot]) {
          const id = v - 1;
          if (hashes[id] === h && lens[id] === len) {
            const s = starts[id];
            let k = 0;
            while (k < len && pool[s + k] === codes[i + k]) k++;
            if (k === len) onMatch(id, i, i + len);
          }
          slot = (slot + 1) & mask;
        }
      }
    }
  }
}
