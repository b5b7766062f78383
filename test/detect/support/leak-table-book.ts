// A leak book as the incident's looked: the member list printed whole in tables of four columns
// 氏名 | メール | 電話 | 住所, with narrow name and address cells, so names wrap between surname and given
// name (山口 / 正人) and addresses over several lines (茨城県宮 / 沢町6丁 / 目18番6 / 号). Seeded; all
// values fictitious (fake-people.ts). Also: lists where names repeat, and near-miss twins (the same name,
// an e-mail one character off), as real member lists have.
import type { Faker } from '@faker-js/faker';
import { writeEpub } from '../../documents/generate';
import { makeFaker, makePeople, type Person } from './fake-people';

export type TableLayout = 'table' | 'blocks';

export interface TableBookOptions {
  seed: number;
  /**
   * 'table': cells styled inline as table cells of fixed narrow widths (a book's style attribute wins over the
   * reader's user style, so MuPDF lays the table out as a table and wraps the cells); 'blocks': a plain
   * table, which Shoko's reflow style lays out as blocks at page width.
   */
  layout: TableLayout;
  rowsPerChapter?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The name as such a book prints it: 姓 名 with a half-width, full-width or no space. */
function printedName(f: Faker, p: Person): string {
  return p.name.replace(' ', f.helpers.arrayElement([' ', '\u3000', '']));
}

/** Chapters (XHTML bodies) printing every person in a table; widths vary per chapter (em). */
export function tableChapters(people: readonly Person[], opts: TableBookOptions): string[] {
  const f = makeFaker(opts.seed);
  const per = opts.rowsPerChapter ?? 200;
  const chapters: string[] = [];
  for (let i = 0; i < people.length; i += per) {
    const nameW = f.helpers.arrayElement([2.5, 3, 3.5]), addrW = f.helpers.arrayElement([4, 4.5, 5]);
    const cell = (w: number | null) => (opts.layout === 'table'
      ? ` style="display:table-cell;border:1px solid #000;padding:1px 2px;${w ? `width:${w}em;` : ''}"` : '');
    const row = opts.layout === 'table' ? ' style="display:table-row"' : '';
    const table = opts.layout === 'table' ? ' style="display:table;border-collapse:collapse"' : '';
    const rows = people.slice(i, i + per).map((p) => `<tr${row}><td${cell(nameW)}>${escape(printedName(f, p))}</td><td${cell(null)}>${escape(p.email)}</td>`
      + `<td${cell(null)}>${escape(p.phone)}</td><td${cell(addrW)}>${escape(p.address)}</td></tr>`).join('\n');
    chapters.push(`<h2>会員名簿 ${i / per + 1}</h2><table${table}><tr${row}><th${cell(nameW)}>氏名</th><th${cell(null)}>メール</th><th${cell(null)}>電話</th><th${cell(addrW)}>住所</th></tr>\n${rows}</table>`);
  }
  return chapters;
}

export function writeTableEpub(file: string, people: readonly Person[], opts: TableBookOptions): Promise<void> {
  return writeEpub(file, { title: '会員名簿', chapters: tableChapters(people, opts) });
}

/** One character of an e-mail's local part changed (a digit to another digit, a letter to another letter). */
export function emailOneOff(f: Faker, email: string): string {
  const at = email.indexOf('@');
  const positions = [...email.slice(0, at)].map((c, i) => (/[a-z0-9]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const i = f.helpers.arrayElement(positions);
  const c = email[i];
  const pool = /[0-9]/.test(c) ? '0123456789' : 'abcdefghijklmnopqrstuvwxyz';
  const d = f.helpers.arrayElement([...pool].filter((x) => x !== c));
  return email.slice(0, i) + d + email.slice(i + 1);
}

/**
 * A list where names repeat as in a real one: `people` (makePeople) with, for every `twinEvery`-th person,
 * a near-miss twin — another person with the same name and reading whose e-mail is one character from theirs —
 * and a share of other people renamed after someone earlier in the list (佐藤 翔太 is common).
 * Twins sit right after their originals; `twinOf[i]` is the index of the person i was made from, or −1.
 */
export function listWithRepeatedNames(n: number, seed: number, twinEvery = 10, renamedShare = 0.05): { people: Person[]; twinOf: number[] } {
  const f = makeFaker(seed + 1);
  const base = makePeople(n + Math.ceil(n / 5), seed);
  let twins = 0;
  const emails = new Set(base.map((p) => p.email));
  const people: Person[] = [], twinOf: number[] = [];
  for (let i = 0; people.length < n; i++) {
    const p = { ...base[i] };
    if (people.length > 20 && f.number.float({ min: 0, max: 1 }) < renamedShare) {
      const other = f.helpers.arrayElement(people);
      p.name = other.name; p.kana = other.kana;
    }
    people.push(p); twinOf.push(-1);
    if (i % twinEvery === twinEvery - 1 && people.length < n) {
      let email = emailOneOff(f, p.email);
      while (emails.has(email)) email = emailOneOff(f, p.email);
      emails.add(email);
      // Another person of the same name: own phone, address and birth date (from the next unused base person).
      const other = base[base.length - 1 - twins++];
      people.push({ ...other, name: p.name, kana: p.kana, email });
      twinOf.push(people.length - 2);
    }
  }
  return { people, twinOf };
}
