import { cancelled, throwIfCancelled } from '../common/errors';
import { DEFAULT_LAYOUT, type LayoutSpec } from '../../shared/model/page';
import type { ProgressFn } from '../../shared/model/progress';
import { DocumentJobError, documentPool, type DocumentWorkerPool } from './worker-pool';
import { DEFAULT_LIMITS, type DocumentSource, type ExtractedPage, type ExtractionLimits, type ExtractionResult, type RenderedPage } from './types';

export interface ExtractOptions {
  password?: string;
  layout?: LayoutSpec;
  limits?: Partial<ExtractionLimits>;
  pool?: DocumentWorkerPool;
  /** 0-based inclusive page range; the whole document when absent. */
  from?: number;
  to?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Names the item in progress reports. */
  subject?: string;
}

/**
 * Extracts every page of one document in a worker. Never throws for a bad file: a protected or
 * broken input comes back as status 'protected' / 'failed' with a one-line reason. Throws only
 * when cancelled.
 */
export async function extractDocument(source: DocumentSource, opts: ExtractOptions = {}): Promise<ExtractionResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const layout = opts.layout ?? DEFAULT_LAYOUT;
  const result: ExtractionResult = { status: 'ok', format: source.format, layout: null, pageCount: 0, metadata: null, pages: [] };
  const pages: ExtractedPage[] = [];
  try {
    await (opts.pool ?? documentPool()).run(
      { op: 'extract', source, password: opts.password, layout, limits, from: opts.from, to: opts.to },
      (msg) => {
        if (msg.type === 'opened') {
          result.format = msg.format;
          result.layout = msg.layout;
          result.pageCount = msg.pageCount;
          result.metadata = msg.metadata;
          if (msg.readNotes.length) result.readNotes = msg.readNotes;
        } else if (msg.type === 'page') {
          pages.push(msg.page);
          opts.onProgress?.({ phase: 'extract', done: pages.length, total: result.pageCount, subject: opts.subject });
        } else if (msg.type === 'done') {
          if (msg.warnings.length && result.metadata) result.metadata.warnings = [...(result.metadata.warnings ?? []), ...msg.warnings];
          if (msg.coverage) result.coverage = msg.coverage;
          if (msg.coverageError) result.coverageError = msg.coverageError;
        }
      },
      opts.signal,
    );
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    if (!(err instanceof DocumentJobError)) throw err;
    return { ...result, status: err.status, error: err.message, pages: [] };
  }
  throwIfCancelled(opts.signal);
  result.pages = pages.sort((a, b) => a.index - b.index);
  return result;
}

export interface RenderDocumentOptions {
  dpi?: number;
  format?: 'png' | 'rgba';
  password?: string;
  layout?: LayoutSpec;
  limits?: Partial<ExtractionLimits>;
  pool?: DocumentWorkerPool;
  signal?: AbortSignal;
  /** Only this part of the page, in page units (a band of a page too large to render whole). */
  clip?: [number, number, number, number];
}

/** Renders one page in a worker. Throws DocumentJobError with a one-line reason for a bad file. */
export async function renderDocumentPage(source: DocumentSource, pageIndex: number, opts: RenderDocumentOptions = {}): Promise<RenderedPage> {
  const dpi = opts.dpi ?? 150;
  const format = opts.format ?? 'png';
  let out: RenderedPage | null = null;
  await (opts.pool ?? documentPool()).run(
    { op: 'render', source, password: opts.password, layout: opts.layout ?? DEFAULT_LAYOUT, limits: { ...DEFAULT_LIMITS, ...opts.limits }, pageIndex, dpi, format, clip: opts.clip },
    (msg) => {
      if (msg.type === 'rendered') out = { width: msg.width, height: msg.height, format: msg.format, data: msg.data, dpi };
    },
    opts.signal,
  );
  if (!out) throw new DocumentJobError('failed', 'the worker returned no image');
  return out;
}
