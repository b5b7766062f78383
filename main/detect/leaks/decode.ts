import chardet from 'chardet';
import iconv from 'iconv-lite';
import { badInput } from '../../common/errors';

export type ListEncoding = 'utf-8' | 'shift_jis' | 'euc-jp';
export const ENCODING_CHOICES = ['auto', 'utf-8', 'shift_jis', 'euc-jp'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

/**
 * Text of a list file. A UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8; otherwise chardet tells
 * Shift_JIS from EUC-JP. Shift_JIS is decoded as CP932 (Windows' superset with ①, ㈱, NEC/IBM kanji),
 * which is what Japanese Excel writes. Undecodable bytes become U+FFFD; rows holding one are reported.
 */
export function decodeList(buf: Buffer, choice: EncodingChoice, where: string): { text: string; encoding: ListEncoding } {
  let encoding: ListEncoding;
  if (choice !== 'auto') encoding = choice;
  else encoding = detectEncoding(buf);
  let text: string;
  if (encoding === 'utf-8') text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(buf);
  else text = iconv.decode(buf, encoding === 'shift_jis' ? 'cp932' : 'euc-jp');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw badInput(`${where}: contains NUL bytes; not a text list (UTF-16 is not supported: save as UTF-8 or Shift_JIS)`);
  return { text, encoding };
}

export function detectEncoding(buf: Buffer): ListEncoding {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf-8';
  } catch { /* not UTF-8 */ }
  const guesses = chardet.analyse(buf.subarray(0, 1 << 20));
  for (const g of guesses) {
    const n = g.name.toLowerCase();
    if (n === 'shift_jis' || n === 'shift-jis' || n === 'windows-31j') return 'shift_jis';
    if (n === 'euc-jp') return 'euc-jp';
  }
  // Mostly-UTF-8 with a few broken bytes: decode as UTF-8 and report those rows.
  return (guesses[0]?.name ?? '').toLowerCase() === 'utf-8' ? 'utf-8' : 'shift_jis';
}
