import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseFindings } from '../../main/evidence/bag/case-findings';
import { maskValue } from '../../main/report/mask';
import { REPORT_HEADINGS, renderReportHtml } from '../../main/report/report-html';
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
const findings: CaseFindings = {
  case: { caseUuid: '00000000-0000-4000-8000-000000000001', name: '漏えい名簿の再掲載', caseNumber: 'K-2026-0042', examiner: '証拠 太郎',
    organization: '株式会社サンプル', createdAt: '2026-11-26T01:02:03.000Z', appVersion: '0.1.0' },
  items: [{
    item: { id: 1, sha256: SHA256, sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', md5: 'd41d8cd98f00b204e9800998ecf8427e', size: 123456,
      mediaType: 'application/epub+zip', mediaLabel: 'EPUB', protection: null, extensionMismatch: false, name: '会員名簿.epub', addedAt: '2026-11-26T01:05:00.000Z',
      acquisitions: [{ originalName: '会員名簿.epub', originalPath: '/in/会員名簿.epub', originalMtime: null, acquiredAt: '2026-11-26T01:05:00.000Z',
        tzOffsetMin: 540, tzName: 'Asia/Tokyo', collector: null, source: 'https://store.example.com/dp/B000', note: null }] },
    acquiredLocal: ['2026-11-26T10:05:00.000+09:00'],
    document: { format: 'epub', status: 'ok', error: null, pageCount: 12 },
    pages: [],
  }],
  leakSet: { sha256: 'a'.repeat(64), records: 14612, fileName: 'list.csv' },
  records: [{ key: 'M10001', score: 0.97, present: true, occurrences: [
    { item: 1, page: 3, field: 'name', valueMasked: maskValue('name', '山田 太郎'), boxes: [[1, 2, 3, 4]], source: 'native', score: 0.5, status: 'pending' },
    { item: 1, page: 3, field: 'email', valueMasked: maskValue('email', 'yamada.taro@example.com'), boxes: [[1, 2, 3, 4]], source: 'native', score: 1, status: 'pending' },
    { item: 1, page: 3, field: 'phone', valueMasked: maskValue('phone', '090-1234-5678'), boxes: [[1, 2, 3, 4]], source: 'native', score: 1, status: 'pending' },
  ] }],
  pii: [],
  exports: [],
  custody: [{ seq: 1, at: '2026-11-26T01:02:03.000Z', actor: '証拠 太郎', action: 'case.created', itemId: null, details: {}, prevHash: '0'.repeat(64), hash: 'f'.repeat(64) }],
  summary: { items: 1, recordsPresent: 1, recordsInList: 14612, pagesWithHits: 1, piiHits: 0 },
};

describe('report.html and report.pdf', () => {
  it('writes a bilingual PDF with the Japanese font embedded, whose text holds headings, hashes and only masked values', () => {
    const html = renderReportHtml({ findings, generatedAt: '2026-11-26T03:00:00.000Z', tzOffsetMin: 540, tool: 'Shoko 0.1.0',
      keyFingerprint: `SHA256:${'b'.repeat(64)}`, includeOriginals: true, screenshots: [], originalNames: new Map([[1, '会員名簿.epub']]) });
    expect(html).toContain('2026-11-26T10:05:00.000+09:00');
    const dir = tmpDir('shoko-report-');
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(pdf, renderReportPdf(html));
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+IPAexGothic\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const [ja, en] of Object.values(REPORT_HEADINGS)) {
      expect(text).toContain(ja);
      expect(text).toContain(en.split(' ')[0]);
    }
    for (const s of [SHA256, 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'd41d8cd98f00b204e9800998ecf8427e', 'K-2026-0042', 'SHA-256', '山田 **', 'y***@example.com', '090-****-5678', 'sha256sum -c manifest-sha256.txt', 'certutil -hashfile']) {
      expect(text, s).toContain(s);
    }
    for (const s of ['太郎@', 'yamada.taro', '1234-5678']) expect(text).not.toContain(s);
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    expect(fs.statSync(path.join(dir, 'page-1.png')).size).toBeGreaterThan(2000);
  });
});
