import { maskDigits, maskEmail } from '../report/mask';

/**
 * Masks a personal value for display when its field is not known (the leak-list preview): enough to
 * recognise the shape of the data, not enough to read it. 山田 太郎 → 山田 **, yamada@example.com →
 * y***@example.com, 090-1234-5678 → 090-****-5678. The report's field-aware masking does the digits
 * and emails; only the guess of what a bare value is lives here.
 */
export function maskValue(raw: string): string {
  const v = raw.trim();
  if (!v) return '';
  if (v.indexOf('@') > 0) return maskEmail(v);
  const digits = v.replace(/\D/g, '').length;
  if (digits >= 7 && digits / v.replace(/\s/g, '').length > 0.6) {
    // Phone-length numbers keep their first three and last four digits (090-****-5678); shorter
    // ones (postal codes, dates) only their last two, so most of the number stays hidden.
    return digits >= 10 ? maskDigits(v, 3, 4) : maskDigits(v, 0, 2);
  }
  const parts = v.split(/[\s\u3000]+/);
  if (parts.length > 1) return `${parts[0]} ${'*'.repeat(Math.min(4, Math.max(2, parts.slice(1).join('').length)))}`;
  const chars = [...v];
  if (chars.length <= 1) return '*';
  const keep = chars.length <= 3 ? 1 : 2;
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(6, chars.length - keep));
}
