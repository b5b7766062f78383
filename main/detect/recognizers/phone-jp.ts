import { contextWords, NUMBER_NEGATIVE, scoreWithContext } from './context';
import { patternRecognizer } from './pattern-recognizer';

// Candidates: 0 + 9 or 10 more digits, optionally split into three groups by '-' or ' ' (+81 was
// already turned into 0 by folding). No \b: digits glued to kanji (電話090…) must still be found.
const PHONE = /(?<![0-9\-])0\d{1,4}(?:[\- ]?)\d{1,4}(?:[\- ]?)\d{3,4}(?![0-9]|-\d)/g;
const POSITIVE = contextWords(['電話', 'tel', '携帯', '連絡先', 'fax', 'phone', '☎', '℡', 'でんわ', 'けいたい']);

/** Japanese numbering plan, roughly: mobile/IP 070/080/090/050 + 8 digits, toll-free, landline 10 digits. */
export function isJapanesePhone(digits: string): boolean {
  if (/^0[5789]0\d{8}$/.test(digits)) return true;
  if (/^0120\d{6}$/.test(digits) || /^0800\d{7}$/.test(digits)) return true;
  return /^0[1-9]\d{8}$/.test(digits) && !/^0[5789]0/.test(digits);
}

export const phoneRecognizer = patternRecognizer('phone_jp', PHONE, (m, text, start, end) => {
  const digits = m[0].replace(/\D/g, '');
  if (!isJapanesePhone(digits)) return null;
  const groups = m[0].split(/[\- ]/);
  if (groups.length === 2) return null; // 03-12345678: not how numbers are written; likely something else
  return { value: digits, score: scoreWithContext(text, start, end, {
    base: groups.length === 3 ? 0.7 : 0.45, boost: 0.25, positive: POSITIVE, negative: NUMBER_NEGATIVE }) };
});
