import { badInput } from '../../common/errors';
import type { PalmDb } from './palmdb';
import { ByteView } from './bytes';

interface Phrase {
  bytes: Uint8Array;
  /** True once `bytes` is plain text (flag bit 0x8000 in the CDIC, or after expansion). */
  literal: boolean;
  /** Set while the phrase is being expanded, to catch a phrase that refers to itself. */
  expanding?: boolean;
}

/** How deep phrases may nest; real dictionaries stay in single digits. */
const MAX_DEPTH = 32;

/**
 * HUFF/CDIC decompression (Mobipocket "DH" compression; MobileRead wiki "MOBI", KindleUnpack's
 * HuffcdicReader): a canonical Huffman code (the HUFF record: a 256-entry lookup on the top 8 bits
 * plus min/max code tables per code length) selects phrases from the CDIC records; a phrase is either
 * literal text or itself compressed with the same code.
 */
export class HuffCdicDecoder {
  private readonly cacheLength = new Uint8Array(256);
  private readonly cacheTerminal = new Uint8Array(256);
  private readonly cacheMaxCode = new Float64Array(256);
  private readonly minCode = new Float64Array(33);
  private readonly maxCode = new Float64Array(33);
  private readonly phrases: Phrase[] = [];

  constructor(db: PalmDb, huffRecord: number, recordCount: number) {
    if (recordCount < 2) throw badInput(`HUFF/CDIC: header names ${recordCount} HUFF/CDIC records, need at least 2`);
    this.loadHuff(db.view(huffRecord, 'HUFF'));
    for (let i = 1; i < recordCount; i++) this.loadCdic(db.view(huffRecord + i, 'CDIC'));
  }

  private loadHuff(v: ByteView): void {
    if (v.tag(0) !== 'HUFF' || v.u32(4, 'HUFF header length') !== 0x18) throw badInput(`${v.label}: not a HUFF record`);
    const cacheOffset = v.u32(8, 'HUFF cache table offset');
    const baseOffset = v.u32(12, 'HUFF base table offset');
    for (let i = 0; i < 256; i++) {
      const e = v.u32(cacheOffset + i * 4, 'HUFF cache entry');
      const len = e & 0x1f;
      if (len === 0) throw badInput(`${v.label}: HUFF cache entry ${i} has code length 0`);
      this.cacheLength[i] = len;
      this.cacheTerminal[i] = e & 0x80 ? 1 : 0;
      this.cacheMaxCode[i] = ((e >>> 8) + 1) * 2 ** (32 - len) - 1;
    }
    for (let len = 1; len <= 32; len++) {
      this.minCode[len] = v.u32(baseOffset + (len - 1) * 8, 'HUFF min code') * 2 ** (32 - len);
      this.maxCode[len] = (v.u32(baseOffset + (len - 1) * 8 + 4, 'HUFF max code') + 1) * 2 ** (32 - len) - 1;
    }
  }

  private loadCdic(v: ByteView): void {
    if (v.tag(0) !== 'CDIC' || v.u32(4, 'CDIC header length') !== 0x10) throw badInput(`${v.label}: not a CDIC record`);
    const total = v.u32(8, 'CDIC phrase count');
    const bits = v.u32(12, 'CDIC bits');
    if (bits > 16) throw badInput(`${v.label}: CDIC uses ${bits}-bit phrase indices (at most 16 supported)`);
    const n = Math.min(2 ** bits, total - this.phrases.length);
    for (let i = 0; i < n; i++) {
      const off = 16 + v.u16(16 + i * 2, 'CDIC phrase offset');
      const blen = v.u16(off, 'CDIC phrase length');
      this.phrases.push({ bytes: v.slice(off + 2, blen & 0x7fff, `CDIC phrase ${i}`), literal: (blen & 0x8000) !== 0 });
    }
  }

  /** Decompresses one record into at most `limit` bytes. */
  decompress(input: Uint8Array, limit: number, label: string): Uint8Array {
    const out = new Uint8Array(limit);
    const n = this.unpack(input, out, 0, 0, label);
    return out.subarray(0, n);
  }

  private unpack(input: Uint8Array, out: Uint8Array, start: number, depth: number, label: string): number {
    if (depth > MAX_DEPTH) throw badInput(`${label}: HUFF/CDIC phrases nest deeper than ${MAX_DEPTH}`);
    // Read in place (no padded copy per record or phrase): window32 reads zeros past the end.
    let bitsLeft = input.length * 8;
    let bitPos = 0;
    let o = start;
    // Each code consumes at least one bit, so this loop is bounded by the input size.
    while (true) {
      const code = window32(input, bitPos);
      const top = code >>> 24;
      let len = this.cacheLength[top]!;
      let maxCode = this.cacheMaxCode[top]!;
      if (!this.cacheTerminal[top]) {
        while (code < this.minCode[len]!) {
          if (++len > 32) throw badInput(`${label}: HUFF code matches no code length`);
        }
        maxCode = this.maxCode[len]!;
      }
      bitPos += len;
      bitsLeft -= len;
      if (bitsLeft < 0) break;
      const index = Math.floor((maxCode - code) / 2 ** (32 - len));
      const phrase = this.phrases[index];
      if (!phrase) throw badInput(`${label}: HUFF code selects phrase ${index}, the CDIC has ${this.phrases.length}`);
      if (!phrase.literal) {
        if (phrase.expanding) throw badInput(`${label}: CDIC phrase ${index} refers to itself`);
        phrase.expanding = true;
        const tmp = new Uint8Array(out.length);
        const len2 = this.unpack(phrase.bytes, tmp, 0, depth + 1, label);
        phrase.bytes = tmp.slice(0, len2);
        phrase.literal = true;
        phrase.expanding = false;
      }
      if (o + phrase.bytes.length > out.length) {
        throw badInput(`${label}: HUFF/CDIC data decompresses past the ${out.length}-byte record limit`);
      }
      // Phrases are mostly a few bytes: a plain loop beats TypedArray.set's per-call overhead.
      const bytes = phrase.bytes;
      if (bytes.length < 32) for (let k = 0; k < bytes.length; k++) out[o + k] = bytes[k]!;
      else out.set(bytes, o);
      o += bytes.length;
    }
    return o;
  }
}

/** The 32 bits starting at bit `bitPos`; bytes past the end of `data` read as zero. */
function window32(data: Uint8Array, bitPos: number): number {
  const i = bitPos >>> 3;
  const s = bitPos & 7;
  if (i + 4 < data.length) {
    const w = ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!) >>> 0;
    return s === 0 ? w : ((w << s) | (data[i + 4]! >>> (8 - s))) >>> 0;
  }
  // The last bytes of the input: never read outside the array.
  let w = 0;
  for (let k = 0; k < 4; k++) w = (w << 8) | (i + k < data.length ? data[i + k]! : 0);
  w >>>= 0;
  return s === 0 ? w : ((w << s) | ((i + 4 < data.length ? data[i + 4]! : 0) >>> (8 - s))) >>> 0;
}
