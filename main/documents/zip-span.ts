/**
 * Where a ZIP lies inside a file that may hold something else as well: a PDF with an EPUB or CBZ
 * appended after its %%EOF (named .epub, calibre opens the EPUB, a PDF reader the PDF), or a ZIP with
 * a PDF after or before it. Found from the end-of-central-directory record, whose central directory
 * must be where the record says (relative to where the ZIP starts): chance bytes inside a stream do not
 * pass that check.
 */
export interface ZipSpan {
  /** Where the ZIP's offsets count from: the ZIP's bytes to read are `start`..`end`. */
  start: number;
  /**
   * Where its first entry begins. Bytes before it are not the ZIP's (a prepended PDF), also when the
   * ZIP was written with offsets counted from the file's start (`zip -A`), which leaves `start` at 0.
   */
  dataStart: number;
  /** One past the ZIP's last byte (its end record and comment). */
  end: number;
}

const EOCD = Buffer.from('PK\x05\x06', 'latin1');
const CENTRAL = 0x02014b50;
const MAX_CANDIDATES = 64;

/** The last well-formed ZIP in the bytes (by its end record), or null. ZIP64 archives are not looked for. */
export function findZipSpan(bytes: Uint8Array): ZipSpan | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.length - 22;
  for (let n = 0; n < MAX_CANDIDATES && at >= 0; n++) {
    at = buf.lastIndexOf(EOCD, at);
    if (at < 0) return null;
    const span = spanAt(buf, at);
    if (span) return span;
    at--;
  }
  return null;
}

function spanAt(buf: Buffer, eocd: number): ZipSpan | null {
  if (eocd + 22 > buf.length) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  const commentLength = buf.readUInt16LE(eocd + 20);
  const end = eocd + 22 + commentLength;
  if (end > buf.length || entries === 0 || cdSize < 46) return null;
  const cdAt = eocd - cdSize;
  if (cdAt < 0 || buf.readUInt32LE(cdAt) !== CENTRAL) return null;
  // Offsets in the directory count from the ZIP's start: the gap between where the directory is and
  // where it says it is, is what precedes the ZIP (0 for a plain ZIP, or a ZIP written with absolute offsets).
  const start = cdAt - cdOffset;
  if (start < 0) return null;
  const firstLocal = buf.readUInt32LE(cdAt + 42);
  return { start, dataStart: start + firstLocal, end };
}

/** The PDF's own bytes in a range, from its `%PDF-` header (readers accept it anywhere in the first KiB). */
export function pdfStart(bytes: Uint8Array, from: number, to: number): number | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(from, to);
  const at = buf.subarray(0, 1024).indexOf('%PDF-');
  return at >= 0 ? from + at : null;
}
