import { eraYear, isoDate } from '../normalize/dates';
import { contextWords, scoreWithContext } from './context';
import type { PiiFinding, Recognizer } from './types';

// 西暦: 1985年3月4日, 1985/3/4, 1985-03-04, 1985.3.4 — 和暦: 昭和60年3月4日, s60.3.4, 平成元年… (NFKC has
// already expanded ㍼ to 昭和; kanji numerals before 年/月/日 are digits in folded text).
const WESTERN = /(?<![0-9])(\d{4}) ?(?:年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日|([\/.\-])(\d{1,2})\4(\d{1,2}))(?![0-9])/g;
const JAPANESE = /(明治|大正|昭和|平成|令和|(?<![a-z])[mtshr]\.?) ?(元|\d{1,2}) ?(?:年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日|([\/.\-])(\d{1,2})\5(\d{1,2}))(?![0-9])/g;
const POSITIVE = contextWords(['生年月日', '誕生日', '生まれ', 'birth', 'dob', '生年', 'たんじょうび', '歳']);

export const birthDateRecognizer: Recognizer = {
  type: 'birth_date',
  find(text) {
    const out: PiiFinding[] = [];
    const thisYear = new Date().getUTCFullYear();
    const push = (start: number, end: number, y: number | null, m: string, d: string) => {
      if (y === null || y > thisYear) return;
      const iso = isoDate(y, Number(m), Number(d));
      if (!iso) return;
      // Dates are everywhere (publication dates, events): only context makes one a birth date.
      out.push({ type: 'birth_date', start, end, value: iso, score: scoreWithContext(text, start, end, { base: 0.3, boost: 0.55, positive: POSITIVE }) });
    };
    for (const m of text.matchAll(WESTERN)) {
      push(m.index!, m.index! + m[0].length, Number(m[1]), m[2] ?? m[5], m[3] ?? m[6]);
    }
    for (const m of text.matchAll(JAPANESE)) {
      push(m.index!, m.index! + m[0].length, eraYear(m[1].replace('.', ''), m[2]), m[3] ?? m[6], m[4] ?? m[7]);
    }
    return out;
  },
};
