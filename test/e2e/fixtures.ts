// Generated test data for the e2e run: fake people (faker, ja locale), a Shift_JIS leak list of them,
// and an EPUB that republishes some of them among decoys — written the way a leak book would be.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fakerJA as faker } from '@faker-js/faker';
import iconv from 'iconv-lite';
import yazl from 'yazl';

export interface Person {
  id: string;
  name: string;
  kana: string;
  email: string;
  phone: string;
  postal: string;
  address: string;
}

export function makePeople(n: number, seed = 8): Person[] {
  faker.seed(seed);
  return Array.from({ length: n }, (_, i) => {
    const last = faker.person.lastName();
    const first = faker.person.firstName();
    return {
      id: `M${String(10001 + i)}`,
      name: `${last} ${first}`,
      kana: 'ヤマダ タロウ',
      email: `${faker.string.alpha({ length: 6, casing: 'lower' })}.${i}@example.jp`,
      phone: `090-${faker.string.numeric(4)}-${faker.string.numeric(4)}`,
      postal: `${faker.string.numeric(3)}-${faker.string.numeric(4)}`,
      address: `${faker.location.state()}${faker.location.city()}${faker.location.street()}`,
    };
  });
}

/** The member list as a company would export it: Japanese headers, Shift_JIS, CRLF. */
export function writeLeakCsv(file: string, people: Person[]): void {
  const lines = ['会員番号,氏名,フリガナ,メールアドレス,電話番号,郵便番号,住所',
    ...people.map((p) => [p.id, p.name, p.kana, p.email, p.phone, p.postal, p.address].join(','))];
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'shift_jis'));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small EPUB 3 whose second chapter lists `leaked` people (and decoys) as a "member directory". */
export async function writeLeakEpub(file: string, leaked: Person[], decoys: Person[]): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { compress: false });
  zip.addBuffer(Buffer.from(`<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`), 'META-INF/container.xml');
  const chapter = (title: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ja"><head><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
  const intro = chapter('はじめに', '<p>本書は会員の皆様の情報をまとめた名簿です。無断転載を禁じます。</p><p>お問い合わせは編集部までお寄せください。</p>');
  const people = [...leaked.slice(0, 2), decoys[0], ...leaked.slice(2), ...decoys.slice(1)];
  const rows = people.map((p) => `<p>${esc(p.name)}　〒${esc(p.postal)} ${esc(p.address)}<br/>電話 ${esc(p.phone)}　メール ${esc(p.email)}</p>`).join('');
  const directory = chapter('会員名簿', rows);
  zip.addBuffer(Buffer.from(intro), 'OEBPS/intro.xhtml');
  zip.addBuffer(Buffer.from(directory), 'OEBPS/members.xhtml');
  zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目次</title></head><body><nav epub:type="toc"><ol><li><a href="intro.xhtml">はじめに</a></li><li><a href="members.xhtml">会員名簿</a></li></ol></nav></body></html>`), 'OEBPS/nav.xhtml');
  zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="ja"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">urn:uuid:6f0c2a5e-8d1e-4f7a-9b1e-2a7c3e9d1b40</dc:identifier><dc:title>会員名簿 完全版</dc:title><dc:creator>匿名出版</dc:creator><dc:language>ja</dc:language><meta property="dcterms:modified">2026-11-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="intro" href="intro.xhtml" media-type="application/xhtml+xml"/><item id="members" href="members.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="intro"/><itemref idref="members"/></spine></package>`), 'OEBPS/content.opf');
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()).on('error', reject);
  });
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}

/** The same leak book as a PDF with a text layer (MuPDF's own EPUB → PDF conversion). */
export function writeLeakPdf(epub: string, pdf: string): void {
  execFileSync('mutool', ['convert', '-o', pdf, epub], { stdio: 'pipe' });
}
