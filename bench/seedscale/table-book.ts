// The text form of the leak: a member directory e-book with every record in tables (EPUB 3; an AZW3 is
// made from it by azw3.ts). Chapters of 100 records keep each XHTML file a realistic size.
import { writeEpub } from '../../test/documents/generate';
import { birthSlashed, type SeedRecord } from './leak-list';

const PER_CHAPTER = 100;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const CSS = `table { border-collapse: collapse; width: 100%; font-size: 0.8em; }
th, td { border: 1px solid #888; padding: 0.15em 0.3em; vertical-align: top; }
th { background: #eee; }`;

/**
 * XHTML bodies: one chapter per 100 records, each a heading and one table. Three columns (member and
 * name / contact / address and birth date) keep a record to three lines where a reader flattens tables
 * (as Shoko's layout does: about 10 records a page, ≈1,400 pages for 14,612 records, as in the incident).
 */
export function tableChapters(records: readonly SeedRecord[]): string[] {
  const out: string[] = [];
  const head = '<tr><th>会員ID・氏名（フリガナ）</th><th>メールアドレス・電話番号</th><th>住所・生年月日</th></tr>';
  for (let at = 0; at < records.length; at += PER_CHAPTER) {
    const rows = records.slice(at, at + PER_CHAPTER).map((r) => `<tr>${[
      `${r.id} ${r.name}（${r.kana}）`, `${r.email} ${r.phone}`, `〒${r.postal} ${r.address} ${birthSlashed(r)}`,
    ].map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`);
    out.push(`<h2>会員名簿 ${at + 1}〜${at + rows.length}</h2>\n<table>${head}\n${rows.join('\n')}</table>`);
  }
  return out;
}

/** Writes the directory as an EPUB: all `records` in tables. */
export function writeTableBook(file: string, records: readonly SeedRecord[]): Promise<void> {
  return writeEpub(file, {
    title: '会員名簿 完全版（Shoko ベンチマーク用・架空）', creator: 'ベンチ出版', css: CSS,
    identifier: 'urn:uuid:14612000-0000-4000-8000-00000000be0c', chapters: tableChapters(records),
  });
}
