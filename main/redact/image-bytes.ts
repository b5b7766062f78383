import { crc32 } from 'node:zlib';

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The only chunks a redacted PNG keeps: the pixels and what is needed to decode them. No text, EXIF, ICC, time. */
export const PNG_KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  offset: number;
  length: number;
  crcOk: boolean;
}

export interface PngLayout {
  chunks: PngChunk[];
  /** Bytes after the IEND chunk (the "aCropalypse" leak: an old, longer image left behind a cropped one). */
  trailing: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Walks a PNG's chunks; throws on a truncated or malformed file. */
export function pngLayout(bytes: Uint8Array): PngLayout {
  if (!isPng(bytes)) throw new Error('not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let pos = 8;
  for (;;) {
    if (pos + 12 > bytes.length) throw new Error(`PNG truncated at byte ${pos} (no IEND)`);
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const end = pos + 12 + length;
    if (end > bytes.length) throw new Error(`PNG chunk ${type} at byte ${pos} runs past the end of the file`);
    const crc = view.getUint32(pos + 8 + length);
    chunks.push({ type, offset: pos, length, crcOk: crc32(bytes.subarray(pos + 4, pos + 8 + length)) >>> 0 === crc });
    pos = end;
    if (type === 'IEND') break;
  }
  return { chunks, trailing: bytes.length - pos };
}

/** A copy of the PNG with only IHDR/PLTE/IDAT/IEND: metadata chunks (tEXt, zTXt, iTXt, eXIf, tIME, iCCP…) dropped. */
export function stripPng(bytes: Uint8Array): Uint8Array {
  const { chunks } = pngLayout(bytes);
  const kept = chunks.filter((c) => PNG_KEPT_CHUNKS.has(c.type));
  const size = 8 + kept.reduce((n, c) => n + 12 + c.length, 0);
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let pos = 8;
  for (const c of kept) {
    out.set(bytes.subarray(c.offset, c.offset + 12 + c.length), pos);
    pos += 12 + c.length;
  }
  return out;
}

/** What a written PNG must not have; empty when clean. */
export function pngProblems(bytes: Uint8Array): string[] {
  let layout: PngLayout;
  try {
    layout = pngLayout(bytes);
  } catch (err) {
    return [(err as Error).message];
  }
  const problems: string[] = [];
  const extra = [...new Set(layout.chunks.filter((c) => !PNG_KEPT_CHUNKS.has(c.type)).map((c) => c.type))];
  if (extra.length) problems.push(`metadata chunk(s) ${extra.join(', ')}`);
  if (layout.chunks.some((c) => !c.crcOk)) problems.push('chunk with a bad CRC');
  if (layout.trailing > 0) problems.push(`${layout.trailing} byte(s) after IEND`);
  return problems;
}

/**
 * Bytes after the EOI (FFD9) that ends a JPEG's first image, found by walking its segments and entropy-coded
 * scans (searching backwards would stop at the EOI of an older image appended behind). Throws when malformed.
 */
export function jpegTrailingBytes(bytes: Uint8Array): number {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG (no SOI)');
  let pos = 2;
  while (pos + 1 < bytes.length) {
    if (bytes[pos] !== 0xff) throw new Error(`JPEG: expected a marker at byte ${pos}`);
    const marker = bytes[pos + 1];
    if (marker === 0xff) { pos++; continue; } // fill byte
    if (marker === 0xd9) return bytes.length - (pos + 2);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { pos += 2; continue; }
    if (pos + 4 > bytes.length) break;
    const len = (bytes[pos + 2] << 8) | bytes[pos + 3];
    pos += 2 + len;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed zero or a restart marker.
      while (pos + 1 < bytes.length && !(bytes[pos] === 0xff && bytes[pos + 1] !== 0x00 && !(bytes[pos + 1] >= 0xd0 && bytes[pos + 1] <= 0xd7))) pos++;
    }
  }
  throw new Error('JPEG truncated (no EOI)');
}
