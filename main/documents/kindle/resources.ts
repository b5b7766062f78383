import { inflateSync } from 'node:zlib';
import { latin1 } from './bytes';
import type { PalmDb } from './palmdb';

export type ResourceKind = 'image' | 'font';

/** A resource record usable in the EPUB. `number` is its kindle:embed number (1-based). */
export interface KindleResource {
  number: number;
  record: number;
  kind: ResourceKind;
  mediaType: string;
  extension: string;
  data: Uint8Array;
}

/** Record signatures in the resource area that are structure, not content. */
const SKIPPED = new Set(['FLIS', 'FCIS', 'SRCS', 'RESC', 'BOUN', 'FDST', 'DATP', 'AUDI', 'VIDE', 'CMET', 'PAGE', 'CRES', 'CONT', 'kind', 'INDX', '\xe9\x8e\r\n']);

/** Decoded fonts larger than this are dropped (a FONT record claiming more is corrupt or hostile). */
const MAX_FONT_SIZE = 32 * 1024 * 1024;

function sniffImage(b: Uint8Array): { mediaType: string; extension: string } | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (b.length >= 8 && latin1(b.subarray(0, 8)) === '\x89PNG\r\n\x1a\n') return { mediaType: 'image/png', extension: 'png' };
  if (b.length >= 6 && /^GIF8[79]a$/.test(latin1(b.subarray(0, 6)))) return { mediaType: 'image/gif', extension: 'gif' };
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return { mediaType: 'image/bmp', extension: 'bmp' };
  return undefined;
}

/**
 * Collects the images and fonts of records first..end-1; the i-th record (from 0) is kindle:embed
 * number i+1 whatever its type, so the numbering counts skipped records too.
 */
export function readResources(db: PalmDb, first: number, end: number, warnings: string[]): KindleResource[] {
  const out: KindleResource[] = [];
  const stop = Math.min(end, db.recordCount);
  for (let r = first; r < stop; r++) {
    const data = db.record(r);
    const sig = latin1(data.subarray(0, 4));
    const number = r - first + 1;
    if (SKIPPED.has(sig) || data.length === 0) continue;
    if (sig === 'FONT') {
      const font = readFontRecord(data);
      if ('error' in font) warnings.push(`record ${r}: font dropped (${font.error})`);
      else out.push({ number, record: r, kind: 'font', ...font });
      continue;
    }
    const image = sniffImage(data);
    if (image) out.push({ number, record: r, kind: 'image', ...image, data });
  }
  return out;
}

/**
 * FONT records (calibre utils.read_font_record, MobileRead wiki "KF8"): header "FONT", decoded size,
 * flags (bit 0 zlib, bit 1 XOR-obfuscated), data start, XOR key length and start. The obfuscation
 * XORs the first 1040 bytes with the key carried in the record itself; undoing it is decoding the
 * container, not circumventing a protection (the key is not secret and nothing is encrypted).
 */
function readFontRecord(rec: Uint8Array): { mediaType: string; extension: string; data: Uint8Array } | { error: string } {
  if (rec.length < 24) return { error: 'FONT header truncated' };
  const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  const size = v.getUint32(4);
  const flags = v.getUint32(8);
  const start = v.getUint32(12);
  const xorLength = v.getUint32(16);
  const xorStart = v.getUint32(20);
  if (start > rec.length) return { error: `font data offset ${start} beyond the ${rec.length}-byte record` };
  if (size > MAX_FONT_SIZE) return { error: `declared font size ${size} is too large` };
  let data = rec.slice(start);
  if (flags & 0b10) {
    if (xorLength === 0 || xorStart + xorLength > rec.length) return { error: 'XOR key outside the record' };
    const key = rec.subarray(xorStart, xorStart + xorLength);
    const extent = Math.min(1040, data.length);
    for (let i = 0; i < extent; i++) data[i] ^= key[i % xorLength]!;
  }
  if (flags & 0b1) {
    try {
      data = new Uint8Array(inflateSync(data, { maxOutputLength: Math.max(size, 1) }));
    } catch (e) {
      return { error: `zlib: ${(e as Error).message}` };
    }
  }
  if (data.length !== size) return { error: `decoded ${data.length} bytes, the header says ${size}` };
  const magic = latin1(data.subarray(0, 4));
  if (magic === 'OTTO') return { mediaType: 'font/otf', extension: 'otf', data };
  if (magic === '\x00\x01\x00\x00' || magic === 'true') return { mediaType: 'font/ttf', extension: 'ttf', data };
  if (magic === 'wOFF') return { mediaType: 'font/woff', extension: 'woff', data };
  return { error: `unknown font format ${JSON.stringify(magic)}` };
}
