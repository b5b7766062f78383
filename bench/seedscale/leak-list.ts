// The seed-scale leak list: the real incident's 14,612 member records (fake people, fixed seed), as the
// company would hand it over — a Shift_JIS (Windows-31J) CSV with a member-ID key column.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { makePeople, type Person } from '../../test/detect/support/fake-people';

export const SEED_RECORDS = 14_612;
export const LIST_COLUMNS = ['会員ID', '氏名', 'フリガナ', 'メールアドレス', '電話番号', '郵便番号', '住所', '生年月日'] as const;
export const KEY_COLUMN = '会員ID';

export interface SeedRecord extends Person {
  /** 会員ID, e.g. M0000123. */
  id: string;
}

/** True when the text survives Shift_JIS: a list written in Shift_JIS cannot hold anything else. */
function fitsShiftJis(s: string): boolean {
  return iconv.decode(iconv.encode(s, 'Shift_JIS'), 'Shift_JIS') === s;
}

/** `n` distinct fake members (unique e-mail and phone), every field representable in Shift_JIS. */
export function makeSeedRecords(n = SEED_RECORDS, seed = 14_612): SeedRecord[] {
  const out: SeedRecord[] = [];
  // Over-generate a little: the odd name outside Shift_JIS (e.g. 髙) is dropped, not mangled.
  for (const p of makePeople(Math.ceil(n * 1.02) + 10, seed)) {
    if (out.length === n) break;
    if (![p.name, p.kana, p.address].every(fitsShiftJis)) continue;
    out.push({ ...p, id: `M${String(out.length + 1).padStart(7, '0')}` });
  }
  if (out.length < n) throw new Error(`only ${out.length} of ${n} generated people fit Shift_JIS`);
  return out;
}

export function birthSlashed(r: SeedRecord): string {
  return r.birth.replace(/-/g, '/');
}

/** The CSV text (CRLF, as Excel writes it). */
export function leakListCsv(records: readonly SeedRecord[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [LIST_COLUMNS.join(',')];
  for (const r of records) lines.push([r.id, r.name, r.kana, r.email, r.phone, r.postal, r.address, birthSlashed(r)].map(q).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Writes the list in Shift_JIS. */
export function writeLeakList(file: string, records: readonly SeedRecord[]): void {
  fs.writeFileSync(file, iconv.encode(leakListCsv(records), 'Shift_JIS'));
}
