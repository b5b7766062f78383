import { foldString } from '../normalize/match-fold';
import { MUNICIPALITIES } from '../normalize/prefectures';
import { contextWords, scoreWithContext } from './context';
import { patternRecognizer } from './pattern-recognizer';

const fold = (s: string) => foldString(s, { keepSeparators: true }).text;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Prefecture followed by one of its own municipalities (dictionary: Geolonia 住所データ, CC BY 4.0),
// then, lazily, the town part up to its block numbers (丸の内1-2-3; 丁目/番/号 are dashes by now).
const ADDRESS = new RegExp(
  `(?:${Object.entries(MUNICIPALITIES).map(([pref, cities]) =>
    `${escape(fold(pref))} ?(?:${[...cities].map(fold).sort((a, b) => b.length - a.length).map(escape).join('|')})`).join('|')})`
  + `(?:[^\\s、。,，「」()\\n]{0,20}?\\d+(?:-\\d+)*-?)?`, 'g');
const POSITIVE = contextWords(['住所', '所在地', '住まい', 'address', '現住所', '〒']);

export const addressRecognizer = patternRecognizer('address_jp', ADDRESS, (m, text, start, end) => ({
  value: m[0].replace(/ /g, ''),
  score: scoreWithContext(text, start, end, { base: /\d/.test(m[0]) ? 0.7 : 0.5, boost: 0.2, positive: POSITIVE }),
}));
