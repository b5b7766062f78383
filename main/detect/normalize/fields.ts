import { parseDate } from './dates';
import { foldKey } from './match-fold';

/** The fields a leaked list is mapped to. `other` columns are kept (hashed) but not matched. */
export const FIELDS = ['name', 'name_kana', 'email', 'phone', 'postal_code', 'address', 'birth_date', 'company'] as const;
export type Field = (typeof FIELDS)[number];
export type AnyField = Field | `other:${string}`;

export function isField(s: string): s is Field {
  return (FIELDS as readonly string[]).includes(s);
}

const LEGAL_FORMS = /株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|\(株\)|\(有\)|\(同\)/g;

/**
 * The normalized, matchable form of one field value (the string searched for on pages and hashed
 * into the case), or null when the value is empty or cannot be that field.
 */
export function normalizeField(field: AnyField, value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  switch (field) {
    case 'name':
    case 'name_kana': {
      const k = foldKey(v);
      return k.length >= 2 ? k : null;
    }
    case 'email': {
      const k = foldKey(v);
      return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(k) ? k : null;
    }
    case 'phone': return normalizePhone(v);
    case 'postal_code': {
      const d = foldKey(v).replace(/\D/g, '');
      return d.length === 7 ? d : null;
    }
    case 'address': {
      const k = foldKey(v);
      return k.length >= 4 ? k : null;
    }
    case 'birth_date': return parseDate(v);
    case 'company': {
      const k = foldKey(v.normalize('NFKC').replace(LEGAL_FORMS, ''));
      return k.length >= 2 ? k : null;
    }
    default: {
      const k = foldKey(v);
      return k.length ? k : null;
    }
  }
}

/** Digits only, +81 → 0; 10 or 11 digits starting with 0 (Japanese numbers), else null. */
export function normalizePhone(value: string): string | null {
  let d = foldKey(value).replace(/\D/g, '');
  if (d.startsWith('81') && d.length >= 11 && d.length <= 12 && !value.trim().startsWith('0')) d = `0${d.slice(2)}`;
  return /^0\d{9,10}$/.test(d) ? d : null;
}
