import { GrowableInt32 } from './growable';

// Exact multi-pattern search for millions of short patterns (names, emails, phone numbers).
//
// Why not an Aho–Corasick trie: 3 million patterns make a trie of ~25 million nodes whose transitions
// (kanji alphabet: tens of thousands of symbols) need a hash or double array; building it in JS takes
// longer than the whole match budget and ~1 GB. Instead, patterns are kept in one open-addressing hash
// table keyed by (length, polynomial hash). A page is scanned once: at each position a small in-cache
// filter (StartFilter) says which pattern lengths start with the position's first two code units, and
// only those lengths are looked up, with rolling prefix hashes. Every table hit is verified character by
// character, so collisions cost time, never correctness. Repeated patterns are merged; memory is the
// pattern characters (2 bytes each), 8 bytes per pattern, 16–32 bytes per pattern of table (2–4 slots of
// 8 bytes), and the 1 MB filter.

const BASE = 0x01000193;

/** The table tag of a (hash, length): its low bits are the home slot, all of it is compared on probe. */
function tagOf(h: number, len: number): number {
  const x = Math.imul(h ^ Math.imul(len, 0x85ebca6b), 0xc2b2ae35);
  return x ^ (x >>> 15);
}

// Table layout: slot i is table[2i] = pattern id + 1 (0 = empty), table[2i + 1] = its tag; one cache line
// answers most probes without touching the pattern arrays.

/**
 * Collects patterns, then builds the set in one go. Ids are given out at once (one per add, in order);
 * repeated patterns are merged at build time, where `ids[id]` tells the id each one was merged into.
 * Building sorts the patterns by home slot first (radix sort on their tags), so the table fills
 * front to back: millions of inserts that would each miss the cache in a table of tens of MB become a
 * sequential pass.
 */
export class PatternSetBuilder {
  private pool: Uint16Array;
  private poolLen = 0;
  private starts = new GrowableInt32();
  private lens = new GrowableInt32();
  private tags = new GrowableInt32();

  /** `expected`: about how many patterns will be added (sizes the buffers once instead of regrowing). */
  constructor(expected = 0) {
    this.pool = new Uint16Array(Math.max(1 << 16, expected * 8));
  }

  get size(): number { return this.starts.length; }

  /** Adds a pattern and returns its id (before merging repeats: see build). */
  add(key: string): number {
    const len = key.length;
    this.ensurePool(len);
    const pool = this.pool, at = this.poolLen;
    let h = 0;
    for (let i = 0; i < len; i++) {
      const c = key.charCodeAt(i);
      pool[at + i] = c;
      h = (Math.imul(h, BASE) + c) | 0;
    }
    this.poolLen += len;
    this.starts.push(at);
    this.lens.push(len);
    this.tags.push(tagOf(h, len));
    return this.starts.length - 1;
  }

  /** The set, and for every id given out by add the id it was merged into (itself for a first occurrence). */
  build(): { patterns: PatternSet; ids: Int32Array } {
    const n = this.starts.length;
    const pool = this.pool.slice(0, this.poolLen), starts = this.starts.view().slice(), lens = this.lens.view().slice();
    let size = 1 << 12;
    while (size < n * 2) size *= 2;
    const mask = size - 1, table = new Int32Array(size * 2), ids = new Int32Array(n);
    const order = bySlot(this.tags.view(), mask);
    for (let i = 0; i < n; i++) {
      const id = order.ids[i], tag = order.tags[i];
      let slot = tag & mask, same = -1;
      for (let v = table[2 * slot]; v !== 0; v = table[2 * slot]) {
        if (table[2 * slot + 1] === tag && lens[v - 1] === lens[id] && equalAt(pool, starts[v - 1], starts[id], lens[id])) { same = v - 1; break; }
        slot = (slot + 1) & mask;
      }
      if (same >= 0) { ids[id] = same; continue; }
      table[2 * slot] = id + 1;
      table[2 * slot + 1] = tag;
      ids[id] = id;
    }
    return { patterns: new PatternSet(pool, starts, lens, table, mask), ids };
  }

  private ensurePool(extra: number): void {
    if (this.poolLen + extra <= this.pool.length) return;
    let size = this.pool.length * 2;
    while (size < this.poolLen + extra) size *= 2;
    const p = new Uint16Array(size);
    p.set(this.pool.subarray(0, this.poolLen));
    this.pool = p;
  }
}

function equalAt(pool: Uint16Array, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (pool[a + k] !== pool[b + k]) return false;
  return true;
}

/**
 * Ids ordered by home slot (tag & mask), stable, with their tags in the same order (so the table fill
 * reads both front to back): LSD radix sort, 12 bits a pass.
 */
function bySlot(tagOfId: Int32Array, mask: number): { ids: Int32Array; tags: Int32Array } {
  const n = tagOfId.length;
  let ids = new Int32Array(n), tags = tagOfId.slice(), nextIds = new Int32Array(n), nextTags = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  const bits = 32 - Math.clz32(mask);
  const count = new Int32Array(4097);
  for (let shift = 0; shift < bits; shift += 12) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(((tags[i] & mask) >>> shift) & 4095) + 1]++;
    for (let d = 0; d < 4096; d++) count[d + 1] += count[d];
    for (let i = 0; i < n; i++) {
      const to = count[((tags[i] & mask) >>> shift) & 4095]++;
      nextIds[to] = ids[i];
      nextTags[to] = tags[i];
    }
    [ids, nextIds] = [nextIds, ids];
    [tags, nextTags] = [nextTags, tags];
  }
  return { ids, tags };
}

export class PatternSet {
  /** Distinct pattern lengths, ascending. */
  readonly lengths: Int32Array;
  constructor(
    private readonly pool: Uint16Array,
    private readonly starts: Int32Array,
    private readonly lens: Int32Array,
    private readonly table: Int32Array,
    private readonly mask: number,
  ) {
    this.lengths = Int32Array.from(new Set(lens)).sort();
    this.powers = this.lengths.map((len) => {
      let pow = 1;
      for (let k = 0; k < len; k++) pow = Math.imul(pow, BASE);
      return pow;
    });
    this.filter = StartFilter.of(pool, starts, lens, this.lengths);
  }
  private readonly filter: StartFilter;
  /** BASE ** length (mod 2^32) for each of `lengths`: the rolling hash's factor. */
  private readonly powers: Int32Array;

  /** Number of ids (merged repeats included; search never reports those). */
  get size(): number { return this.starts.length; }

  key(id: number): string {
    return String.fromCharCode(...this.pool.subarray(this.starts[id], this.starts[id] + this.lens[id]));
  }

  length(id: number): number { return this.lens[id]; }

  /** The code units of pattern `id` (a view into the pool: no string is made). */
  codes(id: number): Uint16Array {
    return this.pool.subarray(this.starts[id], this.starts[id] + this.lens[id]);
  }

  /**
   * Calls onMatch(patternId, start, end) for every occurrence of every pattern in `text`, by start
   * position, then length.
   */
  search(text: string, onMatch: (id: number, start: number, end: number) => void): void {
    const n = text.length;
    if (n === 0 || this.starts.length === 0) return;
    const codes = new Uint16Array(n);
    const prefix = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      codes[i] = text.charCodeAt(i);
      prefix[i + 1] = (Math.imul(prefix[i], BASE) + codes[i]) | 0;
    }
    const { lengths, powers } = this;
    const { masks, mask: fmask } = this.filter;
    const single = lengths[0] === 1;
    for (let i = 0; i < n; i++) {
      if (single) this.probe(codes, prefix, i, 1, BASE, onMatch);
      if (i + 1 === n) break;
      const m = masks[pairHash(codes[i], codes[i + 1]) & fmask];
      if (m === 0) continue;
      // Bit b stands for length indices b, b + 32, …
      for (let li = single ? 1 : 0; li < lengths.length; li++) {
        const len = lengths[li];
        if (i + len > n) break;
        if ((m & (1 << (li & 31))) !== 0) this.probe(codes, prefix, i, len, powers[li], onMatch);
      }
    }
  }

  private probe(codes: Uint16Array, prefix: Int32Array, i: number, len: number, pow: number,
    onMatch: (id: number, start: number, end: number) => void): void {
    const { pool, starts, lens, table, mask } = this;
    const tag = tagOf((prefix[i + len] - Math.imul(prefix[i], pow)) | 0, len);
    let slot = tag & mask;
    for (let v = table[2 * slot]; v !== 0; v = table[2 * slot]) {
      const id = v - 1;
      if (table[2 * slot + 1] === tag && lens[id] === len) {
        const s = starts[id];
        let k = 0;
        while (k < len && pool[s + k] === codes[i + k]) k++;
        if (k === len) onMatch(id, i, i + len);
      }
      slot = (slot + 1) & mask;
    }
  }
}

function pairHash(a: number, b: number): number {
  let x = Math.imul((a << 16) | b, 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  return x ^ (x >>> 12);
}

/**
 * For each bucket of (first two code units) among the patterns, which pattern lengths start with them:
 * a 32-bit mask over length indices (index i → bit i mod 32). 1 MB, so it stays in cache where the
 * pattern table (tens of MB for millions of patterns) does not. Text positions whose pair no pattern
 * starts with skip every length, rolling hash and table probe; that is almost every position of a book.
 */
class StartFilter {
  private constructor(readonly masks: Int32Array, readonly mask: number) {}
  static of(pool: Uint16Array, starts: Int32Array, lens: Int32Array, lengths: Int32Array): StartFilter {
    const size = 1 << 18;
    const masks = new Int32Array(size), mask = size - 1;
    const lengthIndex = new Map<number, number>();
    lengths.forEach((len, i) => lengthIndex.set(len, i));
    for (let id = 0; id < starts.length; id++) {
      if (lens[id] < 2) continue;
      masks[pairHash(pool[starts[id]], pool[starts[id] + 1]) & mask] |= 1 << (lengthIndex.get(lens[id])! & 31);
    }
    return new StartFilter(masks, mask);
  }
}
