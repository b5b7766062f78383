// Kanji numerals as written in addresses and vertical text (三丁目, 〇九〇, 二十三): digit-by-digit
// runs map one to one; runs with 十/百/千 are read positionally (二十三 → 23, 百五 → 105).
const DIGITS: Record<string, number> = { '〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };
const UNITS: Record<string, number> = { '十': 10, '百': 100, '千': 1000 };

// A lookup table, not a Set: this is asked for every character of millions of list values.
const NUMERAL_CODES = new Uint8Array(0x10000);
for (const c of [...Object.keys(DIGITS), ...Object.keys(UNITS)]) NUMERAL_CODES[c.charCodeAt(0)] = 1;

export function isKanjiNumeral(code: number): boolean {
  return code >= 0x3007 && code <= 0xffff && NUMERAL_CODES[code] === 1;
}

export function isKanjiUnit(code: number): boolean {
  return code === 0x5341 || code === 0x767e || code === 0x5343; // 十 百 千
}

/** The digits a run of kanji numerals stands for, or null when the run is not a well-formed number. */
export function kanjiRunToDigits(run: string): string | null {
  let positional = false;
  for (const ch of run) if (ch in UNITS) positional = true;
  if (!positional) {
    let s = '';
    for (const ch of run) s += String(DIGITS[ch]);
    return s;
  }
  let total = 0, pending = -1, lastUnit = 10_000;
  for (const ch of run) {
    if (ch in DIGITS) {
      if (pending >= 0) return null; // 二三十: not a number
      pending = DIGITS[ch];
    } else {
      const u = UNITS[ch];
      if (u >= lastUnit) return null; // 十百, 十十
      total += (pending < 0 ? 1 : pending) * u;
      pending = -1;
      lastUnit = u;
    }
  }
  if (pending >= 0) total += pending;
  return String(total);
}
