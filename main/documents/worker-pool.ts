import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../common/engine-worker';
import { cancelled } from '../common/errors';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/** A job that ended with a reason: the file is protected, or it could not be read. */
export class DocumentJobError extends Error {
  readonly status: 'failed' | 'protected';
  constructor(status: 'failed' | 'protected', message: string) {
    super(message);
    this.name = 'DocumentJobError';
    this.status = status;
  }
}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface Slot {
  worker: Worker | null;
  busy: boolean;
}

interface Job {
  req: Request;
  onReply: (r: WorkerReply) => void;
  signal?: AbortSignal;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const WORKER_URL = new URL('./document-worker.ts', import.meta.url);

/**
 * Runs document jobs on worker threads, one job per worker at a time. Each job is watched: no reply
 * for `limits.idleTimeoutMs` (a hang) or a dead worker (out of memory, a crash in the parser) fails
 * that job with a one-line reason and the worker is replaced; the other jobs and the process go on.
 * A worker is also replaced after a job that failed in the engine, so no engine that faulted on a hostile
 * file (a WebAssembly RuntimeError, an abort) serves another item, and after an extraction whose MuPDF
 * log says the data was damaged (the worker's `retire`). Replacing it after every job would cost a
 * worker start, seconds on a busy machine, per item.
 * Idle workers are unref'd so they never keep a CLI run alive.
 */
export class DocumentWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private started = 0;

  constructor(size = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length))) {
    this.slots = Array.from({ length: size }, () => ({ worker: null, busy: false }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Worker threads started so far (each replacement counts): lets tests see that an engine was replaced. */
  get workersStarted(): number {
    return this.started;
  }

  /** Runs one job; `onReply` sees every message (pages as they come). Resolves on the job's last message. */
  run(req: Request, onReply: (r: WorkerReply) => void, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error('document worker pool is closed'));
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ req, onReply, signal, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(async (s) => {
      const w = s.worker;
      s.worker = null;
      if (w) await w.terminate();
    }));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (!job) return;
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    if (job.signal?.aborted) {
      job.reject(cancelled());
      return this.pump();
    }
    slot.busy = true;
    const limits = job.req.limits;
    if (!slot.worker) this.started++;
    const worker = (slot.worker ??= startEngineWorker(WORKER_URL, {}, {
      maxOldGenerationSizeMb: limits.maxHeapMb,
      maxYoungGenerationSizeMb: 64,
    }));
    worker.ref();
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (err?: unknown, killWorker = false) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      job.signal?.removeEventListener('abort', onAbort);
      if (killWorker || slot.worker !== worker) {
        if (slot.worker === worker) slot.worker = null;
        void worker.terminate();
      } else worker.unref();
      slot.busy = false;
      if (err) job.reject(err);
      else job.resolve();
      this.pump();
    };
    // Until the first reply the worker is opening the book: a 1,400-page EPUB is laid out whole in one
    // engine call, minutes on a busy machine, with no chance to report progress. That phase has its own,
    // longer bound; after it, silence for idleTimeoutMs is a hang.
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(new DocumentJobError('failed', `no progress for ${Math.round(ms / 1000)} s: stopped (time limit)`), true),
        ms,
      );
    };
    const onMessage = (msg: WorkerReply) => {
      if (msg.id !== id) return;
      arm(limits.idleTimeoutMs);
      // A job that failed in the engine may have left MuPDF's memory corrupt (a WebAssembly "memory access
      // out of bounds" is the fault that got caught; what it overwrote before is unknown): that engine is
      // never reused. A refusal by Shoko's own JavaScript readers says so (`retire: false`) and keeps it.
      if (msg.type === 'error') return finish(new DocumentJobError(msg.status, msg.message), msg.status === 'failed' && msg.retire !== false);
      try {
        job.onReply(msg);
      } catch (err) {
        return finish(err, true);
      }
      // `retire`: the engine read damaged data without failing; it is not trusted with another item.
      if (msg.type === 'done' || msg.type === 'rendered') finish(undefined, msg.type === 'done' && msg.retire === true);
    };
    const onError = (err: Error) => {
      const code = (err as { code?: string }).code;
      const why = code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory (limit ${limits.maxHeapMb} MB)` : err.message.split('\n')[0];
      slot.worker = null;
      finish(new DocumentJobError('failed', `the document worker failed: ${why}`), true);
    };
    const onExit = (code: number) => {
      slot.worker = null;
      finish(new DocumentJobError('failed', `the document worker stopped unexpectedly (exit ${code})`), true);
    };
    const onAbort = () => finish(cancelled(), true);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    job.signal?.addEventListener('abort', onAbort, { once: true });
    arm(Math.max(limits.idleTimeoutMs, limits.openTimeoutMs ?? 0));
    worker.postMessage({ ...job.req, id } as WorkerRequest);
  }
}

let shared: DocumentWorkerPool | null = null;

/** The process-wide pool (CLI, app). Tests and benchmarks may make their own. */
export function documentPool(): DocumentWorkerPool {
  shared ??= new DocumentWorkerPool();
  return shared;
}
