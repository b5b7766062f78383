import { contextWords, scoreWithContext } from './context';
import type { PiiFinding, Recognizer } from './types';

const EMAIL = /(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?![a-z0-9\-])/g;
const POSITIVE = contextWords(['メール', 'mail', 'e-mail', 'email', '連絡先', 'アドレス']);

export const emailRecognizer: Recognizer = {
  type: 'email',
  find(text) {
    const out: PiiFinding[] = [];
    for (const m of text.matchAll(EMAIL)) {
      const start = m.index!, end = start + m[0].length;
      if (m[0].startsWith('.') || m[0].includes('..')) continue;
      out.push({ type: 'email', start, end, value: m[0], score: scoreWithContext(text, start, end, { base: 0.85, boost: 0.1, positive: POSITIVE }) });
    }
    return out;
  },
};
