// Hand-made ZIPs for tests of hostile archives: what a zip library refuses to write.
import zlib from 'node:zlib';

export interface RawEntry {
  /** A string is written as UTF-8 with the UTF-8 flag (bit 11); raw bytes are written as given, flag off. */
  name: string | Buffer;
  data?: Uint8Array | string;
  /** Deflate (default true except for "mimetype"). */
  compress?: boolean;
  /** Already deflated bytes with their real size and CRC (a bomb made once, stored many times). */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** Size written in the headers instead of the real one (a lying entry). */
  declaredSize?: number;
}

/**
 * A ZIP in the given order, duplicates and all (zip tools refuse to write those), written byte by byte from
 * the APPNOTE layout: entry order, name bytes, flags and declared sizes are the test's.
 */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name;
    const flags = typeof e.name === 'string' ? 0x800 : 0;
    let body: Buffer;
    let size: number;
    let crc: number;
    let method: number;
    if (e.deflated) {
      body = Buffer.from(e.deflated.bytes);
      size = e.deflated.size;
      crc = e.deflated.crc;
      method = 8;
    } else {
      const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data ?? new Uint8Array());
      const compress = e.compress ?? e.name !== 'mimetype';
      body = compress ? zlib.deflateRawSync(raw) : raw;
      size = raw.length;
      crc = zlib.crc32(raw);
      method = compress ? 8 : 0;
    }
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x5821, 12); // 2024-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x5821, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
