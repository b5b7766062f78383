import fs from 'node:fs';
import { badInput } from '../../common/errors';

/**
 * Where a list's bytes come from, read again at every pass. A list may be larger than memory (a 1 GiB
 * member list decoded as one string took 5.4 GB), so a file is read in chunks; passes are synchronous
 * because rows are consumed inside a SQLite transaction (better-sqlite3 transactions cannot await).
 */
export interface ListBytes {
  /** Calls `fn` with each chunk in order; `fn` returns false to stop early. Each chunk is a fresh buffer. */
  eachChunk(fn: (chunk: Buffer) => boolean | void): void;
}

export const CHUNK_BYTES = 1 << 20;

const cannotRead = (file: string, e: unknown) =>
  badInput(`${file}: cannot read the list (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, e);

/** The list file, opened anew and read from its start at every pass. */
export function fileBytes(file: string): ListBytes & { size: number } {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw cannotRead(file, e);
  }
  return {
    size,
    eachChunk(fn) {
      let fd: number;
      try { fd = fs.openSync(file, 'r'); } catch (e) { throw cannotRead(file, e); }
      try {
        for (;;) {
          // A new buffer per chunk: decoders and csv-parse may keep a view of the previous chunk's tail.
          const buf = Buffer.allocUnsafe(CHUNK_BYTES);
          let n: number;
          try { n = fs.readSync(fd, buf, 0, CHUNK_BYTES, null); } catch (e) { throw cannotRead(file, e); }
          if (n === 0 || fn(buf.subarray(0, n)) === false) return;
        }
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/** Bytes already in memory (the wizard's preview, tests), served in the same chunks as a file. */
export function memoryBytes(buf: Buffer): ListBytes & { size: number } {
  return {
    size: buf.length,
    eachChunk(fn) {
      for (let at = 0; at < buf.length; at += CHUNK_BYTES) if (fn(buf.subarray(at, at + CHUNK_BYTES)) === false) return;
    },
  };
}
