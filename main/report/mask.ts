/**
 * Masks a personal-data value for the report, so the report can travel without republishing it:
 * names keep the family name (山田 **), emails the first letter and the domain (y***@example.com),
 * phones the first three and last four digits (090-****-5678), other numbers ('digits') the last two.
 * Unknown kinds keep first and last character.
 */
export function maskValue(field: string, value: string): string {
  const v = value.trim();
  if (!v) return '';
  const f = field.toLowerCase();
  if (f === 'email' || /^[^@\s]+@[^@\s]+$/.test(v)) return maskEmail(v);
  if (f.startsWith('phone') || f === 'tel') return maskPhone(v);
  if (f === 'name' || f === 'name_kana' || f === 'person') return maskName(v);
  if (f.startsWith('postal')) return maskDigits(v, 3, 0);
  if (f === 'address') return maskAddress(v);
  if (f === 'birth_date' || f === 'date') return maskDigits(v, 0, 0);
  if (/^(my_?number|corporate_number|payment_card|card|credit_card)/.test(f)) return maskDigits(v, 0, 4);
  // A number of unknown kind (a postal code or date not yet mapped to a column): only its last two digits.
  if (f === 'digits') return maskDigits(v, 0, 2);
  return maskGeneric(v);
}

export function maskName(v: string): string {
  const parts = v.split(/[\s\u3000]+/).filter(Boolean);
  if (parts.length > 1) return `${parts[0]} **`;
  const chars = [...v];
  const keep = chars.length >= 4 ? 2 : 1;
  return `${chars.slice(0, keep).join('')} **`;
}

export function maskEmail(v: string): string {
  const at = v.lastIndexOf('@');
  if (at <= 0) return maskGeneric(v);
  return `${[...v.slice(0, at)][0]}***${v.slice(at)}`;
}

/** Keeps the first three and the last four digits, separators stay where they are. */
export function maskPhone(v: string): string {
  return maskDigits(v, 3, 4);
}

export function maskDigits(v: string, keepFirst: number, keepLast: number): string {
  const digits = [...v].filter((c) => /\p{Nd}/u.test(c)).length;
  let seen = 0;
  return [...v].map((c) => {
    if (!/\p{Nd}/u.test(c)) return c;
    seen++;
    return seen <= keepFirst || seen > digits - keepLast ? c : '*';
  }).join('');
}

/** Keeps the prefecture and municipality (up to 市区町村), hides the rest. */
export function maskAddress(v: string): string {
  const m = /^(.{2,3}?[都道府県])?(.+?[市区町村])/u.exec(v);
  if (m) return `${m[0]}***`;
  return maskGeneric(v);
}

export function maskGeneric(v: string): string {
  const chars = [...v];
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 8))}${chars[chars.length - 1]}`;
}
