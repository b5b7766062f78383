import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import type { ProgressFn } from '../../shared/model/progress';
import { throwIfCancelled } from '../common/errors';
import { openEvidenceForReading } from '../case/evidence-file';

export interface FileHashes {
  sha256: string;
  sha1: string;
  md5: string;
  size: number;
}

/** Read size for streaming passes: large enough that syscalls don't dominate, small enough for progress. */
export const CHUNK_SIZE = 4 * 1024 * 1024;

/** The three digests evidence records, fed from one read of the data. */
export class TripleHasher {
  private readonly h256: Hash = createHash('sha256');
  private readonly h1: Hash = createHash('sha1');
  private readonly h5: Hash = createHash('md5');
  size = 0;
  update(chunk: Uint8Array): void {
    this.h256.update(chunk);
    this.h1.update(chunk);
    this.h5.update(chunk);
    this.size += chunk.length;
  }
  digest(): FileHashes {
    return { sha256: this.h256.digest('hex'), sha1: this.h1.digest('hex'), md5: this.h5.digest('hex'), size: this.size };
  }
}

export interface ReadOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  phase?: string;
  subject?: string;
  /** An evidence copy: a link is refused, never followed (O_NOFOLLOW), and only a regular file is read. */
  noFollow?: boolean;
}

/**
 * Calls `onChunk` for every block of the file, in order, from one sequential read.
 * Opened read-only: an original is never opened for writing.
 */
export function readFileChunks(file: string | Buffer, onChunk: (chunk: Uint8Array) => void, opts: ReadOptions = {}): number {
  const fd = opts.noFollow ? openEvidenceForReading(String(file)) : fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const buf = Buffer.allocUnsafe(CHUNK_SIZE);
    let done = 0;
    let lastReport = 0;
    for (;;) {
      throwIfCancelled(opts.signal);
      const n = fs.readSync(fd, buf, 0, CHUNK_SIZE, null);
      if (n === 0) break;
      onChunk(buf.subarray(0, n));
      done += n;
      if (opts.onProgress && (done - lastReport >= 64 * CHUNK_SIZE || done === total)) {
        lastReport = done;
        opts.onProgress({ phase: opts.phase ?? 'hash', done, total, subject: opts.subject });
      }
    }
    return done;
  } finally {
    fs.closeSync(fd);
  }
}

export function hashFile(file: string | Buffer, opts: ReadOptions = {}): FileHashes {
  const h = new TripleHasher();
  readFileChunks(file, (c) => h.update(c), opts);
  return h.digest();
}

export function sha256File(file: string | Buffer, opts: ReadOptions = {}): string {
  const h = createHash('sha256');
  readFileChunks(file, (c) => h.update(c), opts);
  return h.digest('hex');
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
