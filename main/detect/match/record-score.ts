import type { Box } from '../../../shared/model/geometry';
import type { Field } from '../normalize/fields';

/** One field of one record found on a page. */
export interface FieldMatch {
  record: number;
  field: Field;
  /** Original char range on the page. */
  start: number;
  end: number;
  line: number;
  distance: number;
  length: number;
  /** How many records share the matched value (a common name: many). */
  ambiguity: number;
  /** Matched on ruby readings (furigana) rather than the base text. */
  reading?: boolean;
  /** Matched over line pieces joined by geometry (a wrapped cell): its text and one box per piece. */
  joined?: { text: string; boxes: Box[] };
}

// Fields that say the same thing count once: a name and its reading are one piece of evidence.
const GROUP: Record<Field, string> = {
  name: 'name', name_kana: 'name', email: 'email', phone: 'phone', postal_code: 'postal', address: 'address',
  birth_date: 'birth', company: 'company',
};
/** Weight of each kind of evidence in the record score. */
const WEIGHT: Record<string, number> = { email: 0.97, phone: 0.95, address: 0.7, name: 0.45, birth: 0.5, postal: 0.35, company: 0.2 };
/** Two fields count together when on the same line or at most this many lines / chars apart. */
export const WINDOW_LINES = 3;
export const WINDOW_CHARS = 200;
/** The highest score of a record not present (a weak hit). */
export const WEAK_SCORE = 0.45;

function quality(m: FieldMatch): number {
  return m.distance === 0 ? 1 : Math.max(0.5, 1 - (2 * m.distance) / m.length);
}

/** An exact email or phone, or an OCR email one edit off: enough on its own. */
function distinctive(m: FieldMatch): boolean {
  if (m.field === 'email') return m.distance === 0 || (m.distance === 1 && m.length >= 12);
  if (m.field === 'phone') return m.distance === 0;
  return false;
}

function near(a: FieldMatch, b: FieldMatch): boolean {
  return Math.abs(a.line - b.line) <= WINDOW_LINES || Math.abs(a.start - b.start) <= WINDOW_CHARS;
}

export interface RecordVerdict {
  present: boolean;
  score: number;
}

/**
 * Whether one record is present on a page, from its field matches there: a distinctive field alone, or
 * two different kinds of evidence close together. A name alone (or with its reading) is a weak hit.
 * Score: 1 − Π(1 − weight·quality) over the kinds of evidence found (close together, when present).
 */
export function judgeRecord(matches: readonly FieldMatch[]): RecordVerdict {
  let present = matches.some(distinctive);
  let used: readonly FieldMatch[] = matches;
  if (!present) {
    for (const a of matches) {
      const close = matches.filter((b) => GROUP[b.field] !== GROUP[a.field] && near(a, b));
      if (close.length) {
        present = true;
        used = [a, ...matches.filter((b) => near(a, b))];
        break;
      }
    }
  }
  const best = new Map<string, number>();
  for (const m of used) {
    const g = GROUP[m.field];
    best.set(g, Math.max(best.get(g) ?? 0, WEIGHT[g] * quality(m)));
  }
  let miss = 1;
  for (const w of best.values()) miss *= 1 - w;
  let score = 1 - miss;
  if (!present) score = Math.min(score, WEAK_SCORE);
  return { present, score: Math.round(score * 1000) / 1000 };
}
