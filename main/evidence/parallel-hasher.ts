import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FileHashes } from './hashing';

// MD5 runs in a worker thread while this thread computes SHA-256 and SHA-1 and writes the copy:
// intake then costs about the slower half instead of the sum of the three digests.
const MD5_WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const h = createHash('md5');
parentPort.on('message', (m) => {
  if (m === 'digest') { parentPort.postMessage({ md5: h.digest('hex') }); return; }
  h.update(new Uint8Array(m));
  parentPort.postMessage('ack');
});
`;

/** Chunks in flight to the MD5 worker before the reader waits: bounds memory on fast disks. */
const MAX_IN_FLIGHT = 8;

export class ParallelTripleHasher {
  private readonly h256: Hash = createHash('sha256');
  private readonly h1: Hash = createHash('sha1');
  private readonly worker = new Worker(MD5_WORKER, { eval: true });
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private md5: Promise<string>;
  private failure: Error | null = null;
  size = 0;

  constructor() {
    let resolveMd5!: (v: string) => void;
    let rejectMd5!: (e: Error) => void;
    this.md5 = new Promise((res, rej) => { resolveMd5 = res; rejectMd5 = rej; });
    this.md5.catch(() => {});
    this.worker.on('message', (m: unknown) => {
      if (m === 'ack') {
        this.inFlight--;
        this.waiters.shift()?.();
      } else resolveMd5((m as { md5: string }).md5);
    });
    this.worker.on('error', (e) => { this.failure = e; rejectMd5(e); this.waiters.splice(0).forEach((w) => w()); });
  }

  /** Feeds one chunk; resolves once the worker has room for more. The chunk may be reused afterwards. */
  async update(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.h256.update(chunk);
    this.h1.update(chunk);
    // A real copy (Buffer#slice would share memory): its buffer is transferred to the worker.
    const copy = new Uint8Array(chunk.length);
    copy.set(chunk);
    this.inFlight++;
    this.worker.postMessage(copy.buffer, [copy.buffer]);
    this.size += chunk.length;
    if (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => this.waiters.push(r));
  }

  async digest(): Promise<FileHashes> {
    this.worker.postMessage('digest');
    try {
      const md5 = await this.md5;
      return { sha256: this.h256.digest('hex'), sha1: this.h1.digest('hex'), md5, size: this.size };
    } finally {
      await this.worker.terminate();
    }
  }

  /** Ends the worker without a result (cancelled or failed intake). */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}
