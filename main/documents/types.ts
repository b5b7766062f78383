import type { Box } from '../../shared/model/geometry';
import type { LayoutSpec, PageContent, PageImage, TextLine } from '../../shared/model/page';

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
  maxZipEntries: number;
  /** Per ZIP entry and in total, uncompressed (zip bombs). */
  maxZipEntryBytes: number;
  maxZipTotalBytes: number;
  /** No progress from the worker for this long → the job fails (a hang). */
  idleTimeoutMs: number;
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
