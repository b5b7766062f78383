import type { Box } from '../../shared/model/geometry';
import type { LayoutSpec, PageContent, PageImage, TextLine } from '../../shared/model/page';
import type { CoverageReport } from './coverage';

/** How the engine opens a collected file. Chosen from the evidence item's stored media type. */
export type DocumentFormat =
  | 'pdf'
  | 'epub'
  | 'mobi'
  | 'azw3'
  | 'kfx'
  | 'cbz'
  | 'fb2'
  | 'image'
  | 'image-set'
  /** Not a document the engine opens (plain text, unknown binary, empty file): recorded as failed. */
  | 'unsupported';

/** Where the worker finds the bytes: a file (evidence, read-only) or a folder of screenshots. */
export interface DocumentSource {
  path: string;
  format: DocumentFormat;
  /** For 'image' sources: the MIME type, so MuPDF picks the right decoder without guessing. */
  mediaType?: string;
  /** 'folder' when `path` is a directory of images (a screenshot set). */
  container?: 'file' | 'folder';
}

export type DocumentStatus = 'ok' | 'protected' | 'failed';

/** Bounds every extraction so a hostile file fails its own job and nothing else. */
export interface ExtractionLimits {
  maxPages: number;
  /** Largest image (pixels) decoded or rendered; a 30,000×30,000 header is refused, not allocated. */
  maxImagePixels: number;
  /** Distinct frames of one animated GIF read as pages (default 500); the rest is said, the item partial. */
  maxImageFrames?: number;
  maxZipEntries: number;
  /** Per ZIP entry and in total, uncompressed (zip bombs). */
  maxZipEntryBytes: number;
  maxZipTotalBytes: number;
  /** No progress from the worker for this long → the job fails (a hang). */
  idleTimeoutMs: number;
  /**
   * Bound on opening a book before the worker's first reply (the whole book is laid out in one engine
   * call: minutes for 1,400 pages on a busy machine). Never shorter than idleTimeoutMs.
   */
  openTimeoutMs?: number;
  /** Heap bound of each worker thread (MB). */
  maxHeapMb: number;
}

export const DEFAULT_LIMITS: ExtractionLimits = {
  maxPages: 20_000,
  maxImagePixels: 120_000_000,
  maxZipEntries: 10_000,
  maxZipEntryBytes: 256 * 1024 * 1024,
  maxZipTotalBytes: 1024 * 1024 * 1024,
  idleTimeoutMs: 60_000,
  openTimeoutMs: 15 * 60_000,
  maxHeapMb: 1024,
};

/** One page as extracted from the native text layer (native lines only; OCR adds its own later). */
export type ExtractedPage = PageContent;

export interface InventoryEntry {
  name: string;
  size: number;
  compressedSize: number;
  /** Entry date as stored in the ZIP (local time, no zone: ISO without offset). */
  date: string | null;
  sha256: string;
}

export interface EmbeddedFile {
  name: string;
  size: number;
  sha256: string;
  mimeType?: string;
  creationDate?: string;
  modificationDate?: string;
  description?: string;
}

/** What a collected file says about itself. Every field is optional: formats differ. */
export interface DocumentMetadata {
  format: string;
  title?: string;
  authors?: string[];
  contributors?: string[];
  publisher?: string;
  language?: string;
  identifiers?: { scheme: string; value: string }[];
  dates?: { event: string; value: string }[];
  /** Tools that made the file (PDF Creator/Producer, OPF generator, EXTH creator software). */
  tools?: string[];
  description?: string;
  rights?: string;
  /** PDF document information dictionary, verbatim. */
  pdfInfo?: Record<string, string>;
  /** XMP packet, verbatim. */
  xmp?: string;
  /** EPUB: rendition and version facts (fixed-layout, page progression, EPUB version). */
  epub?: { version?: string; layout?: string; pageProgression?: string; opfPath?: string; meta?: Record<string, string[]> };
  /** MOBI/AZW3 container facts and EXTH records from the kindle reader. */
  kindle?: Record<string, unknown>;
  /** ZIP-based containers: every entry with size, date and SHA-256. */
  inventory?: InventoryEntry[];
  attachments?: EmbeddedFile[];
  /** Screenshot sets: the image names in page order. */
  images?: string[];
  /** Anything MuPDF reported while opening (repairs, warnings), for the examiner. */
  warnings?: string[];
}

/** The outcome of extracting one document. */
export interface ExtractionResult {
  status: DocumentStatus;
  format: DocumentFormat;
  error?: string;
  layout: LayoutSpec | null;
  pageCount: number;
  metadata: DocumentMetadata | null;
  pages: ExtractedPage[];
  /**
   * What the reader had to work around while reading this document (records skipped in a damaged
   * MOBI, a ZIP name encoding guessed, a vertical layout substituted, …). A note with `partial: true`
   * means text may be missing: the item is then `partial`, never a silent `ok`.
   */
  readNotes?: ReadNote[];
  /** Reflowable books read whole: how much of the source text the pages hold (coverage.ts). */
  coverage?: CoverageReport;
  /** Why coverage could not be measured for a reflowable book (the item is then `partial`). */
  coverageError?: string;
}

/** One thing the reader could not read as the source meant it; stored with the item and reported. */
export interface ReadNote {
  /** Stable code for the UI's dictionary, e.g. 'mobi-records-skipped', 'layout-horizontal-substitute'. */
  code: string;
  /** The detail in plain words (English; the UI translates by code and shows this beneath). */
  detail: string;
  /** True when text may be missing because of it. */
  partial: boolean;
}

export interface RenderOptions {
  dpi?: number;
  format?: 'png' | 'rgba';
}

export interface RenderedPage {
  width: number;
  height: number;
  format: 'png' | 'rgba';
  /** PNG bytes, or width×height×4 RGBA bytes (opaque, white background). */
  data: Uint8Array;
  dpi: number;
  /** Cache file the bytes came from / were written to. */
  cachePath?: string;
}

export type { Box };
