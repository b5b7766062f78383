import { badInput } from '../../common/errors';
import { FIELDS, isField, type Field } from '../normalize/fields';

/** field → column index (0-based) into the list's header. */
export type ColumnMapping = Partial<Record<Field, number>>;

// Header words per field, compared after NFKC + lower case + removing spaces and punctuation.
// Order matters: kana before name (フリガナ氏名 is the reading), company before address (勤務先住所 → company? no: address wins there).
const HINTS: [Field, RegExp][] = [
  ['name_kana', /フリガナ|ふりがな|カナ|かな|ﾌﾘｶﾞﾅ|kana|furigana|reading|よみ|ヨミ/],
  ['email', /メール|mail|eメール/],
  ['phone', /電話|tel|phone|携帯|mobile|連絡先番号/],
  ['postal_code', /郵便|〒|zip|postal|postcode/],
  ['birth_date', /生年月日|誕生日|birth|dob|生年/],
  ['address', /住所|所在地|address|addr/],
  ['company', /会社|勤務先|company|organization|organisation|employer|所属|法人名/],
  ['name', /氏名|名前|お名前|姓名|name|fullname|なまえ|会員名|顧客名/],
];

const clean = (h: string) => h.normalize('NFKC').toLowerCase().replace(/[\s_\-・:：()（）]/g, '');

/** Guesses which column holds which field from Japanese and English headers; first match per field wins. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const m: ColumnMapping = {};
  const taken = new Set<number>();
  headers.forEach((h, i) => {
    const c = clean(h);
    if (!c) return;
    for (const [field, re] of HINTS) {
      if (re.test(c) || re.test(h)) {
        if (m[field] === undefined && !taken.has(i)) { m[field] = i; taken.add(i); }
        return;
      }
    }
  });
  return m;
}

/** Resolves a column given by header name or 1-based number. */
export function resolveColumn(headers: readonly string[], col: string, what: string): number {
  const exact = headers.indexOf(col);
  if (exact >= 0) return exact;
  const byClean = headers.findIndex((h) => clean(h) === clean(col));
  if (byClean >= 0) return byClean;
  if (/^\d+$/.test(col) && Number(col) >= 1 && Number(col) <= headers.length) return Number(col) - 1;
  throw badInput(`${what}: no column "${col}" (columns: ${headerSummary(headers, true)})`);
}

/** `--map name=氏名,phone=3,address=` (empty: not mapped) applied over the guess. */
export function applyMapOption(headers: readonly string[], guess: ColumnMapping, map: string | undefined): ColumnMapping {
  const m: ColumnMapping = { ...guess };
  if (!map) return m;
  for (const part of map.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) throw badInput(`--map: "${part}" is not field=column`);
    const field = part.slice(0, eq).trim(), col = part.slice(eq + 1).trim();
    if (!isField(field)) throw badInput(`--map: unknown field "${field}" (fields: ${FIELDS.join(', ')})`);
    if (!col) { delete m[field]; continue; }
    const idx = resolveColumn(headers, col, '--map');
    for (const f of FIELDS) if (m[f] === idx) delete m[f];
    m[field] = idx;
  }
  return m;
}

/** The mapping as field → header name, for display and for the store. */
export function describeMapping(headers: readonly string[], m: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS) if (m[f] !== undefined) out[f] = headers[m[f]!];
  return out;
}

/**
 * The header as an error message shows it: the first columns, each cut short, and how many more. A
 * hostile file with two million columns must not turn one error into megabytes of text.
 */
export function headerSummary(headers: readonly string[], numbered = false, max = 20): string {
  const shown = headers.slice(0, max).map((h, i) => {
    const name = h.length > 40 ? `${h.slice(0, 40)}…` : h;
    return numbered ? `${i + 1}:${name}` : name;
  });
  return headers.length > max ? `${shown.join(', ')}, … ${headers.length - max} more` : shown.join(', ');
}
