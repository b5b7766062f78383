/**
 * Kindle container reader: MOBI 6 (KF7), joint KF7+KF8 MOBI, AZW3 (KF8), and recognition of
 * KFX/Topaz and DRM. Used by the document engine so MuPDF can lay out KF8 books as EPUB (MuPDF shows
 * AZW3 as an empty page). Pure TypeScript over a Uint8Array; run it inside the parsing worker.
 *
 * Stable API:
 *
 *   readKindleContainer(bytes): KindleInfo
 *     Sniffs and reads headers only (PalmDB, MOBI, EXTH); never decompresses text, never throws for DRM.
 *     kind: 'mobi6' (KF7 only) | 'joint' (KF7 + KF8, EXTH 121 boundary) | 'kf8' (AZW3) | 'kfx' | 'topaz'.
 *     encrypted: true for MOBI encryption type 1/2 and for KFX/Topaz containers, with drmReason
 *       (the engine's one DRM wording, protection.ts drmProtected, naming format and scheme).
 *     metadata: title, authors, publisher, language, isbn, asin, contributor, creatorSoftware,
 *       description, subjects, publishDate, source, rights, cdeType, writingMode,
 *       pageProgressionDirection, exth (every EXTH record: decoded, or hex/utf8 when unknown), kf8Exth.
 *     Throws ShokoError bad-input for a file that is not a Kindle container or whose headers are corrupt.
 *
 *   kf8ToEpub(bytes): Promise<Uint8Array>
 *     The KF8 part (AZW3, or the KF8 half of a joint file) as an in-memory EPUB 2 (mimetype first,
 *     container.xml, OPF with the spine in reading order, XHTML parts, CSS, images, fonts).
 *     Call it for kind 'kf8' and 'joint'. Fonts are kept (FONT records inflated and de-obfuscated).
 *   convertKf8(bytes): Promise<Kf8Conversion>
 *     The same with the spine, image/font counts, the table of contents (also written as toc.ncx,
 *     which MuPDF shows as the outline) and warnings (dropped fonts, unreadable NCX).
 *
 *   mobi6ToEpub(bytes, recovery?): Promise<Uint8Array>
 *     The KF7 text stream of a MOBI 6 or joint file as a one-document EPUB (filepos links → anchors,
 *     recindex images → image files). MuPDF reads MOBI 6 itself; this is for comparison and for damaged
 *     files: with `recovery`, a damaged header's text record count is fitted to the records and bad text
 *     records are skipped, each listed in `recovery` (never silently).
 *
 *   Damage in the record table (entries pointing outside the file, a record count larger than the table)
 *   or in the EXTH block does not fail readKindleContainer: only the records concerned are unreadable, and
 *   KindleInfo.damage lists what was read around.
 *
 * Errors: DRM-protected input → ShokoError 'unsupported' (drmReason: "DRM-protected: the content cannot be examined (…); …"); truncated or corrupt
 * records → ShokoError 'bad-input' naming the record and what is wrong. Every loop and size is bounded
 * (text records may decompress to at most the header's record size; indexes, EXTH and flows have
 * count limits), so no input can hang or balloon.
 */
import { openKindle, type KindleInfo } from './container';
import { convertKf8 } from './kf8-to-epub';

export type { KindleInfo, KindleKind, KindleMetadata } from './container';
export type { ExthRecord } from './exth';
export type { Kf8Conversion } from './kf8-to-epub';
export type { TocEntry } from './kf8-toc';
export { convertKf8 } from './kf8-to-epub';
export { mobi6ToEpub } from './mobi6-to-epub';
export type { TextRecovery } from './text-stream';

export function readKindleContainer(bytes: Uint8Array): KindleInfo {
  return openKindle(bytes).info;
}

export async function kf8ToEpub(bytes: Uint8Array): Promise<Uint8Array> {
  return (await convertKf8(bytes)).epub;
}
