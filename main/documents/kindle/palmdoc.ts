import { badInput } from '../../common/errors';

/**
 * PalmDOC (LZ77 variant) decompression of one text record into at most `limit` bytes.
 * Byte codes: 0x01-0x08 copy that many literal bytes; 0x00, 0x09-0x7f literal; 0xc0-0xff a space
 * followed by (byte ^ 0x80); 0x80-0xbf with the next byte a back-reference (11-bit distance,
 * 3-bit length + 3). Output past `limit` or a reference before the start is an error.
 */
export function decompressPalmDoc(input: Uint8Array, limit: number, label: string): Uint8Array {
  const out = new Uint8Array(limit);
  let o = 0;
  let p = 0;
  const overflow = () => badInput(`${label}: PalmDOC data decompresses past the ${limit}-byte record limit`);
  while (p < input.length) {
    const c = input[p++]!;
    if (c >= 1 && c <= 8) {
      if (p + c > input.length) throw badInput(`${label}: PalmDOC literal run of ${c} bytes is cut off at the record end`);
      if (o + c > limit) throw overflow();
      out.set(input.subarray(p, p + c), o);
      o += c;
      p += c;
    } else if (c < 0x80) {
      if (o >= limit) throw overflow();
      out[o++] = c;
    } else if (c >= 0xc0) {
      if (o + 2 > limit) throw overflow();
      out[o++] = 0x20;
      out[o++] = c ^ 0x80;
    } else {
      if (p >= input.length) throw badInput(`${label}: PalmDOC back-reference is cut off at the record end`);
      const pair = (c << 8) | input[p++]!;
      const distance = (pair >> 3) & 0x7ff;
      const length = (pair & 7) + 3;
      if (distance === 0 || distance > o) {
        throw badInput(`${label}: PalmDOC back-reference to ${distance} bytes back, but only ${o} bytes are decoded`);
      }
      if (o + length > limit) throw overflow();
      // Byte by byte: source and destination may overlap (run-length style references).
      for (let i = 0; i < length; i++, o++) out[o] = out[o - distance]!;
    }
  }
  return out.subarray(0, o);
}
