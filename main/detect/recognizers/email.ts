import { contextWords, scoreWithContext } from './context';
import { patternRecognizer } from './pattern-recognizer';

const EMAIL = /(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?![a-z0-9\-])/g;
const POSITIVE = contextWords(['メール', 'mail', 'e-mail', 'email', '連絡先', 'アドレス']);

export const emailRecognizer = patternRecognizer('email', EMAIL, (m, text, start, end) => {
  if (m[0].startsWith('.') || m[0].includes('..')) return null;
  return { value: m[0], score: scoreWithContext(text, start, end, { base: 0.85, boost: 0.1, positive: POSITIVE }) };
});
