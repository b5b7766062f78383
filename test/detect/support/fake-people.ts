// Fake people for detection tests and the benchmark: names with readings from the gimei dictionary
// in ../shared/corpus, everything else from @faker-js/faker (ja); all values fictitious.
import { Faker, ja, base } from '@faker-js/faker';
import fs from 'node:fs';
import path from 'node:path';
import municipalities from '../../../main/detect/data/jp-municipalities.json';

export interface Person {
  name: string; // 姓 名
  kana: string; // セイ メイ
  email: string;
  phone: string; // 090-1234-5678 or 03-1234-5678
  postal: string; // 100-0001
  address: string; // 東京都千代田区丸の内1丁目2番3号
  birth: string; // ISO
  company: string;
}

const CORPUS = path.resolve(process.cwd(), '../shared/corpus/data');

function readNames() {
  const rows = fs.readFileSync(path.join(CORPUS, 'gimei-names.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const towns = fs.readFileSync(path.join(CORPUS, 'gimei-addresses.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','))
    .filter((r) => r[0] === 'town').map((r) => r[1]);
  return {
    last: rows.filter((r) => r[0] === 'last'),
    first: rows.filter((r) => r[0] !== 'last'),
    towns,
  };
}

export function makeFaker(seed: number): Faker {
  const f = new Faker({ locale: [ja, base] });
  f.seed(seed);
  return f;
}

const DOMAINS = ['example.com', 'example.jp', 'example.net', 'mail.example.co.jp', 'test.example.org'];

/** `n` distinct people (unique email and phone). */
export function makePeople(n: number, seed: number): Person[] {
  const f = makeFaker(seed);
  const { last, first, towns } = readNames();
  const prefs = Object.entries(municipalities as Record<string, string[]>);
  const emails = new Set<string>(), phones = new Set<string>();
  const out: Person[] = [];
  while (out.length < n) {
    const l = f.helpers.arrayElement(last), g = f.helpers.arrayElement(first);
    const email = `${g[4]}.${l[4]}${f.number.int({ min: 1, max: 9999 })}@${f.helpers.arrayElement(DOMAINS)}`.toLowerCase();
    const mobile = f.number.int(9) < 7;
    const phone = mobile
      ? `0${f.helpers.arrayElement(['70', '80', '90'])}-${f.string.numeric(4)}-${f.string.numeric(4)}`
      : `0${f.number.int({ min: 1, max: 9 })}-${f.string.numeric(4)}-${f.string.numeric(4)}`;
    if (emails.has(email) || phones.has(phone)) continue;
    emails.add(email); phones.add(phone);
    const [pref, cities] = f.helpers.arrayElement(prefs);
    const city = f.helpers.arrayElement(cities);
    const town = f.helpers.arrayElement(towns);
    const birth = f.date.birthdate({ mode: 'year', min: 1940, max: 2005 }).toISOString().slice(0, 10);
    out.push({
      name: `${l[1]} ${g[1]}`, kana: `${l[3]} ${g[3]}`, email, phone,
      postal: `${f.string.numeric({ length: 3, allowLeadingZeros: false })}-${f.string.numeric(4)}`,
      address: `${pref}${city}${town}${f.number.int({ min: 1, max: 9 })}丁目${f.number.int({ min: 1, max: 30 })}番${f.number.int({ min: 1, max: 20 })}号`,
      birth, company: f.company.name(),
    });
  }
  return out;
}

export function toCsv(people: readonly Person[], idPrefix = 'M'): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['会員ID,氏名,フリガナ,メールアドレス,電話番号,郵便番号,住所,生年月日,勤務先'];
  people.forEach((p, i) => lines.push([`${idPrefix}${String(i + 1).padStart(6, '0')}`, p.name, p.kana, p.email, p.phone, p.postal, p.address, p.birth.replace(/-/g, '/'), p.company].map(q).join(',')));
  return lines.join('\n') + '\n';
}
