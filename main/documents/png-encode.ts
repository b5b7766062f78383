import zlib from 'node:zlib';

/**
 * Encodes 8-bit RGB or RGBA pixels as PNG with Node's native zlib. MuPDF's own PNG writer runs
 * zlib inside WebAssembly and was most of the render time; native deflate at a fast level with
 * the "none" row filter is several times quicker and still small for page images (mostly white).
 */
export function encodePng(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 3 | 4, level = 3): Uint8Array {
  const stride = width * channels;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1);
    raw[o] = 0; // filter: none
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), o + 1);
  }
  return assemblePng(width, height, channels, zlib.deflateSync(raw, { level }));
}

const COLOUR_TYPE = { 1: 0, 3: 2, 4: 6 } as const; // gray / RGB / RGBA

/** A PNG made of IHDR, one IDAT (deflated scanlines, 8-bit) and IEND: nothing else (no text, time or profile). */
export function assemblePng(width: number, height: number, channels: 1 | 3 | 4, idat: Buffer): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOUR_TYPE[channels];
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
