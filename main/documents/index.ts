/** The document engine's public surface (see docs/documents.md). */
export { extractDocument, renderDocumentPage, type ExtractOptions, type RenderDocumentOptions } from './extract-document';
export { extractItem, itemSource, type ExtractItemOptions, type ExtractItemOutcome } from './extract-item';
export { renderPage, layoutKey, type RenderPageOptions } from './render-page';
export {
  getDocument, requireDocument, listPages, getPageLines, getPageContent, saveExtraction,
  type DocumentRecord, type PageSummary, type PageTextSource,
} from './document-store';
export { DocumentWorkerPool, DocumentJobError, documentPool } from './worker-pool';
export { formatForMediaType } from './formats';
export { DRM_MESSAGE, DRM_ADVICE, PDF_PASSWORD_NEEDED } from './protection';
export { MUPDF_ENGINE } from './engine-version';
export * from './types';
