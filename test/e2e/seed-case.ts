// A seed-scale case for the e2e (issue 14): a leak list of 14,612 records and a ~1,400-page member
// directory EPUB that republishes about half of them, built through the engine's own steps (case,
// intake, list import, scan) so the Review screen sees what a real incident gives it (~60k hits).
// Deterministic: the same seed gives the same book, list and hits.
import fs from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { addEvidence } from '../../main/evidence/intake';
import { scanCase } from '../../main/pipeline/scan';

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/corpus');
const PREFS = ['東京都新宿区西新宿', '大阪府大阪市北区梅田', '愛知県名古屋市中区栄', '福岡県福岡市博多区博多駅前', '北海道札幌市中央区北一条西', '京都府京都市下京区四条通', '神奈川県横浜市西区みなとみらい', '宮城県仙台市青葉区一番町'];

export interface SeedOptions {
  /** Records in the leak list (14,612 in the real case). */
  records?: number;
  /** Pages (chapters) of the book (≈1,400). */
  pages?: number;
  /** Listed people on most pages; every fourth page has one fewer (4 → ≈59k hits on 1,400 pages). */
  perPage?: number;
}

export interface SeedCase {
  dir: string;
  itemId: number;
  records: number;
  listedInBook: number;
  pageCount: number;
  hits: number;
  /** Seconds each step took, printed by the e2e. */
  timings: Record<string, number>;
}

interface Person { key: string; name: string; email: string; phone: string; postal: string; address: string }

function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; return s / 2 ** 32; };
}

/** People with unique names (family × given name by index) and unique e-mails and phones. */
function people(n: number): Person[] {
  const rows = fs.readFileSync(path.join(CORPUS, 'data/gimei-names.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const last = rows.filter((r) => r[0] === 'last');
  const first = rows.filter((r) => r[0] !== 'last');
  const r = rng(14_612);
  return Array.from({ length: n }, (_, i) => {
    const l = last[i % last.length], g = first[Math.floor(i / last.length) * 7919 % first.length];
    return {
      key: `M${String(100001 + i)}`,
      name: `${l[1]} ${g[1]}`,
      email: `${g[4]}.${l[4]}.${i.toString(36)}@example.jp`.toLowerCase(),
      phone: `0${['70', '80', '90'][i % 3]}-${String(1000 + Math.floor(i / 10)).padStart(4, '0')}-${String(1000 + Math.floor(r() * 9000))}`,
      postal: `${String(100 + Math.floor(r() * 899))}-${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
      address: `${PREFS[i % PREFS.length]}${1 + (i % 9)}丁目${1 + Math.floor(r() * 30)}番${1 + Math.floor(r() * 20)}号`,
    };
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function writeEpub(file: string, pages: Person[][]): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { compress: false });
  zip.addBuffer(Buffer.from('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'), 'META-INF/container.xml');
  const manifest: string[] = [];
  const spine: string[] = [];
  pages.forEach((ps, i) => {
    // One chapter per page: MuPDF starts every spine item on a new page.
    const body = ps.map((p) => `<p>${esc(p.name)}　〒${esc(p.postal)} ${esc(p.address)}<br/>電話 ${esc(p.phone)}　メール ${esc(p.email)}</p>`).join('');
    const xhtml = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ja"><head><title>${i + 1}</title></head><body><h2>会員名簿 ${i + 1}</h2>${body}</body></html>`;
    zip.addBuffer(Buffer.from(xhtml), `OEBPS/p${i + 1}.xhtml`);
    manifest.push(`<item id="p${i + 1}" href="p${i + 1}.xhtml" media-type="application/xhtml+xml"/>`);
    spine.push(`<itemref idref="p${i + 1}"/>`);
  });
  zip.addBuffer(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目次</title></head><body><nav epub:type="toc"><ol><li><a href="p1.xhtml">会員名簿</a></li></ol></nav></body></html>'), 'OEBPS/nav.xhtml');
  zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="ja"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">urn:uuid:1c6a3f0e-5b7d-4e21-9f3a-14612a059000</dc:identifier><dc:title>会員名簿 総覧</dc:title><dc:language>ja</dc:language><meta property="dcterms:modified">2026-11-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>${manifest.join('')}</manifest><spine>${spine.join('')}</spine></package>`), 'OEBPS/content.opf');
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()).on('error', reject);
  });
}

/** Builds the case in `work` (a fresh folder): list, book, import, scan without OCR (the book has text). */
export async function buildSeedCase(work: string, opts: SeedOptions = {}): Promise<SeedCase> {
  const records = opts.records ?? 14_612;
  const pageCount = opts.pages ?? 1_400;
  const perPage = opts.perPage ?? 4;
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try { return await f(); } finally { timings[name] = Math.round((performance.now() - t0) / 100) / 10; }
  };
  fs.mkdirSync(work, { recursive: true });
  const all = people(records);
  const csv = path.join(work, 'members-14612.csv');
  fs.writeFileSync(csv, ['会員番号,氏名,メールアドレス,電話番号,郵便番号,住所', ...all.map((p) => [p.key, p.name, p.email, p.phone, p.postal, p.address].join(','))].join('\n') + '\n');
  // Every other listed person appears once in the book, in list order.
  const listed = all.filter((_, i) => i % 2 === 0);
  const pages: Person[][] = [];
  for (let i = 0, at = 0; i < pageCount; i++) {
    const n = i % 4 === 3 ? perPage - 1 : perPage;
    pages.push(listed.slice(at, at + n));
    at += n;
  }
  const epub = path.join(work, '会員名簿-総覧.epub');
  await time('generate', () => writeEpub(epub, pages));

  const dir = path.join(work, 'seed-case');
  const c: CaseHandle = initCase(dir, { name: '会員情報流出 シード規模', caseNumber: '2026-014', examiner: '佐藤 調査員', organization: '株式会社サンプル 法務部' });
  try {
    const [added] = await time('intake', () => addEvidence(c, [epub], { source: 'https://example.jp/store/14612', collector: '佐藤' }));
    await time('import', () => importLeakList(c, csv, { key: '会員番号' }));
    const report = await time('scan', () => scanCase(c, { ocr: 'never' }));
    const item = report.items[0];
    if (item.status !== 'ok') throw new Error(`seed case: the book did not scan: ${item.status} ${item.error ?? ''}`);
    const hits = (c.db.prepare('SELECT COUNT(*) AS n FROM hit').get() as { n: number }).n;
    return { dir, itemId: added.id, records, listedInBook: pages.flat().length, pageCount: item.pageCount, hits, timings };
  } finally {
    c.close();
  }
}
