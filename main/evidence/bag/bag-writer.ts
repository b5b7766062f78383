import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProgressFn } from '../../../shared/model/progress';
import { badInput, throwIfCancelled, notFound } from '../../common/errors';
import { readFileChunks } from '../hashing';
import { isProcessAlive } from '../../common/process-alive';
import {
  BAG_ALGORITHMS, BAGIT_VERSION, formatManifest, formatTagFile, manifestName, tagManifestName,
  type BagAlgorithm, type ManifestEntry,
} from './manifest-format';

export type Digests = Record<BagAlgorithm, string>;

export interface BagInfoFields {
  sourceOrganization: string;
  contactName: string;
  contactEmail: string;
  externalIdentifier: string;
  externalDescription: string;
  baggingDate: string;
  bagSoftwareAgent: string;
  bagCount?: string;
  /** Further labels, written after the standard ones. */
  extra?: ReadonlyArray<readonly [string, string]>;
}

export interface BagWriterOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** SHA-256 and SHA-512 of a file from one read. */
export function bagDigestsOfFile(file: string, opts: BagWriterOptions & { subject?: string } = {}): Digests {
  const h256 = createHash('sha256');
  const h512 = createHash('sha512');
  readFileChunks(file, (c) => { h256.update(c); h512.update(c); }, { signal: opts.signal, onProgress: opts.onProgress, phase: 'package hash', subject: opts.subject });
  return { sha256: h256.digest('hex'), sha512: h512.digest('hex') };
}

export function bagDigestsOf(bytes: Uint8Array | string): Digests {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sha512: createHash('sha512').update(bytes).digest('hex') };
}

/**
 * Writes one bag into a staging folder: payload under data/, extra tag files, then the manifests,
 * bag-info.txt (with Payload-Oxum), bagit.txt and the tag manifests covering every tag file written
 * so far. Files written after `finish()` (the signature and the timestamp request, which attest to
 * the tag manifest and so cannot be listed in it) go through `writeAttestation`.
 */
export class BagWriter {
  private readonly payload = new Map<string, Digests & { size: number }>();
  private readonly tags = new Map<string, Digests>();
  private readonly unsynced: string[] = [];
  private finished = false;

  constructor(readonly root: string, private readonly opts: BagWriterOptions = {}) {
    fs.mkdirSync(path.join(root, 'data'), { recursive: true });
  }

  /** Copies a file into data/<rel> and hashes the copy (what the manifest must describe is what landed). */
  addPayloadFile(rel: string, source: string, subject?: string): Digests & { size: number } {
    const dest = this.target(`data/${rel}`);
    throwIfCancelled(this.opts.signal);
    fs.copyFileSync(source, dest, fs.constants.COPYFILE_EXCL);
    // Flushed to disk by flush(), before the manifests: a book of 1,300 pages is 1,300 fsyncs, made in parallel there.
    this.unsynced.push(dest);
    const d = { ...bagDigestsOfFile(dest, { ...this.opts, subject: subject ?? rel }), size: fs.statSync(dest).size };
    this.payload.set(`data/${rel}`, d);
    return d;
  }

  addPayloadBytes(rel: string, bytes: Uint8Array | string): Digests & { size: number } {
    const dest = this.target(`data/${rel}`);
    writeDurably(dest, bytes);
    const d = { ...bagDigestsOf(bytes), size: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length };
    this.payload.set(`data/${rel}`, d);
    return d;
  }

  /** A generated payload file written piece by piece as it is produced (never held whole), hashed as written. */
  addPayloadChunks(rel: string, chunks: Iterable<string | Uint8Array>): Digests & { size: number } {
    const dest = this.target(`data/${rel}`);
    const h256 = createHash('sha256'), h512 = createHash('sha512');
    let size = 0;
    const fd = fs.openSync(dest, 'wx', 0o644);
    try {
      let pending: Buffer[] = [], pendingBytes = 0;
      const drain = () => {
        const buf = Buffer.concat(pending, pendingBytes);
        fs.writeSync(fd, buf);
        h256.update(buf); h512.update(buf);
        size += buf.length;
        pending = []; pendingBytes = 0;
      };
      for (const c of chunks) {
        const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
        pending.push(b); pendingBytes += b.length;
        if (pendingBytes >= 1 << 20) { throwIfCancelled(this.opts.signal); drain(); }
      }
      drain();
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const d = { sha256: h256.digest('hex'), sha512: h512.digest('hex'), size };
    this.payload.set(`data/${rel}`, d);
    return d;
  }

  addTagFile(rel: string, bytes: Uint8Array | string): void {
    if (this.finished) throw new Error('BagWriter: tag files must be added before finish()');
    const dest = this.target(rel);
    writeDurably(dest, bytes);
    this.tags.set(rel, bagDigestsOf(bytes));
  }

  payloadOxum(): string {
    let bytes = 0;
    for (const p of this.payload.values()) bytes += p.size;
    return `${bytes}.${this.payload.size}`;
  }

  /** fsyncs every copied payload file, several at a time (libuv's thread pool). */
  async flush(): Promise<void> {
    const files = this.unsynced.splice(0);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < files.length; i = next++) {
        throwIfCancelled(this.opts.signal);
        const fh = await fs.promises.open(files[i], 'r+');
        try { await fh.sync(); } finally { await fh.close(); }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, files.length) }, lane));
  }

  /** Writes manifests, bag-info.txt, bagit.txt and the tag manifests; returns the bytes of tagmanifest-sha256.txt. */
  finish(info: BagInfoFields): Buffer {
    // A caller that did not flush still gets every payload file on disk first.
    for (const f of this.unsynced.splice(0)) fsyncFile(f);
    for (const alg of BAG_ALGORITHMS) {
      const entries: ManifestEntry[] = [...this.payload].map(([p, d]) => ({ path: p, digest: d[alg] }));
      this.addTagFile(manifestName(alg), formatManifest(entries));
    }
    const fields: Array<readonly [string, string]> = [
      ['Source-Organization', info.sourceOrganization],
      ['Contact-Name', info.contactName],
      ['Contact-Email', info.contactEmail],
      ['External-Identifier', info.externalIdentifier],
      ['External-Description', info.externalDescription],
      ['Bagging-Date', info.baggingDate],
      ['Payload-Oxum', this.payloadOxum()],
      ['Bag-Software-Agent', info.bagSoftwareAgent],
      ['Bag-Count', info.bagCount ?? '1 of 1'],
      ...(info.extra ?? []),
    ];
    // Unknown values are left out rather than written empty.
    this.addTagFile('bag-info.txt', formatTagFile(fields.filter(([, v]) => v.trim() !== '')));
    this.addTagFile('bagit.txt', formatTagFile([['BagIt-Version', BAGIT_VERSION], ['Tag-File-Character-Encoding', 'UTF-8']]));
    this.finished = true;
    let sha256Manifest: Buffer | undefined;
    for (const alg of BAG_ALGORITHMS) {
      const text = Buffer.from(formatManifest([...this.tags].map(([p, d]) => ({ path: p, digest: d[alg] }))));
      writeDurably(path.join(this.root, tagManifestName(alg)), text);
      if (alg === 'sha256') sha256Manifest = text;
    }
    return sha256Manifest!;
  }

  /** A file that attests to the finished tag manifest (signature, timestamp request). */
  writeAttestation(rel: string, bytes: Uint8Array | string): void {
    if (!this.finished) throw new Error('BagWriter: attestations come after finish()');
    writeDurably(this.target(rel), bytes);
  }

  private target(rel: string): string {
    const abs = path.resolve(this.root, rel);
    if (!abs.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`bag path escapes the bag: ${rel}`);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    return abs;
  }
}

function writeDurably(file: string, bytes: Uint8Array | string): void {
  const fd = fs.openSync(file, 'wx', 0o644);
  try {
    fs.writeFileSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  } catch {
    // Windows cannot fsync a folder; the rename is still atomic there.
  }
}

const PARTIAL_MARK = '.partial-';

/**
 * Builds `target` (a folder or a file) in a hidden sibling staging folder and moves it into place
 * only once `build` has finished: a build that is killed leaves a `.name.partial-PID-…` folder,
 * never something at `target`. Stale staging folders of dead builds are removed first.
 */
export async function buildAtomically<T>(target: string, build: (staging: string) => Promise<{ result: T; produced: string }>, signal?: AbortSignal): Promise<T> {
  const abs = path.resolve(target);
  const parent = path.dirname(abs);
  if (fs.existsSync(abs)) throw badInput(`${abs}: already exists; choose a new name for the package`);
  if (!fs.existsSync(parent)) throw notFound(`${parent}: no such folder for the package`);
  removeStalePartials(parent);
  const staging = path.join(parent, `.${path.basename(abs)}${PARTIAL_MARK}${process.pid}-${randomUUID().slice(0, 8)}`);
  fs.mkdirSync(staging);
  try {
    const { result, produced } = await build(staging);
    // Last point where stopping leaves nothing behind; after the rename the package exists.
    throwIfCancelled(signal);
    fs.renameSync(produced, abs);
    fsyncDir(parent);
    return result;
  } finally {
    removeStaging(staging);
  }
}

/**
 * Removes the staging folder, whatever state the build left it in (read-only copies, or gone with its
 * parent). Never throws: the build's own error, if any, is the one the caller must see.
 */
function removeStaging(staging: string): void {
  try {
    fs.rmSync(staging, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // A parent that was removed or replaced by a file took the staging folder with it.
  }
}

/** Staging folders whose owning process is gone (killed builds). */
export function removeStalePartials(parent: string): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(parent)) {
    const i = name.indexOf(PARTIAL_MARK);
    if (!name.startsWith('.') || i < 0) continue;
    const pid = Number(name.slice(i + PARTIAL_MARK.length).split('-')[0]);
    if (!pid || pid === process.pid || isProcessAlive(pid)) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

