/** The kinds of personal data found without a list. */
export const PII_TYPES = ['email', 'phone_jp', 'postal_code_jp', 'my_number', 'corporate_number', 'payment_card', 'birth_date', 'address_jp'] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** A finding in recognizer text (see recognizerText): [start, end) code units, score 0..1. */
export interface PiiFinding {
  type: PiiType;
  start: number;
  end: number;
  score: number;
  /** The value in canonical form: digits, ISO date, lower-case email. */
  value: string;
}

/**
 * Presidio's recognizer design: a pattern finds candidates, a validator (check digit, Luhn, calendar)
 * rejects impossible ones, and context words near the candidate raise (or negative words lower) the score.
 * Recognizers read folded text with separators kept: NFKC, lower case, hiragana, ASCII digits, '-' for
 * every dash, ' ' for every space, kanji numerals as digits where they are numbers.
 */
export interface Recognizer {
  type: PiiType;
  find(text: string): PiiFinding[];
}
