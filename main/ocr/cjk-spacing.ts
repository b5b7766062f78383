/**
 * Tesseract's Japanese models emit a "word" per few characters and join them with spaces
 * ("山路 を 登り な が ら"). Japanese has no spaces between words, so we drop a space whose both
 * neighbours are CJK, and keep spaces that touch Latin text ("メール hanako@example.com").
 */

// Han, kana, CJK symbols and punctuation (、。「」〒…), the prolonged sound mark, full-width forms.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\u30FC\uFF01-\uFF60\uFFE0-\uFFE6]/u;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** Whether two neighbouring words should be joined with a space: not when both sides are CJK. */
export function needsSpaceBetween(leftLastChar: string, rightFirstChar: string): boolean {
  return !(isCjk(leftLastChar) && isCjk(rightFirstChar));
}

/** Removes runs of spaces between two CJK characters; other whitespace is left alone. */
export function removeCjkSpaces(text: string): string {
  const cps = [...text];
  const out: string[] = [];
  const isSpace = (c: string | undefined) => c === ' ' || c === '\u00A0';
  for (let i = 0; i < cps.length; i++) {
    if (!isSpace(cps[i])) {
      out.push(cps[i]);
      continue;
    }
    let j = i;
    while (j < cps.length && isSpace(cps[j])) j++;
    const prev = out.at(-1), next = cps[j];
    if (!(prev && next && isCjk(prev) && isCjk(next))) out.push(...cps.slice(i, j));
    i = j - 1;
  }
  return out.join('');
}
