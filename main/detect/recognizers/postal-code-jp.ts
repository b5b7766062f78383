import { contextWords, scoreWithContext } from './context';
import { patternRecognizer } from './pattern-recognizer';

const POSTAL = /(〒 ?)?(?<![0-9\-])(\d{3})-(\d{4})(?![0-9]|-\d)|〒 ?(\d{7})(?![0-9])/g;
const POSITIVE = contextWords(['郵便番号', '住所', '〒', 'zip', 'postal', '所在地']);

export const postalCodeRecognizer = patternRecognizer('postal_code_jp', POSTAL, (m, text, start, end) => ({
  value: m[0].replace(/\D/g, ''),
  score: m[0].startsWith('〒') ? 0.9 : scoreWithContext(text, start, end, { base: 0.4, boost: 0.4, positive: POSITIVE }),
}));
