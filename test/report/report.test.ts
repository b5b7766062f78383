import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseFindings, RecordFinding } from '../../main/evidence/bag/case-findings';
import { maskValue } from '../../main/report/mask';
import { REPORT_HEADINGS, renderReportHtml, type ReportContext } from '../../main/report/report-html';
import { renderReportPdf } from '../../main/report/report-pdf';
import { tmpDir } from '../helpers/paths';

describe('masking', () => {
  it('masks names, emails and phones the way the report shows them', () => {
    expect(maskValue('name', '山田 太郎')).toBe('山田 **');
    expect(maskValue('email', 'yamada.taro@example.com')).toBe('y***@example.com');
    expect(maskValue('phone', '090-1234-5678')).toBe('090-****-5678');
    expect(maskValue('phone_jp', '09012345678')).toBe('090****5678');
    expect(maskValue('postal_code', '123-4567')).toBe('123-****');
    expect(maskValue('address', '東京都千代田区千代田1-1')).toBe('東京都千代田区***');
  });
});

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A record of the leak list found on two pages; `n` makes keys and pages differ. */
function record(n: number): RecordFinding {
  return { key: `M${10001 + n}`, score: 0.97, present: n % 9 !== 3, occurrences: [
    { item: 1, page: 3 + (n % 400), field: 'name', valueMasked: maskValue('name', '山田 太郎'), boxes: [[1, 2, 3, 4]], source: 'native', score: 0.5, status: 'pending' },
    { item: 1, page: 3 + (n % 400), field: 'email', valueMasked: maskValue('email', 'yamada.taro@example.com'), boxes: [[1, 2, 3, 4]], source: 'native', score: 1, status: 'pending' },
    { item: 1, page: 4 + (n % 400), field: 'phone_jp', valueMasked: maskValue('phone', '090-1234-5678'), boxes: [[1, 2, 3, 4]], source: 'native', score: 1, status: 'pending' },
  ] };
}

function findingsWith(records: number): CaseFindings {
  return {
    case: { caseUuid: '00000000-0000-4000-8000-000000000001', name: '漏えい名簿の再掲載', caseNumber: 'K-2026-0042', examiner: '証拠 太郎',
      organization: '株式会社サンプル', createdAt: '2026-11-26T01:02:03.000Z', appVersion: '0.1.0' },
    items: [{
      item: { id: 1, sha256: SHA256, sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', md5: 'd41d8cd98f00b204e9800998ecf8427e', size: 123456,
        mediaType: 'application/epub+zip', mediaLabel: 'EPUB', protection: null, extensionMismatch: false, name: '会員名簿.epub', addedAt: '2026-11-26T01:05:00.000Z',
        acquisitions: [{ originalName: '会員名簿.epub', originalPath: '/in/会員名簿.epub', originalMtime: null, acquiredAt: '2026-11-26T01:05:00.000Z',
          tzOffsetMin: 540, tzName: 'Asia/Tokyo', collector: null, source: 'https://store.example.com/dp/B000', note: null }] },
      acquiredLocal: ['2026-11-26T10:05:00.000+09:00'],
      document: { format: 'epub', status: 'ok', error: null, pageCount: 412, coverage: null, partialReason: null, missing: [], readNotes: [] },
      pages: [],
    }],
    leakSet: { sha256: 'a'.repeat(64), records: 14612, fileName: 'list.csv' },
    records: Array.from({ length: records }, (_, n) => record(n)),
    pii: [{ item: 1, page: 5, field: 'postal_code_jp', type: 'postal_code_jp', valueMasked: '123-****', boxes: [[1, 2, 3, 4]], source: 'native', score: 0.7, status: 'pending' }],
    exports: [],
    custody: Array.from({ length: 90 }, (_, n) => ({ seq: n + 1, at: '2026-11-26T01:02:03.000Z', actor: '証拠 太郎', action: n ? 'hit.reviewed' : 'case.created', itemId: null, details: {},
      prevHash: '0'.repeat(64), hash: n.toString(16).padStart(64, 'f') })),
    summary: { items: 1, recordsPresent: records, recordsInList: 14612, pagesWithHits: records, piiHits: 1 },
  };
}

const ctx = (f: CaseFindings): ReportContext => ({ findings: f, generatedAt: '2026-11-26T03:00:00.000Z', tzOffsetMin: 540, tool: 'Shoko 0.1.0',
  keyFingerprint: `SHA256:${'b'.repeat(64)}`, includeOriginals: true, screenshots: [], originalNames: new Map([[1, '会員名簿.epub']]) });

let dir: string;
let pdf: string;
let pages: string[];

beforeAll(() => {
  dir = tmpDir('shoko-report-');
  pdf = path.join(dir, 'report.pdf');
  fs.writeFileSync(pdf, renderReportPdf(ctx(findingsWith(300))));
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
  pages = Array.from({ length: n }, (_, i) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
});

describe('report.html and report.pdf', () => {
  it('writes a bilingual PDF with the Japanese font embedded, whose text holds headings, hashes and only masked values', () => {
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+IPAexGothic\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    for (const [ja, en] of Object.values(REPORT_HEADINGS)) {
      expect(text).toContain(ja);
      expect(text).toContain(en.split(' ')[0]);
    }
    for (const s of [SHA256, 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'd41d8cd98f00b204e9800998ecf8427e', 'K-2026-0042', 'SHA-256', 'SHA-1', 'y***@example.com', '123-****', 'sha256sum -c manifest-sha256.txt', 'certutil -hashfile', 'data/report/VERIFY.txt']) {
      expect(text, s).toContain(s);
    }
    for (const s of ['太郎@', 'yamada.taro', '1234-5678', 'docs/evidence-package.md']) expect(text).not.toContain(s);
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    expect(fs.statSync(path.join(dir, `page-${String(1).padStart(String(pages.length).length, '0')}.png`)).size).toBeGreaterThan(2000);
  });

  it('puts the case number and "n / N" on every page', () => {
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('事件番号 / Case No. K-2026-0042');
      expect(p, `page ${i + 1}`).toMatch(new RegExp(`\\b${i + 1} / ${pages.length}\\b`));
    });
  });

  it('repeats the header row on every page of a long table, and lists every record once', () => {
    const withRows = pages.filter((p) => /^\s*\d+\s+M1\d{4}\s/m.test(p));
    expect(withRows.length).toBeGreaterThan(3);
    for (const p of withRows) expect(p).toMatch(/No\.\s+レコードキー \/ Record key/);
    const keys = withRows.flatMap((p) => [...p.matchAll(/^\s*\d+\s+(M1\d{4})\s/gm)].map((m) => m[1]));
    expect(keys).toEqual(Array.from({ length: 300 }, (_, n) => `M${10001 + n}`));
    const custodyPages = pages.filter((p) => /^\s*\d+\s+2026-11-26 10:02:03\s/m.test(p));
    expect(custodyPages.length).toBeGreaterThan(1);
    for (const p of custodyPages) expect(p).toContain('日時（JST） / Time (JST)');
  });

  it('gives times in JST with UTC beside, and fields by their Japanese names', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('2026-11-26 10:05:00 JST (2026-11-26 01:05:00 UTC)');
    expect(text).toContain('2026-11-26 12:00:00 JST (2026-11-26 03:00:00 UTC)');
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}/);
    expect(text).toContain('氏名・メール・電話');
    expect(text).toContain('郵便番号');
    for (const raw of ['phone_jp', 'postal_code_jp']) expect(text).not.toContain(raw);
  });

  it('cuts nothing at a page edge and sets every character of a line on one baseline (hyphens where the font switches too)', () => {
    const doc = mupdf.Document.openDocument(fs.readFileSync(pdf), 'application/pdf');
    let lines = 0;
    let hyphens = 0;
    const outside: string[] = [];
    const mixed: string[] = [];
    try {
      for (let i = 0; i < doc.countPages(); i++) {
        const page = doc.loadPage(i);
        const [x0, y0, x1, y1] = page.getBounds();
        let baselines = new Set<number>();
        let text = '';
        page.toStructuredText('preserve-whitespace').walk({
          beginLine: () => { baselines = new Set(); text = ''; },
          onChar: (c, origin, _font, _size, quad) => {
            text += c;
            if (c === '-') hyphens++;
            baselines.add(Math.round(origin[1] * 10) / 10);
            for (let k = 0; k < 8; k += 2) {
              if (quad[k] < x0 + 20 || quad[k] > x1 - 20 || quad[k + 1] < y0 + 20 || quad[k + 1] > y1 - 10) outside.push(`page ${i + 1} "${c}" at ${quad[k]},${quad[k + 1]}`);
            }
          },
          endLine: () => { lines++; if (baselines.size !== 1) mixed.push(`page ${i + 1}: ${text} ${[...baselines].join('/')}`); },
        });
        page.destroy();
      }
    } finally {
      doc.destroy();
    }
    expect(outside).toEqual([]);
    expect(mixed).toEqual([]);
    expect(lines).toBeGreaterThan(300);
    expect(hyphens).toBeGreaterThan(50);
    // The openssl command is whole, continued over lines rather than cut at the edge.
    const text = pages.join('\n');
    expect(text).toContain('-sigfile signature/tagmanifest.sig');
    expect(text).toContain('-in tagmanifest-sha256.txt');
  });

  it('report.html holds the same tables with <thead> (repeated when a browser prints)', () => {
    const html = renderReportHtml(ctx(findingsWith(3)));
    expect(html).toContain('<thead><tr><th>No.</th>');
    expect(html).toContain('2026-11-26 10:05:00 JST (2026-11-26 01:05:00 UTC)');
    expect(html).not.toContain('docs/evidence-package.md');
  });
});
