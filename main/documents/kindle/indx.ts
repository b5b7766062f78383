import { badInput } from '../../common/errors';
import { ByteView, latin1, readForwardVarint } from './bytes';
import type { PalmDb } from './palmdb';

/** One index entry: its key (text) and its tag values (tag number → values). */
export interface IndexEntry {
  key: string;
  tags: Map<number, number[]>;
}

export interface KindleIndex {
  entries: IndexEntry[];
  /** CNCX strings by offset (offsets of later CNCX records are shifted by 0x10000 each). */
  cncx: Map<number, string>;
}

interface TagDef {
  tag: number;
  valuesPerEntry: number;
  mask: number;
  endFlag: number;
}

/** Bounds on forged counts: real indexes have at most a few thousand records and entries. */
const MAX_INDEX_RECORDS = 10_000;
const MAX_ENTRIES_PER_RECORD = 65_535;

/**
 * Reads an INDX index (MobileRead wiki "MOBI" Index section; calibre reader/index.py): a header record
 * with the TAGX tag table, `count` data records each with an IDXT entry-offset table, then `ncncx`
 * CNCX string records. `first` is the absolute record number of the header record.
 */
export function readIndex(db: PalmDb, first: number, decodeText: (b: Uint8Array) => string): KindleIndex {
  const head = db.view(first, 'INDX header');
  if (head.tag(0) !== 'INDX') throw badInput(`${head.label}: no "INDX" signature`);
  const headerLength = head.u32(4, 'INDX header length');
  const dataRecords = head.u32(24, 'INDX record count');
  const cncxRecords = head.u32(52, 'CNCX record count');
  if (dataRecords > MAX_INDEX_RECORDS || cncxRecords > MAX_INDEX_RECORDS) {
    throw badInput(`${head.label}: index claims ${dataRecords} data and ${cncxRecords} CNCX records`);
  }
  const { controlBytes, tags } = readTagx(head, headerLength);

  const cncx = new Map<number, string>();
  for (let c = 0; c < cncxRecords; c++) {
    const v = db.view(first + dataRecords + 1 + c, 'CNCX');
    let pos = 0;
    while (pos < v.length) {
      if (v.bytes[pos] === 0) {
        pos++; // zero padding at the end of the record
        continue;
      }
      const { value: len, size } = readForwardVarint(v, pos, 'CNCX string length');
      cncx.set(c * 0x10000 + pos, decodeText(v.slice(pos + size, len, 'CNCX string')));
      pos += size + len;
    }
  }

  const entries: IndexEntry[] = [];
  for (let r = 1; r <= dataRecords; r++) {
    const v = db.view(first + r, 'INDX data');
    if (v.tag(0) !== 'INDX') throw badInput(`${v.label}: no "INDX" signature`);
    const idxt = v.u32(20, 'IDXT offset');
    const count = v.u32(24, 'entry count');
    if (v.tag(idxt) !== 'IDXT') throw badInput(`${v.label}: no "IDXT" table at offset ${idxt}`);
    if (count > MAX_ENTRIES_PER_RECORD) throw badInput(`${v.label}: claims ${count} entries`);
    const offsets: number[] = [];
    for (let j = 0; j < count; j++) offsets.push(v.u16(idxt + 4 + j * 2, 'IDXT entry offset'));
    offsets.push(idxt);
    for (let j = 0; j < count; j++) {
      const start = offsets[j]!;
      const end = offsets[j + 1]!;
      if (end < start || end > v.length) throw badInput(`${v.label}: index entry ${j} spans ${start}..${end}`);
      const keyLength = v.u8(start, 'index key length');
      const key = latin1(v.slice(start + 1, keyLength, 'index key'));
      entries.push({ key, tags: readTagValues(v, start + 1 + keyLength, end, controlBytes, tags, `entry ${j}`) });
    }
  }
  return { entries, cncx };
}

function readTagx(v: ByteView, at: number): { controlBytes: number; tags: TagDef[] } {
  if (v.tag(at) !== 'TAGX') throw badInput(`${v.label}: no "TAGX" table at offset ${at}`);
  const length = v.u32(at + 4, 'TAGX length');
  const controlBytes = v.u32(at + 8, 'TAGX control byte count');
  if (controlBytes < 1 || controlBytes > 8) throw badInput(`${v.label}: TAGX declares ${controlBytes} control bytes`);
  const tags: TagDef[] = [];
  for (let p = at + 12; p < at + length; p += 4) {
    tags.push({ tag: v.u8(p), valuesPerEntry: v.u8(p + 1), mask: v.u8(p + 2), endFlag: v.u8(p + 3) });
  }
  return { controlBytes, tags };
}

const bitCount = (x: number) => {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
};

/**
 * The control bytes say which tags are present and how many values each has: a masked value equal to
 * a multi-bit mask means "a byte count follows", otherwise the masked value (shifted down) is the count.
 */
function readTagValues(v: ByteView, at: number, end: number, controlBytes: number, defs: TagDef[], what: string): Map<number, number[]> {
  const control = Array.from(v.slice(at, controlBytes, `${what} control bytes`));
  let pos = at + controlBytes;
  let ci = 0;
  const present: { tag: number; valueCount?: number; valueBytes?: number; perEntry: number }[] = [];
  for (const d of defs) {
    if (d.endFlag === 1) {
      ci++;
      continue;
    }
    if (ci >= control.length) break;
    let value = control[ci]! & d.mask;
    if (value === 0) continue;
    if (value === d.mask && bitCount(d.mask) > 1) {
      const { value: bytes, size } = readForwardVarint(v, pos, `${what} tag ${d.tag} byte count`);
      pos += size;
      present.push({ tag: d.tag, valueBytes: bytes, perEntry: d.valuesPerEntry });
    } else {
      let mask = d.mask;
      while ((mask & 1) === 0) {
        mask >>= 1;
        value >>= 1;
      }
      present.push({ tag: d.tag, valueCount: value, perEntry: d.valuesPerEntry });
    }
  }
  const out = new Map<number, number[]>();
  for (const p of present) {
    const values: number[] = [];
    if (p.valueCount !== undefined) {
      for (let i = 0; i < p.valueCount * p.perEntry; i++) {
        if (pos >= end) throw badInput(`${v.label}: ${what} tag ${p.tag} values run past the entry end`);
        const { value, size } = readForwardVarint(v, pos, `${what} tag ${p.tag}`);
        values.push(value);
        pos += size;
      }
    } else {
      const stop = pos + p.valueBytes!;
      if (stop > end) throw badInput(`${v.label}: ${what} tag ${p.tag} byte count runs past the entry end`);
      while (pos < stop) {
        const { value, size } = readForwardVarint(v, pos, `${what} tag ${p.tag}`);
        values.push(value);
        pos += size;
      }
    }
    out.set(p.tag, values);
  }
  return out;
}
