import type { Faker } from '@faker-js/faker';
import type { Person } from './fake-people';

// The varied ways a book writes the same values: width, spacing, hyphens, kana, +81, kanji numerals.
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const KANJI = '〇一二三四五六七八九';
const kanjiDigits = (s: string) => s.replace(/\d/g, (d) => KANJI[Number(d)]);
const toHiragana = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
const ERAS: [string, number][] = [['令和', 2019], ['平成', 1989], ['昭和', 1926]];

export function writeName(f: Faker, p: Person): string {
  return f.helpers.arrayElement([p.name, p.name.replace(' ', ''), p.name.replace(' ', '\u3000'), p.name.replace(' ', '  ')]);
}
export function writeKana(f: Faker, p: Person): string {
  return f.helpers.arrayElement([p.kana, p.kana.replace(' ', ''), toHiragana(p.kana), `（${p.kana}）`]);
}
export function writePhone(f: Faker, p: Person): string {
  const d = p.phone.replace(/-/g, '');
  const [a, b, c] = p.phone.split('-');
  return f.helpers.arrayElement([p.phone, d, fullWidth(p.phone), `+81 ${p.phone.slice(1)}`, `+81-${d.slice(1)}`, `${a} ${b} ${c}`, `(${a})${b}-${c}`, `${a}ー${b}ー${c}`, `TEL:${d}`]);
}
export function writeEmail(f: Faker, p: Person): string {
  return f.helpers.arrayElement([p.email, p.email.toUpperCase(), fullWidth(p.email), `<${p.email}>`, `mail:${p.email}`]);
}
export function writeAddress(f: Faker, p: Person): string {
  const m = /^(.*?)(\d+)丁目(\d+)番(\d+)号$/.exec(p.address)!;
  const [, head, a, b, c] = m;
  return f.helpers.arrayElement([p.address, `${head}${a}-${b}-${c}`, `${head}${fullWidth(`${a}-${b}-${c}`)}`, `${head}${kanjiDigits(a)}丁目${b}番地${c}号`, `${head}${a}丁目${b}-${c}`]);
}
export function writePostal(f: Faker, p: Person): string {
  return f.helpers.arrayElement([`〒${p.postal}`, p.postal, `〒${fullWidth(p.postal)}`, `〒 ${p.postal.replace('-', '')}`]);
}
export function writeBirth(f: Faker, p: Person): string {
  const [y, m, d] = p.birth.split('-').map(Number);
  const [era, start] = ERAS.find(([, s]) => y >= s)!;
  const ey = y - start + 1;
  return f.helpers.arrayElement([`${y}年${m}月${d}日`, `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`, `${era}${ey === 1 ? '元' : ey}年${m}月${d}日`, `${fullWidth(String(y))}年${m}月${d}日生`]);
}

/** An entry for a person written as a book of leaked records would: one or more lines. */
export function writeEntry(f: Faker, p: Person, fields: readonly string[]): string[] {
  const parts: string[] = [];
  for (const fld of fields) {
    if (fld === 'name') parts.push(f.helpers.arrayElement(['', '氏名：', '名前 ']) + writeName(f, p));
    if (fld === 'kana') parts.push(writeKana(f, p));
    if (fld === 'phone') parts.push(f.helpers.arrayElement(['電話：', 'TEL ', '携帯 ', '']) + writePhone(f, p));
    if (fld === 'email') parts.push(f.helpers.arrayElement(['メール：', 'E-mail: ', '']) + writeEmail(f, p));
    if (fld === 'address') parts.push(f.helpers.arrayElement(['住所：', '']) + writeAddress(f, p));
    if (fld === 'postal') parts.push(writePostal(f, p));
    if (fld === 'birth') parts.push(f.helpers.arrayElement(['生年月日：', '誕生日 ']) + writeBirth(f, p));
  }
  // One line, or a block of two or three lines, like tables and lists in such books.
  if (f.number.int(2) === 0 || parts.length < 3) return [parts.join(f.helpers.arrayElement(['　', ' ', ' / ']))];
  const cut = Math.ceil(parts.length / 2);
  return [parts.slice(0, cut).join('　'), parts.slice(cut).join('　')];
}

/** OCR-like noise: confusable substitutions and dropped characters. */
export function ocrNoise(f: Faker, s: string, rate = 1): string {
  const SUB: Record<string, string[]> = { '0': ['O', 'o'], '1': ['l', 'I'], 'ー': ['一'], '-': ['一', 'ー'], '5': ['S'], '8': ['B'], 'o': ['0'], 'l': ['1'], '.': [','], 'm': ['rn'] };
  let out = '';
  for (const ch of s) {
    const r = f.number.float({ min: 0, max: 1 });
    if (r < 0.01 * rate && ch !== ' ') continue; // dropped
    if (r < 0.06 * rate && SUB[ch]) { out += f.helpers.arrayElement(SUB[ch]); continue; }
    out += ch;
  }
  return out;
}
