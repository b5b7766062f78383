import path from 'node:path';
import iconv from 'iconv-lite';

/**
 * File names as the file system holds them. On Linux a name is bytes, not text: a folder copied from an
 * old Japanese Windows machine or a ZIP without the UTF-8 flag holds Shift_JIS names. Node hands such a
 * name over as a string with U+FFFD where the bytes were (and then cannot open it), so these names travel
 * as Buffers, and the case records their bytes beside a readable form.
 */
export type FsPath = string | Buffer;

export type NameDecoding = 'utf-8' | 'cp932' | 'escaped';

export interface ReadableName {
  text: string;
  /** How `text` was made from the bytes: UTF-8 as is, decoded as Shift_JIS (CP932), or bytes escaped (\xNN). */
  decodedFrom: NameDecoding;
}

/** The raw bytes of a name that is not UTF-8, as recorded in the case (acquisition, custody event, member list). */
export interface RawNameRecord {
  /** The bytes in lowercase hex. */
  hex: string;
  decodedFrom: Exclude<NameDecoding, 'utf-8'>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A name to show and store as text: UTF-8 when it is; else Shift_JIS (CP932) when the bytes decode to
 * it cleanly (no replacement character, no control character, and encoding the text back gives the same
 * bytes); else the valid UTF-8 parts kept and every other byte written \xNN. Control characters are left
 * for the terminal escaping of the CLI.
 */
export function readableName(bytes: Uint8Array): ReadableName {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return { text: buf.toString('utf8'), decodedFrom: 'utf-8' };
  const sjis = iconv.decode(buf, 'cp932');
  // eslint-disable-next-line no-control-regex
  if (!/[\ufffd\u0000-\u001f\u007f-\u009f]/.test(sjis) && iconv.encode(sjis, 'cp932').equals(buf)) return { text: sjis, decodedFrom: 'cp932' };
  return { text: escapeInvalidUtf8(buf), decodedFrom: 'escaped' };
}

/** Valid UTF-8 sequences as text, every other byte as \xNN (a backslash itself stays as it is). */
function escapeInvalidUtf8(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i < buf.length) {
    const n = utf8SequenceLength(buf, i);
    if (n > 0) {
      out += buf.subarray(i, i + n).toString('utf8');
      i += n;
    } else {
      out += `\\x${buf[i].toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does not start one. */
function utf8SequenceLength(buf: Buffer, i: number): number {
  const b = buf[i];
  const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len <= 1 || i + len > buf.length) return len === 1 ? 1 : 0;
  return isUtf8(buf.subarray(i, i + len)) ? len : 0;
}

/** The record kept for a name that is not UTF-8; null for a UTF-8 name (its text is its bytes). */
export function rawNameRecord(bytes: Uint8Array): RawNameRecord | null {
  const r = readableName(bytes);
  if (r.decodedFrom === 'utf-8') return null;
  return { hex: Buffer.from(bytes).toString('hex'), decodedFrom: r.decodedFrom };
}

/** A path as bytes (a string is UTF-8). */
export function pathBytes(p: FsPath): Buffer {
  return typeof p === 'string' ? Buffer.from(p, 'utf8') : p;
}

/**
 * path.resolve / basename / join for byte paths. Latin-1 maps each byte to one character and back, and
 * path splits only at ASCII '/' and '.', so the operations are byte-exact. A UTF-8 result is returned as
 * a string, so ordinary names stay ordinary strings.
 */
const asLatin1 = (p: FsPath) => pathBytes(p).toString('latin1');
const fromLatin1 = (s: string): FsPath => {
  const b = Buffer.from(s, 'latin1');
  return isUtf8(b) ? b.toString('utf8') : b;
};

export function resolvePath(p: FsPath): FsPath {
  if (typeof p === 'string') return path.resolve(p);
  return fromLatin1(path.resolve(asLatin1(process.cwd()), asLatin1(p)));
}

export function joinPath(dir: FsPath, name: FsPath): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return path.join(dir, name);
  return fromLatin1(path.join(asLatin1(dir), asLatin1(name)));
}

export function baseName(p: FsPath): Buffer {
  return Buffer.from(path.basename(asLatin1(p)), 'latin1');
}

/**
 * A path as text for messages and the store: readable, with its bytes recorded apart when not UTF-8.
 * Each component is made readable on its own: a Shift_JIS name in a UTF-8 folder reads as both.
 */
export function pathText(p: FsPath): string {
  if (typeof p === 'string') return p;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i === p.length || p[i] === 0x2f) {
      parts.push(readableName(p.subarray(start, i)).text);
      start = i + 1;
    }
  }
  return parts.join('/');
}
