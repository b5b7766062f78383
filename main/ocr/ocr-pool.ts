import { createRequire } from 'node:module';
import { onShutdown } from '../common/shutdown';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import Tesseract from 'tesseract.js';
import { cancelled, ShokoError } from '../common/errors';
import type { ProgressFn } from '../../shared/model/progress';
import { DEFAULT_VARIANT, languageFolder, parseLanguages, type ModelVariant } from './language-data';

/**
 * A pool of tesseract.js workers sized to the cores. Each slot runs one recognition at a time and
 * keeps its initialised tesseract instances (one per language set, e.g. 'jpn+eng', 'jpn_vert', 'eng')
 * for reuse across pages: initialising costs ~0.5 s, switching languages in place ~0.3 s.
 */

/** Tesseract page segmentation modes we use: 3 = automatic, 5 = one block of vertical text, 7 = one line, 11 = sparse text. */
export type Psm = '3' | '5' | '6' | '7' | '11';

export interface RecognizeJob {
  /** 'jpn+eng', 'jpn_vert', 'eng'… */
  langs: string;
  psm: Psm;
  /** Encoded image (PGM/PNG/…); Leptonica decodes it inside the worker. */
  image: Uint8Array;
  /** Resolution of the image when known (rendered pages); otherwise tesseract estimates it. */
  dpi?: number;
}

export interface OcrPoolOptions {
  size?: number;
  variant?: ModelVariant;
  /** Called after every finished recognition with the pool's running count. */
  onProgress?: ProgressFn;
}

type TessWorker = Tesseract.Worker;

interface Slot {
  busy: boolean;
  /** language set -> worker (created on first use, reused after). */
  workers: Map<string, Promise<TessWorker>>;
}

interface Pending {
  job: RecognizeJob;
  signal?: AbortSignal;
  resolve: (page: Tesseract.Page) => void;
  reject: (e: unknown) => void;
  onAbort?: () => void;
}

/** Language sets kept alive per slot; beyond this the least recently used one is terminated. */
const MAX_WORKERS_PER_SLOT = 3;

const require = createRequire(import.meta.url);
/** tesseract.js's worker script with the WebAssembly core's console diagnostics silenced (see the file). */
const QUIET_WORKER = fileURLToPath(new URL('./quiet-worker.cjs', import.meta.url));

/** Revision of Shoko's own reading around tesseract (2: sideways Latin read per run, issue 17; 3: a tall block of
 * lines is not one column, issue 16; 4: weak lines read again on their own, issue 13; 5: ink no line covers read as
 * a line, issue 13). */
const PIPELINE_REVISION = 5;

/**
 * Identifies the recogniser for the cache: the same image read by another engine, other data or another
 * revision of our pipeline is read again (a page cached before a fix must not keep its old reading).
 */
export function engineVersion(variant: ModelVariant = DEFAULT_VARIANT): string {
  const js = (require('tesseract.js/package.json') as { version: string }).version;
  const core = (require('tesseract.js-core/package.json') as { version: string }).version;
  return `tesseract.js@${js}+core@${core}+data@${variant}+shoko-ocr@${PIPELINE_REVISION}`;
}

export class OcrPool {
  readonly size: number;
  readonly variant: ModelVariant;
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private readonly onProgress?: ProgressFn;
  private done = 0;
  private submitted = 0;
  private closed = false;

  constructor(opts: OcrPoolOptions = {}) {
    this.size = Math.max(2, opts.size ?? os.availableParallelism());
    this.variant = opts.variant ?? DEFAULT_VARIANT;
    this.onProgress = opts.onProgress;
    this.slots = Array.from({ length: this.size }, () => ({ busy: false, workers: new Map() }));
  }

  /** Recognises one image; resolves with tesseract's page (text, confidence, blocks with symbol boxes). */
  recognize(job: RecognizeJob, signal?: AbortSignal): Promise<Tesseract.Page> {
    if (this.closed) return Promise.reject(new ShokoError('internal', 'OCR pool is closed'));
    if (signal?.aborted) return Promise.reject(cancelled());
    try {
      parseLanguages(job.langs);
    } catch (e) {
      return Promise.reject(e);
    }
    this.submitted++;
    return new Promise((resolve, reject) => {
      const p: Pending = { job, signal, resolve, reject };
      if (signal) {
        p.onAbort = () => {
          const i = this.queue.indexOf(p);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(cancelled());
          }
        };
        signal.addEventListener('abort', p.onAbort, { once: true });
      }
      this.queue.push(p);
      this.pump();
    });
  }

  /** Terminates every worker; pending jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(cancelled('OCR pool closed'));
    const all: Promise<unknown>[] = [];
    for (const s of this.slots) {
      for (const w of s.workers.values()) all.push(w.then((x) => x.terminate()).catch(() => {}));
      s.workers.clear();
    }
    await Promise.all(all);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      // Prefer a job whose languages this slot already has loaded.
      let i = this.queue.findIndex((p) => slot.workers.has(p.job.langs));
      if (i < 0) i = 0;
      const [p] = this.queue.splice(i, 1);
      slot.busy = true;
      void this.run(slot, p).finally(() => {
        slot.busy = false;
        if (!this.closed) this.pump();
      });
    }
  }

  private async run(slot: Slot, p: Pending): Promise<void> {
    const { job, signal } = p;
    let killedByAbort = false;
    const kill = () => {
      // A running recognition cannot be interrupted inside WASM: terminate its worker instead.
      killedByAbort = true;
      const w = slot.workers.get(job.langs);
      slot.workers.delete(job.langs);
      void w?.then((x) => x.terminate()).catch(() => {});
      p.reject(cancelled());
    };
    if (p.onAbort) signal?.removeEventListener('abort', p.onAbort);
    if (signal?.aborted) return p.reject(cancelled());
    signal?.addEventListener('abort', kill, { once: true });
    try {
      const worker = await this.workerFor(slot, job.langs);
      const res = await worker.recognize(
        Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength),
        {
          tessedit_pageseg_mode: job.psm as unknown as Tesseract.PSM,
          ...(job.dpi ? { user_defined_dpi: String(Math.round(job.dpi)) } : {}),
        } as Record<string, unknown>,
        { text: true, blocks: true },
      );
      if (killedByAbort) return;
      this.done++;
      this.onProgress?.({ phase: 'ocr', done: this.done, total: this.submitted, subject: job.langs });
      p.resolve(res.data);
    } catch (e) {
      if (killedByAbort) return;
      // A worker that failed is not trusted for the next page.
      const w = slot.workers.get(job.langs);
      slot.workers.delete(job.langs);
      void w?.then((x) => x.terminate()).catch(() => {});
      p.reject(new ShokoError('internal', `OCR (${job.langs}) failed: ${String((e as Error)?.message ?? e)}`, { cause: e }));
    } finally {
      signal?.removeEventListener('abort', kill);
    }
  }

  private workerFor(slot: Slot, langs: string): Promise<TessWorker> {
    const have = slot.workers.get(langs);
    if (have) {
      // Refresh its place in the LRU order.
      slot.workers.delete(langs);
      slot.workers.set(langs, have);
      return have;
    }
    while (slot.workers.size >= MAX_WORKERS_PER_SLOT) {
      const [oldest, w] = slot.workers.entries().next().value as [string, Promise<TessWorker>];
      slot.workers.delete(oldest);
      void w.then((x) => x.terminate()).catch(() => {});
    }
    const list = parseLanguages(langs);
    const created = Tesseract.createWorker(list, Tesseract.OEM.LSTM_ONLY, {
      langPath: languageFolder(list, this.variant),
      gzip: true,
      // The default cache writes traineddata into the working directory.
      cacheMethod: 'none',
      errorHandler: () => {},
      workerPath: QUIET_WORKER,
    });
    // Tesseract prints "Failed loading…" style messages itself; a failed init is our error to report.
    const w = created.catch((e: unknown) => {
      slot.workers.delete(langs);
      throw new ShokoError('internal', `OCR engine failed to start for '${langs}': ${String(e)}`);
    });
    slot.workers.set(langs, w);
    return w;
  }
}

let shared: OcrPool | null = null;

/** One pool per process for the CLI and the app; close it at exit so worker threads end. */
export function sharedOcrPool(): OcrPool {
  if (!shared) {
    shared = new OcrPool();
    onShutdown(closeSharedOcrPool);
  }
  return shared;
}

export async function closeSharedOcrPool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
