import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../shared/model/progress';
import type { CaseHandle } from '../case/case-folder';
import { now } from '../common/clock';
import { badInput, ShokoError, systemError, throwIfCancelled, notFound } from '../common/errors';
import { appendCustodyEvent } from './custody-log';
import { CHUNK_SIZE, sha256File, type FileHashes } from './hashing';
import { ParallelTripleHasher } from './parallel-hasher';
import { detectMediaType } from './media-type';
import { isProcessAlive } from '../common/process-alive';
import { baseName, isUtf8, pathBytes, pathText, rawNameRecord, readableName, resolvePath, type FsPath, type RawNameRecord } from './raw-names';

export interface IntakeOptions {
  source?: string;
  note?: string;
  collector?: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface IntakeResult extends FileHashes {
  id: number;
  mediaType: string;
  mediaLabel: string;
  protection: string | null;
  extensionMismatch: boolean;
  originalName: string;
  originalPath: string;
  /** The name's bytes when they are not UTF-8 (originalName is then their readable form). */
  originalNameBytes?: RawNameRecord;
  /** false when the same content was already in the case: a new acquisition was recorded instead. */
  added: boolean;
}

const INCOMING_PREFIX = '.incoming-';

/**
 * Checks every input before anything is written, so a bad path in a batch leaves the case untouched.
 */
function checkIntakeInputs(files: readonly FsPath[]): FsPath[] {
  if (files.length === 0) throw badInput('no files given to add');
  return files.map((f) => {
    const abs = resolvePath(f);
    const shown = pathText(abs);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      // A name Node received as text with U+FFFD in place of bytes that are not UTF-8 cannot be opened.
      const lossy = typeof abs === 'string' && abs.includes('\ufffd') ? ' (the name holds U+FFFD: if the real name is not UTF-8, pass its bytes as a Buffer path)' : '';
      throw notFound(`${shown}: no such file${lossy}`);
    }
    if (st.isDirectory()) throw badInput(`${shown}: is a folder, not a file (add the files in it, or a ZIP of them)`);
    if (!st.isFile()) throw badInput(`${shown}: not a regular file`);
    try {
      fs.accessSync(abs, fs.constants.R_OK);
      fs.closeSync(fs.openSync(abs, 'r'));
    } catch {
      throw badInput(`${shown}: cannot be read (permission denied)`);
    }
    return abs;
  });
}

/** Adds originals to the case: one streaming read hashes and copies, the copy is re-hashed, then registered. */
export async function addEvidence(c: CaseHandle, files: readonly FsPath[], opts: IntakeOptions = {}): Promise<IntakeResult[]> {
  const inputs = checkIntakeInputs(files);
  removeStaleIncoming(c.evidenceDir);
  const results: IntakeResult[] = [];
  for (const file of inputs) {
    throwIfCancelled(opts.signal);
    results.push(await addOne(c, file, opts));
  }
  return results;
}

/**
 * What an item stands for when it is not a file the user named: a screenshot set is a container
 * Shoko assembled from a folder, recorded under the folder's name and path with its members' hashes.
 */
export interface IntakeOrigin {
  originalName: string;
  originalPath: string;
  originalMtime: string;
  /** The bytes of originalPath when it is not UTF-8 (a screenshot folder with a Shift_JIS name). */
  originalPathHex?: string;
  details: Record<string, unknown>;
}

export async function addOne(c: CaseHandle, file: FsPath, opts: IntakeOptions, origin?: IntakeOrigin): Promise<IntakeResult> {
  const st = fs.statSync(file);
  const originalName = origin?.originalName ?? readableName(baseName(file)).text;
  const shown = pathText(file);
  const acquired = now();
  const tmp = path.join(c.evidenceDir, `${INCOMING_PREFIX}${process.pid}-${randomUUID()}`);
  let hashes: FileHashes;
  try {
    hashes = await copyAndHash(file, tmp, opts, originalName);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof ShokoError) throw err;
    throw systemError(err, c.evidenceDir) ?? badInput(`${shown}: could not be read completely (${(err as Error).message})`, err);
  }
  // A name that is not UTF-8 is kept as its bytes beside the readable form (store, custody event, package).
  const nameBytes = origin ? undefined : rawNameRecord(baseName(file)) ?? undefined;
  const pathHex = origin ? origin.originalPathHex : isUtf8(pathBytes(file)) ? undefined : pathBytes(file).toString('hex');
  const acquisition: Acquisition = {
    originalName, originalPath: origin?.originalPath ?? shown, originalNameBytes: nameBytes, originalPathHex: pathHex, originalMtime: origin?.originalMtime ?? st.mtime.toISOString(), acquiredAt: acquired.utc,
    tzOffsetMin: acquired.offsetMin, tzName: acquired.zone,
    collector: opts.collector ?? null, source: opts.source ?? null, note: opts.note ?? null,
  };

  const existing = c.db.prepare('SELECT * FROM evidence_item WHERE sha256 = ?').get(hashes.sha256) as ItemRow | undefined;
  if (existing) {
    fs.rmSync(tmp, { force: true });
    // An item whose evidence file was replaced by a link is not one to record acquisitions on.
    c.evidencePath(existing.sha256);
    c.db.transaction(() => {
      insertAcquisition(c, existing.id, acquisition);
      appendCustodyEvent(c.db, { action: 'evidence.acquired-again', itemId: existing.id, details: { ...hashes, ...acquisition, ...origin?.details } });
    })();
    return toResult(existing, acquisition, false);
  }

  try {
    // Re-read what landed on disk: the copy is evidence only if it hashes the same as the original.
    const copyHash = sha256File(tmp, { signal: opts.signal, onProgress: opts.onProgress, phase: 'verify', subject: originalName });
    if (copyHash !== hashes.sha256) throw new ShokoError('internal', `${shown}: the copy in the case does not match the original (${copyHash} ≠ ${hashes.sha256}); nothing was added`);
    const media = await detectMediaType(tmp, originalName);
    const final = c.evidencePath(hashes.sha256);
    fs.chmodSync(tmp, 0o444);
    // A file left by an intake killed after its rename and before its commit: same name means same content.
    if (fs.existsSync(final)) fs.rmSync(tmp, { force: true });
    else fs.renameSync(tmp, final);
    fsyncDir(c.evidenceDir);
    const row = c.db.transaction((): ItemRow => {
      const info = c.db.prepare(`INSERT INTO evidence_item (sha256, sha1, md5, size, media_type, media_label, protection, first_name, extension_mismatch, added_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(hashes.sha256, hashes.sha1, hashes.md5, hashes.size, media.mediaType, media.label,
        media.protection ?? null, originalName, media.extensionMismatch ? 1 : 0, acquired.utc);
      const id = Number(info.lastInsertRowid);
      insertAcquisition(c, id, acquisition);
      appendCustodyEvent(c.db, {
        action: 'evidence.added', itemId: id,
        details: { ...hashes, mediaType: media.mediaType, mediaLabel: media.label, protection: media.protection ?? null,
          extensionMismatch: media.extensionMismatch, mediaNote: media.note ?? null, ...acquisition, ...origin?.details },
      });
      return c.db.prepare('SELECT * FROM evidence_item WHERE id = ?').get(id) as ItemRow;
    })();
    return toResult(row, acquisition, true);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Buffers in rotation: the copy's writes run in the background while the next chunk is hashed. */
const WRITE_BUFFERS = 4;

/**
 * One sequential read of the original feeds the three digests (MD5 in a worker) and the copy.
 * Writing to disk is often the slowest part, so each chunk's write runs asynchronously while the
 * next chunks are read and hashed; a buffer is reused only once its write has completed.
 */
async function copyAndHash(file: FsPath, tmp: string, opts: IntakeOptions, subject: string): Promise<FileHashes> {
  const hasher = new ParallelTripleHasher();
  const src = fs.openSync(file, 'r');
  const dst = await fs.promises.open(tmp, 'wx', 0o600);
  const buffers = Array.from({ length: WRITE_BUFFERS }, () => Buffer.allocUnsafe(CHUNK_SIZE));
  const writes: (Promise<void> | undefined)[] = new Array(WRITE_BUFFERS);
  try {
    const total = fs.fstatSync(src).size;
    let done = 0;
    let reported = 0;
    for (let i = 0; ; i++) {
      throwIfCancelled(opts.signal);
      const slot = i % WRITE_BUFFERS;
      await writes[slot];
      const buf = buffers[slot];
      const n = fs.readSync(src, buf, 0, CHUNK_SIZE, null);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      const write = writeFully(dst, chunk, done);
      // Awaited later (or by the catch below); without a handler now, a failed write (disk full) would be an
      // unhandled rejection that ends the process before the temporary copy is removed.
      write.catch(() => undefined);
      writes[slot] = write;
      await hasher.update(chunk);
      done += n;
      if (opts.onProgress && (done - reported >= 16 * CHUNK_SIZE || done === total)) {
        reported = done;
        opts.onProgress({ phase: 'intake', done, total, subject });
      }
    }
    await Promise.all(writes);
    await dst.sync();
    return await hasher.digest();
  } catch (err) {
    await Promise.allSettled(writes.filter(Boolean) as Promise<void>[]);
    await hasher.abort();
    throw err;
  } finally {
    fs.closeSync(src);
    await dst.close();
  }
}

async function writeFully(fh: fs.promises.FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off, position + off);
    off += bytesWritten;
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  } catch {
    // Not every platform lets a folder be fsync'd (Windows); the rename is still atomic there.
  }
}

/** Temporary copies of intakes that were killed mid-way; their owner process is gone. */
export function removeStaleIncoming(evidenceDir: string): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(evidenceDir)) {
    if (!name.startsWith(INCOMING_PREFIX)) continue;
    const pid = Number(name.slice(INCOMING_PREFIX.length).split('-')[0]);
    // Ours, or another process's that is still copying: not a leftover.
    if (pid === process.pid || (pid && isProcessAlive(pid))) continue;
    fs.rmSync(path.join(evidenceDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

export function isIncomingName(name: string): boolean {
  return name.startsWith(INCOMING_PREFIX);
}


interface ItemRow {
  id: number; sha256: string; sha1: string; md5: string; size: number; media_type: string; media_label: string;
  protection: string | null; extension_mismatch: number;
}

interface Acquisition {
  originalName: string; originalPath: string; originalNameBytes?: RawNameRecord; originalPathHex?: string; originalMtime: string; acquiredAt: string; tzOffsetMin: number; tzName: string;
  collector: string | null; source: string | null; note: string | null;
}

function insertAcquisition(c: CaseHandle, itemId: number, a: Acquisition): void {
  c.db.prepare(`INSERT INTO acquisition (item_id, original_name, original_path, original_mtime, acquired_at, tz_offset_min, tz_name, collector, source, note,
    original_name_hex, original_name_decoding, original_path_hex)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(itemId, a.originalName, a.originalPath, a.originalMtime, a.acquiredAt, a.tzOffsetMin, a.tzName, a.collector, a.source, a.note,
    a.originalNameBytes?.hex ?? null, a.originalNameBytes?.decodedFrom ?? null, a.originalPathHex ?? null);
}

function toResult(r: ItemRow, a: Acquisition, added: boolean): IntakeResult {
  return {
    id: r.id, sha256: r.sha256, sha1: r.sha1, md5: r.md5, size: r.size, mediaType: r.media_type, mediaLabel: r.media_label,
    protection: r.protection, extensionMismatch: r.extension_mismatch === 1, originalName: a.originalName, originalPath: a.originalPath,
    ...(a.originalNameBytes ? { originalNameBytes: a.originalNameBytes } : {}), added,
  };
}
