import { foldString } from '../normalize/match-fold';

/** Context words in the folded form recognizer text has (katakana → hiragana, lower case). */
export function contextWords(words: readonly string[]): string[] {
  return words.map((w) => foldString(w, { keepSeparators: true }).text);
}

const BEFORE = 24, AFTER = 12;

/** Whether one of `words` occurs shortly before (or just after) [start, end) on the same line. */
export function hasContext(text: string, start: number, end: number, words: readonly string[]): boolean {
  let a = Math.max(0, start - BEFORE);
  const nl = text.lastIndexOf('\n', start - 1);
  if (nl >= a) a = nl + 1;
  let b = Math.min(text.length, end + AFTER);
  const nl2 = text.indexOf('\n', end);
  if (nl2 >= 0 && nl2 < b) b = nl2;
  const around = text.slice(a, start) + ' ' + text.slice(end, b);
  return words.some((w) => around.includes(w));
}

/** Score from a base, raised by context and lowered by negative context, kept in [0.01, 1]. */
export function scoreWithContext(text: string, start: number, end: number,
  o: { base: number; boost: number; positive: readonly string[]; penalty?: number; negative?: readonly string[] }): number {
  let s = o.base;
  if (o.positive.length && hasContext(text, start, end, o.positive)) s += o.boost;
  if (o.negative?.length && hasContext(text, start, end, o.negative)) s -= o.penalty ?? 0.3;
  return Math.round(Math.min(1, Math.max(0.01, s)) * 100) / 100;
}

/** Common negative context for digit strings: money, order/management numbers, product codes. */
export const NUMBER_NEGATIVE = contextWords(['円', '¥', '注文番号', '管理番号', '受付番号', '伝票番号', '商品コード', 'jan', '品番', '型番', 'isbn', '口座番号']);
