import { isKanjiNumeral } from '../normalize/kanji-numerals';

const ASCII_WORD = /^[a-z0-9]$/;
const EMAIL_CHAR = /^[a-z0-9._%+\-]$/;

function norm(ch: string | undefined): string {
  return ch === undefined ? '' : ch.normalize('NFKC').toLowerCase();
}
function isDigitChar(ch: string | undefined): boolean {
  const c = norm(ch);
  return /^[0-9]$/.test(c) || (c.length === 1 && isKanjiNumeral(c.charCodeAt(0)) && c !== '十' && c !== '百' && c !== '千');
}

/**
 * Whether a match of `key` over original chars [a, b) stands on its own: a phone number is not the
 * middle of a longer digit string, an email not the tail of a longer address, a Latin word not part of
 * a longer word. Checked on the original characters (folded text has lost its spaces). Kanji and kana
 * have no word boundaries, so names are not checked.
 */
export function standsAlone(key: string, chars: readonly string[], a: number, b: number): boolean {
  const first = key[0], last = key[key.length - 1];
  const before = chars[a - 1], after = chars[b];
  if (key.includes('@')) {
    if (EMAIL_CHAR.test(norm(before))) return false;
    const n = norm(after);
    if (/^[a-z0-9_%+\-]$/.test(n)) return false;
    if (n === '.' && ASCII_WORD.test(norm(chars[b + 1]))) return false;
    return true;
  }
  if (/[0-9]/.test(first) && isDigitChar(before)) return false;
  if (/[0-9]/.test(last) && isDigitChar(after)) return false;
  if (/[a-z]/.test(first) && /^[a-z]$/.test(norm(before))) return false;
  if (/[a-z]/.test(last) && /^[a-z]$/.test(norm(after))) return false;
  return true;
}
