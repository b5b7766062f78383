import fs from 'node:fs';
import { createRequire } from 'node:module';
// libwebp's decoder compiled to WebAssembly (Squoosh, repackaged as @jsquash/webp): MuPDF.js is
// built without WebP, and screenshots saved from browsers and store previews are often WebP.
import webpDecFactory from '@jsquash/webp/codec/dec/webp_dec.js';
import { initEmscriptenModule } from '@jsquash/webp/utils.js';
import { encodePng } from './png-encode';

const require = createRequire(import.meta.url);

interface WebpModule {
  decode(data: Uint8Array | ArrayBuffer): { data: Uint8ClampedArray; width: number; height: number } | null;
}

let decoder: Promise<WebpModule> | null = null;

/** Loads the decoder once per worker, from the package's own .wasm file (never a URL). */
export function loadWebpDecoder(): Promise<WebpModule> {
  decoder ??= (async () => {
    const wasm = await WebAssembly.compile(fs.readFileSync(require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm')));
    return (await initEmscriptenModule(webpDecFactory, wasm)) as WebpModule;
  })();
  return decoder;
}

/** Canvas size from the RIFF header (VP8, VP8L or VP8X), read before any pixel is allocated. */
function webpSize(b: Uint8Array): { width: number; height: number } {
  const tag = (o: number) => String.fromCharCode(...b.subarray(o, o + 4));
  if (b.length < 30 || tag(0) !== 'RIFF' || tag(8) !== 'WEBP') throw new Error('not a WebP file (no RIFF/WEBP header)');
  const chunk = tag(12);
  if (chunk === 'VP8X') return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff };
  throw new Error(`WebP chunk '${chunk.trim()}' is not an image`);
}

/** Decodes a WebP to a PNG MuPDF can open; refuses images over `maxPixels` before decoding. */
export function webpToPng(mod: WebpModule, bytes: Uint8Array, maxPixels: number): Uint8Array {
  const { width, height } = webpSize(bytes);
  // VP8X flag 0x02: an animation (ANMF frames), which libwebp's still-image decoder refuses: say so.
  if (bytes.length > 20 && String.fromCharCode(...bytes.subarray(12, 16)) === 'VP8X' && bytes[20] & 0x02) {
    throw new Error(`animated WebP (${anmfFrames(bytes)} frames): its frames cannot be decoded (libwebp's still-image decoder); not read`);
  }
  if (width * height > maxPixels) throw new Error(`WebP image of ${width}×${height} pixels is over the limit of ${maxPixels} pixels`);
  const img = mod.decode(bytes.slice());
  if (!img) throw new Error('WebP data cannot be decoded (damaged file)');
  return encodePng(new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height, 4);
}

/** ANMF (animation frame) chunks of an animated WebP, counted from the RIFF chunk list. */
function anmfFrames(b: Uint8Array): number {
  let n = 0;
  for (let p = 12; p + 8 <= b.length;) {
    if (b[p] === 0x41 && b[p + 1] === 0x4e && b[p + 2] === 0x4d && b[p + 3] === 0x46) n++;
    const len = b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24);
    if (len < 0) break;
    p += 8 + len + (len & 1);
  }
  return n;
}
