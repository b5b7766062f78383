/**
 * Generates the demo material shipped in resources/demo: a small Japanese EPUB "member directory" that
 * republishes some records of a leaked member list, and that list as CSV. Every person is fake
 * (@faker-js/faker, ja locale, fixed seed), emails use the reserved example.* domains, so the output
 * is the same on every run. Run: npx tsx scripts/make-demo.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fakerJA as faker } from '@faker-js/faker';
import yazl from 'yazl';

const OUT = path.resolve(import.meta.dirname, '../resources/demo');
const MTIME = new Date('2026-01-15T00:00:00Z');
const LIST_SIZE = 40;
const IN_BOOK = 12;
const DECOYS = 4;

interface Person { id: string; name: string; email: string; phone: string; postal: string; address: string }

faker.seed(20260115);
const person = (n: number): Person => {
  const tld = faker.helpers.arrayElement(['com', 'net', 'org']);
  return {
    id: `M${String(10001 + n)}`,
    name: `${faker.person.lastName()} ${faker.person.firstName()}`,
    email: `${faker.string.alpha({ length: { min: 4, max: 8 }, casing: 'lower' })}${faker.number.int({ min: 1, max: 99 })}@example.${tld}`,
    phone: `0${faker.helpers.arrayElement(['70', '80', '90'])}-${faker.string.numeric(4)}-${faker.string.numeric(4)}`,
    postal: faker.location.zipCode(),
    address: `${faker.location.state()}${faker.location.city()}${faker.location.streetAddress()}`,
  };
};
const members = Array.from({ length: LIST_SIZE }, (_, n) => person(n));
const decoys = Array.from({ length: DECOYS }, (_, n) => ({ ...person(100 + n), id: '' }));
const leaked = faker.helpers.arrayElements(members, IN_BOOK);

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = ['会員ID,氏名,メールアドレス,電話番号,郵便番号,住所',
  ...members.map((m) => [m.id, m.name, m.email, m.phone, m.postal, m.address].map(csvCell).join(','))].join('\n') + '\n';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const xhtml = (title: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="ja" lang="ja">
<head><meta charset="UTF-8"/><title>${esc(title)}</title></head>
<body>
${body}
</body>
</html>
`;
// The book mixes the leaked records (written in slightly varied ways) with decoy people not in the list.
const shuffled = faker.helpers.shuffle([...leaked, ...decoys]);
const chapters = [0, 1, 2].map((n) => {
  const people = shuffled.slice(n * 6, n * 6 + 6);
  const entries = people.map((p, i) => {
    const phone = i % 2 ? p.phone.replace(/-/g, '') : p.phone;
    return `<p><b>${esc(p.name)}</b><br/>${esc(p.email)}<br/>TEL ${esc(phone)}<br/>〒${esc(p.postal)} ${esc(p.address)}</p>`;
  }).join('\n');
  return { id: `ch${n + 1}`, title: `第${n + 1}章 名簿`, body: `<h1>第${n + 1}章 名簿</h1>\n<p>（これはデモ用の架空の人物です。）</p>\n${entries}` };
});

const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="ja">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:5c0a7d1e-0000-4000-8000-00000000de70</dc:identifier>
<dc:title>会員名簿 完全版（Shoko デモ用・架空）</dc:title>
<dc:creator>デモ出版</dc:creator>
<dc:language>ja</dc:language>
<meta property="dcterms:modified">2026-01-15T00:00:00Z</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
${chapters.map((c) => `<item id="${c.id}" href="${c.id}.xhtml" media-type="application/xhtml+xml"/>`).join('\n')}
</manifest>
<spine>
${chapters.map((c) => `<itemref idref="${c.id}"/>`).join('\n')}
</spine>
</package>
`;
const nav = xhtml('目次', `<nav epub:type="toc"><h1>目次</h1><ol>${chapters.map((c) => `<li><a href="${c.id}.xhtml">${esc(c.title)}</a></li>`).join('')}</ol></nav>`);
const container = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { compress: false, mtime: MTIME });
  zip.addBuffer(Buffer.from(container), 'META-INF/container.xml', { mtime: MTIME });
  zip.addBuffer(Buffer.from(opf), 'OEBPS/content.opf', { mtime: MTIME });
  zip.addBuffer(Buffer.from(nav), 'OEBPS/nav.xhtml', { mtime: MTIME });
  for (const c of chapters) zip.addBuffer(Buffer.from(xhtml(c.title, c.body)), `OEBPS/${c.id}.xhtml`, { mtime: MTIME });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  fs.writeFileSync(path.join(OUT, 'demo-member-directory.epub'), Buffer.concat(chunks));
  fs.writeFileSync(path.join(OUT, 'demo-leak-list.csv'), csv);
  fs.writeFileSync(path.join(OUT, 'README.md'), `# Shoko demo material

Generated by \`scripts/make-demo.ts\` (fixed seed; every person is fake, emails use the reserved example.* domains).

- \`demo-member-directory.epub\`: a small "member directory" ebook that republishes ${IN_BOOK} of the ${LIST_SIZE}
  records of the leak list (some phone numbers written without hyphens) and ${DECOYS} people who are not in it.
- \`demo-leak-list.csv\`: the leaked member list (UTF-8, key column 会員ID).

\`shoko demo --out <dir>\` runs the whole triage on these files.
`);
  console.log(`wrote ${OUT}: ${IN_BOOK} listed + ${DECOYS} decoy people in the book, ${LIST_SIZE} records in the list`);
}

await main();
