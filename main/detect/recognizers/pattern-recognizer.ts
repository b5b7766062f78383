import type { PiiFinding, PiiType, Recognizer } from './types';

/** What a recognizer makes of one candidate: its canonical value and score, or null to reject it. */
export type Judge = (m: RegExpMatchArray, text: string, start: number, end: number) => { value: string; score: number } | null;

/** A recognizer from one global pattern: every match is a candidate, `judge` validates and scores it. */
export function patternRecognizer(type: PiiType, pattern: RegExp, judge: Judge): Recognizer {
  return {
    type,
    find(text) {
      const out: PiiFinding[] = [];
      for (const m of text.matchAll(pattern)) {
        const start = m.index!, end = start + m[0].length;
        const found = judge(m, text, start, end);
        if (found) out.push({ type, start, end, ...found });
      }
      return out;
    },
  };
}
