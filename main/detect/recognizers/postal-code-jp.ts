import { contextWords, scoreWithContext } from './context';
import type { PiiFinding, Recognizer } from './types';

const POSTAL = /(〒 ?)?(?<![0-9\-])(\d{3})-(\d{4})(?![0-9]|-\d)|〒 ?(\d{7})(?![0-9])/g;
const POSITIVE = contextWords(['郵便番号', '住所', '〒', 'zip', 'postal', '所在地']);

export const postalCodeRecognizer: Recognizer = {
  type: 'postal_code_jp',
  find(text) {
    const out: PiiFinding[] = [];
    for (const m of text.matchAll(POSTAL)) {
      const start = m.index!, end = start + m[0].length;
      const digits = m[0].replace(/\D/g, '');
      const marked = m[0].startsWith('〒');
      out.push({ type: 'postal_code_jp', start, end, value: digits, score: marked ? 0.9
        : scoreWithContext(text, start, end, { base: 0.4, boost: 0.4, positive: POSITIVE }) });
    }
    return out;
  },
};
