import { badInput } from '../../common/errors';

/**
 * Bounds-checked big-endian reads over one region of the file. Every Kindle structure is read through
 * this so a lying length or offset becomes a `badInput` naming the structure, never a RangeError or a
 * silent read of zeros.
 */
export class ByteView {
  readonly bytes: Uint8Array;
  /** Human name of the region for error messages, e.g. "record 0 (MOBI header)". */
  readonly label: string;
  private readonly view: DataView;

  constructor(bytes: Uint8Array, label: string) {
    this.bytes = bytes;
    this.label = label;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  private need(offset: number, size: number, what: string): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.bytes.length) {
      throw badInput(`${this.label}: ${what} at offset ${offset} (+${size}) lies beyond its ${this.bytes.length} bytes`);
    }
  }

  u8(offset: number, what = 'byte'): number {
    this.need(offset, 1, what);
    return this.bytes[offset]!;
  }

  u16(offset: number, what = 'u16'): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset);
  }

  u32(offset: number, what = 'u32'): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset);
  }

  /** A sub-array (no copy) of `size` bytes at `offset`. */
  slice(offset: number, size: number, what = 'bytes'): Uint8Array {
    this.need(offset, size, what);
    return this.bytes.subarray(offset, offset + size);
  }

  /** Four-character tag at offset ('' when out of range), for signature checks. */
  tag(offset: number): string {
    if (offset < 0 || offset + 4 > this.bytes.length) return '';
    return latin1(this.bytes.subarray(offset, offset + 4));
  }
}

/** Bytes → string with one char per byte, so byte offsets equal string offsets (markup surgery). */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Inverse of `latin1`. */
export function fromLatin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

/** Kindle base-32 numbers (digits 0-9A-V) used in kindle:pos/embed/flow links; NaN when malformed. */
export function parseBase32(s: string): number {
  if (!/^[0-9A-Va-v]{1,10}$/.test(s)) return NaN;
  return parseInt(s, 32);
}

/**
 * Forward variable-width integer of the INDX/CNCX structures: 7 bits a byte, most significant first,
 * the last byte has bit 7 set. Returns the value and the bytes consumed.
 */
export function readForwardVarint(v: ByteView, offset: number, what: string): { value: number; size: number } {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = v.u8(offset + i, what);
    value = value * 128 + (b & 0x7f);
    if (b & 0x80) return { value, size: i + 1 };
  }
  throw badInput(`${v.label}: ${what} at offset ${offset} is a variable-width integer longer than 5 bytes`);
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
