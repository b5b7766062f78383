import { maskValue as maskField } from '../report/mask';

/** What a bare value looks like, in the report masker's field names. */
export type GuessedField = 'email' | 'phone' | 'digits' | 'address' | 'name' | 'generic';

/**
 * Guesses the kind of a value whose column is not known yet (the leak-list preview, before the
 * examiner maps columns): an address with @, a phone-length number, another number (postal codes,
 * dates), a Japanese address (it starts with a prefecture), a name written with a space between
 * family and given name, or anything else.
 */
export function guessField(raw: string): GuessedField {
  const v = raw.trim();
  if (v.indexOf('@') > 0) return 'email';
  const digits = (v.match(/\p{Nd}/gu) ?? []).length;
  if (digits >= 7 && digits / v.replace(/\s/g, '').length > 0.6) return digits >= 10 ? 'phone' : 'digits';
  if (/^(東京都|北海道|京都府|大阪府|\p{Script=Han}{2,3}県)/u.test(v)) return 'address';
  if (v.split(/[\s\u3000]+/).length > 1) return 'name';
  return 'generic';
}

/**
 * Masks a personal value for display when its field is not known (the leak-list preview): the
 * field is guessed and the report's masking applied, so a value looks the same masked in the
 * preview as in the report. 山田 太郎 → 山田 **, yamada@example.com → y***@example.com,
 * 090-1234-5678 → 090-****-5678.
 */
export function maskValue(raw: string): string {
  return maskField(guessField(raw), raw);
}
