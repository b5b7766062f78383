/**
 * Builds small synthetic MOBI files for the reader's tests: a PalmDB with record 0 (PalmDOC + MOBI +
 * EXTH headers), the given text records, and any extra records (HUFF/CDIC, images…). Written from the
 * MobileRead wiki layout so the reader is tested against the format, not against itself.
 */
export interface MobiSpec {
  /** 1 none, 2 PalmDOC, 17480 HUFF/CDIC. */
  compression: number;
  /** Text records as stored (already compressed, trailing entries appended). */
  textRecords: Uint8Array[];
  textLength: number;
  extraDataFlags?: number;
  encryption?: number;
  /** Extra records after the text (their absolute numbers start at 1 + textRecords.length). */
  extraRecords?: Uint8Array[];
  huffRecord?: number;
  huffCount?: number;
  firstResourceRecord?: number;
  exth?: [number, Uint8Array | string | number][];
  title?: string;
}

const enc = new TextEncoder();

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function buildMobi(spec: MobiSpec): Uint8Array {
  const title = enc.encode(spec.title ?? 'Synthetic');
  const exthRecords = (spec.exth ?? []).map(([type, value]) => {
    const data = typeof value === 'number' ? u32(value) : typeof value === 'string' ? enc.encode(value) : value;
    return concat([u32(type), u32(data.length + 8), data]);
  });
  const exthBody = concat(exthRecords);
  const exth = exthRecords.length ? concat([enc.encode('EXTH'), u32(12 + exthBody.length), u32(exthRecords.length), exthBody]) : new Uint8Array();
  const headerLength = 0xe8;
  const r0 = new Uint8Array(16 + headerLength + exth.length + title.length + 4);
  const v = new DataView(r0.buffer);
  v.setUint16(0, spec.compression);
  v.setUint32(4, spec.textLength);
  v.setUint16(8, spec.textRecords.length);
  v.setUint16(10, 4096);
  v.setUint16(12, spec.encryption ?? 0);
  r0.set(enc.encode('MOBI'), 16);
  v.setUint32(20, headerLength);
  v.setUint32(24, 2);
  v.setUint32(28, 65001);
  v.setUint32(32, 12345);
  v.setUint32(36, 6);
  for (let off = 40; off < 16 + headerLength; off += 4) if (off !== 0x54 && off !== 0x58) v.setUint32(off, 0xffffffff);
  const nameOffset = 16 + headerLength + exth.length;
  v.setUint32(0x54, nameOffset);
  v.setUint32(0x58, title.length);
  v.setUint32(0x5c, 0x11);
  v.setUint32(0x68, 6);
  v.setUint32(0x6c, spec.firstResourceRecord ?? 0xffffffff);
  v.setUint32(0x70, spec.huffRecord ?? 0);
  v.setUint32(0x74, spec.huffCount ?? 0);
  v.setUint32(0x80, exth.length ? 0x40 : 0);
  v.setUint32(0xac, 0);
  v.setUint32(0xb0, 0);
  v.setUint32(0xb4, 0);
  v.setUint32(0xf0, 0);
  v.setUint16(0xf2, spec.extraDataFlags ?? 0);
  r0.set(exth, 16 + headerLength);
  r0.set(title, nameOffset);

  const records = [r0, ...spec.textRecords, ...(spec.extraRecords ?? []), new Uint8Array([0xe9, 0x8e, 0x0d, 0x0a])];
  const header = new Uint8Array(78 + records.length * 8 + 2);
  header.set(enc.encode('Synthetic'), 0);
  header.set(enc.encode('BOOKMOBI'), 60);
  const hv = new DataView(header.buffer);
  hv.setUint16(76, records.length);
  let offset = header.length;
  records.forEach((r, i) => {
    hv.setUint32(78 + i * 8, offset);
    hv.setUint32(78 + i * 8 + 4, i * 2);
    offset += r.length;
  });
  return concat([header, ...records]);
}

/** PalmDOC "compression" using only literal runs (valid PalmDOC, no back-references). */
export function palmDocLiterals(text: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 8) {
    const chunk = text.subarray(i, i + 8);
    out.push(chunk.length, ...chunk);
  }
  return new Uint8Array(out);
}

/**
 * A HUFF record whose 256 cache entries all give 8-bit terminal codes with max code 255, so the
 * phrase index of a code byte b is 255 - b, and a CDIC record holding `phrases`.
 */
export function huffCdic(phrases: { bytes: Uint8Array; literal: boolean }[]): { huff: Uint8Array; cdic: Uint8Array } {
  const { huff, hv } = huffRecord();
  for (let i = 0; i < 256; i++) hv.setUint32(24 + i * 4, (255 << 8) | 0x80 | 8);
  return { huff, cdic: cdicRecord(phrases, phrases.length, 8) };
}

/** An empty HUFF record (header, 256-entry cache at 24, min/max code table after it) to fill in. */
function huffRecord(): { huff: Uint8Array; hv: DataView } {
  const huff = new Uint8Array(24 + 256 * 4 + 64 * 4);
  const hv = new DataView(huff.buffer);
  huff.set(enc.encode('HUFF'), 0);
  hv.setUint32(4, 0x18);
  hv.setUint32(8, 24);
  hv.setUint32(12, 24 + 256 * 4);
  return { huff, hv };
}

/** One CDIC record holding `phrases` (an offset table, then length-prefixed phrases) of `total` in all. */
function cdicRecord(phrases: { bytes: Uint8Array; literal: boolean }[], total: number, bits: number): Uint8Array {
  const bodies = phrases.map((p) => {
    const b = new Uint8Array(2 + p.bytes.length);
    new DataView(b.buffer).setUint16(0, p.bytes.length | (p.literal ? 0x8000 : 0));
    b.set(p.bytes, 2);
    return b;
  });
  const table = new Uint8Array(phrases.length * 2);
  let at = table.length;
  bodies.forEach((b, i) => {
    new DataView(table.buffer).setUint16(i * 2, at);
    at += b.length;
  });
  const head = new Uint8Array(16);
  const v = new DataView(head.buffer);
  head.set(enc.encode('CDIC'), 0);
  v.setUint32(4, 0x10);
  v.setUint32(8, total);
  v.setUint32(12, bits);
  return concat([head, table, ...bodies]);
}

/** Codes for phrase indices under the table above. */
export const huffCodes = (indices: number[]) => new Uint8Array(indices.map((i) => 255 - i));

/**
 * A full HUFF/CDIC dictionary with variable code lengths (so codes longer than 8 bits go through the
 * min/max code tables, as in real Mobipocket books). Follows the layout the decoder expects: codes are
 * canonical with the shortest codes numerically highest (left-aligned), phrase index = maxCode[L] - code,
 * the 256-entry cache holds terminal entries for codes of ≤ 8 bits. `phrases[i]` gets code length
 * `lengths[i]`; the CDIC is split into records of 2^bits phrases. Returns the records and an encoder.
 */
export function huffCdicVariable(
  phrases: { bytes: Uint8Array | ((encode: (ids: number[]) => Uint8Array) => Uint8Array); literal: boolean }[],
  lengths: number[],
  bits: number,
): { records: Uint8Array[]; encode: (ids: number[]) => Uint8Array } {
  // Canonical order: by length, then input order; standard codes ascend, then complement per length.
  const order = phrases.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const code = new Map<number, { value: number; len: number }>();
  let c = 0;
  let prev = lengths[order[0]!]!;
  for (const i of order) {
    const len = lengths[i]!;
    c *= 2 ** (len - prev);
    prev = len;
    code.set(i, { value: 2 ** len - 1 - c, len });
    c++;
  }
  // CDIC index of phrase i = its position in `order`; per length, maxCode = highest code + first index.
  const cdicIndex = new Map(order.map((i, k) => [i, k]));
  const maxLen = Math.max(...lengths);
  const minCode = new Array<number>(33).fill(0);
  const maxCode = new Array<number>(33).fill(0);
  let lowestSoFar = 2 ** 32; // left-aligned lowest code among shorter lengths
  for (let L = 1; L <= 32; L++) {
    const ofLen = order.filter((i) => lengths[i] === L);
    if (ofLen.length) {
      const hi = code.get(ofLen[0]!)!.value;
      const lo = code.get(ofLen[ofLen.length - 1]!)!.value;
      minCode[L] = lo;
      maxCode[L] = hi + cdicIndex.get(ofLen[0]!)!;
      lowestSoFar = lo * 2 ** (32 - L);
    } else {
      // No codes of this length: a min code no longer window can reach keeps the search going.
      minCode[L] = Math.min(2 ** L - 1, Math.ceil(lowestSoFar / 2 ** (32 - L)));
      maxCode[L] = 0;
    }
  }
  const { huff, hv } = huffRecord();
  for (let t = 0; t < 256; t++) {
    let entry = ((maxCode[maxLen]! & 0xffffff) << 8) | Math.min(9, maxLen); // non-terminal: search from 9 bits
    for (const [, cd] of code) {
      if (cd.len <= 8 && t >>> (8 - cd.len) === cd.value) entry = ((maxCode[cd.len]! << 8) | 0x80 | cd.len) >>> 0;
    }
    hv.setUint32(24 + t * 4, entry >>> 0);
  }
  for (let L = 1; L <= 32; L++) {
    hv.setUint32(24 + 256 * 4 + (L - 1) * 8, minCode[L]!);
    hv.setUint32(24 + 256 * 4 + (L - 1) * 8 + 4, maxCode[L]!);
  }
  const encode = (ids: number[]): Uint8Array => {
    let bitsOut = '';
    for (const id of ids) {
      const cd = code.get(id)!;
      bitsOut += cd.value.toString(2).padStart(cd.len, '0');
    }
    bitsOut = bitsOut.padEnd(Math.ceil(bitsOut.length / 8) * 8, '0');
    return new Uint8Array(bitsOut.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  };
  const inOrder = order.map((i) => phrases[i]!).map((p) => ({ bytes: typeof p.bytes === 'function' ? p.bytes(encode) : p.bytes, literal: p.literal }));
  const records: Uint8Array[] = [huff];
  for (let start = 0; start < inOrder.length; start += 2 ** bits) {
    records.push(cdicRecord(inOrder.slice(start, start + 2 ** bits), inOrder.length, bits));
  }
  return { records, encode };
}
