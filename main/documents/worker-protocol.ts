import type { LayoutSpec } from '../../shared/model/page';
import type { CoverageReport } from './coverage';
import type { DocumentFormat, DocumentMetadata, DocumentSource, ExtractedPage, ExtractionLimits, ReadNote } from './types';

/** Messages between the engine (main thread) and a document worker. One job at a time per worker. */
export interface OpenParams {
  source: DocumentSource;
  password?: string;
  layout: LayoutSpec;
  limits: ExtractionLimits;
}

export type WorkerRequest =
  | ({ id: number; op: 'extract'; from?: number; to?: number } & OpenParams)
  /** `clip`: only this part of the page (page units), e.g. one band of a tall page read in tiles. */
  | ({ id: number; op: 'render'; pageIndex: number; dpi: number; format: 'png' | 'rgba'; clip?: [number, number, number, number] } & OpenParams);

export type WorkerReply =
  | { id: number; type: 'opened'; format: DocumentFormat; pageCount: number; layout: LayoutSpec | null; metadata: DocumentMetadata; readNotes: ReadNote[] }
  | { id: number; type: 'page'; page: ExtractedPage }
  | { id: number; type: 'done'; warnings: string[]; coverage?: CoverageReport; coverageError?: string; retire?: boolean }
  | { id: number; type: 'rendered'; width: number; height: number; format: 'png' | 'rgba'; data: Uint8Array }
  /** `retire`: the engine may be damaged by this job (absent: treated as damaged). */
  | { id: number; type: 'error'; status: 'failed' | 'protected'; message: string; retire?: boolean };
