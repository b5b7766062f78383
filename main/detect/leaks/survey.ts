import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { badInput } from '../../common/errors';
import type { ListBytes } from './list-bytes';

/**
 * What one pass over a text list's bytes tells before any row is parsed: its SHA-256 and size, whether
 * the fast line-split reader may be used (no quote character, one kind of line end) and what the
 * encoding evidence is. Works on bytes: 0x0A, 0x0D, 0x22 and 0x00 never occur inside a multi-byte
 * character of UTF-8, Shift_JIS or EUC-JP, so they can be counted before decoding.
 */
export interface ListSurvey {
  sha256: string;
  size: number;
  hasQuote: boolean;
  /** 'lf' also when the file has no line end at all; 'mixed' sends the file to csv-parse. */
  lineEnd: 'lf' | 'crlf' | 'mixed';
  bom: boolean;
  /** Every byte is valid UTF-8. */
  allUtf8: boolean;
  /** The first MiB, for chardet. */
  sample: Buffer;
  /** Lines (1-based, by LF) that are valid UTF-8 with a 3- or 4-byte character (Japanese in UTF-8): a few. */
  utf8Lines: number[];
  /** How many lines are not valid UTF-8, and a few of them that decode whole as Shift_JIS or EUC-JP. */
  otherLines: number;
  legacyLines: { line: number; encoding: 'shift_jis' | 'euc-jp' }[];
}

const SAMPLE_BYTES = 1 << 20;
const EXAMPLES = 3;
/** Longer lines are not held to be classified (the rest of the file still is). */
const MAX_HELD_LINE = 64 << 20;

export function surveyList(src: ListBytes, file: string): ListSurvey {
  const hash = createHash('sha256');
  const s: ListSurvey = { sha256: '', size: 0, hasQuote: false, lineEnd: 'lf', bom: false, allUtf8: true, sample: Buffer.alloc(0),
    utf8Lines: [], otherLines: 0, legacyLines: [] };
  const sample: Buffer[] = [];
  let sampled = 0, cr = 0, crlf = 0, lf = 0, prev = -1;
  let line = 1; // the line the next unclassified byte belongs to
  let held: Buffer[] = [], heldBytes = 0, tooLong = false; // the current line's bytes so far
  let longCheck: TextDecoder | null = null; // UTF-8 check of a line too long to hold

  const classify = (whole: Buffer) => {
    // Fast path: a run of complete lines that is valid UTF-8 needs a per-line look only for examples.
    if (isUtf8(whole) && (s.utf8Lines.length >= EXAMPLES || isAscii(whole) || !hasLeadAtLeastE0(whole, 0, whole.length))) {
      line += countByte(whole, 10);
      return;
    }
    let start = 0;
    while (start < whole.length) {
      let end = whole.indexOf(10, start);
      if (end < 0) end = whole.length;
      const l = whole.subarray(start, end);
      if (isUtf8(l)) {
        if (s.utf8Lines.length < EXAMPLES && hasLeadAtLeastE0(whole, start, end)) s.utf8Lines.push(line);
      } else {
        s.allUtf8 = false;
        s.otherLines++;
        if (s.legacyLines.length < EXAMPLES) {
          const enc = legacyEncoding(l);
          if (enc) s.legacyLines.push({ line, encoding: enc });
        }
      }
      line++;
      start = end + 1;
    }
  };

  src.eachChunk((chunk) => {
    hash.update(chunk);
    if (s.size === 0 && chunk.length >= 3) s.bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    s.size += chunk.length;
    if (sampled < SAMPLE_BYTES) { const part = chunk.subarray(0, SAMPLE_BYTES - sampled); sample.push(part); sampled += part.length; }
    if (chunk.indexOf(0) >= 0) throw badInput(`${file}: contains NUL bytes; not a text list (UTF-16 is not supported: save as UTF-8 or Shift_JIS)`);
    if (!s.hasQuote && chunk.indexOf(0x22) >= 0) s.hasQuote = true;
    lf += countByte(chunk, 10);
    if (prev === 13) { cr++; if (chunk[0] === 10) crlf++; }
    for (let i = chunk.indexOf(13); i >= 0; i = chunk.indexOf(13, i + 1)) {
      if (i === chunk.length - 1) break; // counted with the next chunk (prev)
      cr++;
      if (chunk[i + 1] === 10) crlf++;
    }
    prev = chunk[chunk.length - 1];
    // Lines: complete ones are classified, the unfinished tail is held (up to a bound).
    const first = chunk.indexOf(10);
    if (first < 0) { hold(chunk); return; }
    hold(chunk.subarray(0, first + 1));
    if (tooLong) line++; // the over-long line ends here, checked for UTF-8 only
    else classify(held.length === 1 ? held[0] : Buffer.concat(held));
    held = []; heldBytes = 0; tooLong = false; longCheck = null;
    const last = chunk.lastIndexOf(10);
    if (last > first) classify(chunk.subarray(first + 1, last + 1));
    if (last + 1 < chunk.length) hold(chunk.subarray(last + 1));
  });
  if (prev === 13) cr++;
  if (!tooLong && heldBytes > 0) classify(held.length === 1 ? held[0] : Buffer.concat(held));
  if (s.size > 0 && s.size < 3) s.bom = false;

  // An over-long line (a file whose lines end in CR only, say) is not held, but its bytes are still
  // checked for UTF-8, so such a file in Shift_JIS is not taken for UTF-8.
  function hold(part: Buffer) {
    if (tooLong) { checkLong(part); return; }
    heldBytes += part.length;
    if (heldBytes <= MAX_HELD_LINE) { held.push(part); return; }
    tooLong = true;
    longCheck = new TextDecoder('utf-8', { fatal: true });
    for (const p of [...held, part]) checkLong(p);
    held = []; heldBytes = 0;
  }
  function checkLong(part: Buffer) {
    if (!longCheck) return;
    try { longCheck.decode(part, { stream: true }); } catch { s.allUtf8 = false; s.otherLines++; longCheck = null; }
  }

  s.sha256 = hash.digest('hex');
  s.sample = Buffer.concat(sample);
  s.lineEnd = cr === 0 ? 'lf' : cr === crlf && crlf === lf ? 'crlf' : 'mixed';
  return s;
}

function countByte(buf: Buffer, byte: number): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i >= 0; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

/** Whether bytes [from, to) hold a UTF-8 lead byte of a 3- or 4-byte character (kana and kanji are 3 bytes). */
function hasLeadAtLeastE0(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (buf[i] >= 0xe0 && buf[i] <= 0xf4) return true;
  return false;
}

/** The Japanese legacy encoding a non-UTF-8 line decodes in without a replacement character, if any. */
function legacyEncoding(line: Buffer): 'shift_jis' | 'euc-jp' | null {
  const sjis = iconv.decode(line, 'cp932'), euc = iconv.decode(line, 'euc-jp');
  const sjisOk = !sjis.includes('\uFFFD'), eucOk = !euc.includes('\uFFFD');
  // EUC-JP bytes (0xA1–0xFE pairs) are often valid CP932 too, read as half-width katakana: the reading
  // with fewer of those is the one meant.
  if (sjisOk && eucOk) return halfWidthKana(euc) < halfWidthKana(sjis) ? 'euc-jp' : 'shift_jis';
  return sjisOk ? 'shift_jis' : eucOk ? 'euc-jp' : null;
}

function halfWidthKana(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) { const c = text.charCodeAt(i); if (c >= 0xff61 && c <= 0xff9f) n++; }
  return n;
}
