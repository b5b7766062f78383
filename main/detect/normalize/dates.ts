// Dates as Japanese lists and books write them: 西暦 (1985年3月4日, 1985/03/04, 1985-3-4, 19850304)
// and 和暦 (昭和60年3月4日, S60.3.4, 平成元年…, ㍻ already expanded by NFKC). Output: ISO yyyy-mm-dd.

/** First Gregorian year of each era (元年 = this year). */
export const ERAS: Record<string, number> = {
  明治: 1868, 大正: 1912, 昭和: 1926, 平成: 1989, 令和: 2019,
  m: 1868, t: 1912, s: 1926, h: 1989, r: 2019,
};

export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1868 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null; // 2月30日
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function eraYear(era: string, year: string): number | null {
  const base = ERAS[era.toLowerCase()];
  if (base === undefined) return null;
  const n = year === '元' ? 1 : Number(year);
  return Number.isFinite(n) && n >= 1 && n <= 64 ? base + n - 1 : null;
}

const WESTERN = /^(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const JAPANESE = /^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(元|\d{1,2})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?$/;

/** A birth date field → ISO date, or null when it is not a date. */
export function parseDate(value: string): string | null {
  const s = value.normalize('NFKC').trim().replace(/[\u2010-\u2015\u2212]/g, '-');
  let m = WESTERN.exec(s) ?? COMPACT.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = JAPANESE.exec(s);
  if (m) {
    const y = eraYear(m[1], m[2]);
    return y === null ? null : isoDate(y, Number(m[3]), Number(m[4]));
  }
  // An ISO timestamp (spreadsheets export dates that way).
  const iso = /^(\d{4})-(\d{2})-(\d{2})T/.exec(s);
  return iso ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}
