// `shoko triage` on a book that hides a record from its pages: exit 1 with the summary line, and the
// package says `partial` with the reason in findings.json (schema-valid) and the report, without
// republishing the hidden text.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runShokoAsync } from '../helpers/run-cli';
import { writeEpub } from '../documents/generate';
import { findingsErrors } from '../evidence/bag/findings-schema';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-triage-partial-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('triage of a book not read whole', () => {
  it('exits 1, says how many items were not read whole, and marks the item partial in findings.json and the report', async () => {
    const book = path.join(tmp, 'members.epub');
    const body = Array.from({ length: 12 }, (_, k) => `<p>第${k}節 吾輩は猫である。名前はまだ無い。Chapter ${k}: nothing here.</p>`).join('');
    await writeEpub(book, { title: '名簿', chapters: [body, `${body}<p class="x">佐藤花子 hanako.sato@example.com 080-1111-2222</p>`], css: '.x { display: none }' });
    const list = path.join(tmp, 'list.csv');
    fs.writeFileSync(list, '会員ID,氏名,メールアドレス,電話番号\nM1,佐藤 花子,hanako.sato@example.com,080-1111-2222\n');
    const out = path.join(tmp, 'out');
    const r = await runShokoAsync(['--json', 'triage', book, '--leaks', list, '--out', out, '--ocr', 'never'], { env: { SHOKO_HOME: path.join(tmp, 'home') } });
    expect(r.stderr).not.toContain('internal error');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('1 of 1 item not read whole: 1 partial');
    const s = JSON.parse(r.stdout) as { notReadWhole: string; verified: boolean; recordsPresent: number };
    expect(s.notReadWhole).toBe('1 of 1 item not read whole: 1 partial');
    expect(s.verified).toBe(true);
    expect(s.recordsPresent).toBe(0); // the record is on no page: that is why "0 found" is not an answer here

    const findingsText = fs.readFileSync(path.join(out, 'package/data/findings.json'), 'utf8');
    const findings = JSON.parse(findingsText);
    expect(findingsErrors(findings)).toEqual([]);
    const doc = findings.items[0].document;
    expect(doc.status).toBe('partial');
    expect(doc.coverage).toBeLessThan(0.995);
    expect(doc.partialReason).toMatch(/^coverage \d+\.\d %: \d+ of \d+ source characters on no page, first in OEBPS\/c1\.xhtml at character \d+$/);
    expect(doc.missing).toEqual([{ document: 'OEBPS/c1.xhtml', offset: expect.any(Number), length: 40, missing: 40 }]);
    expect(findingsText).not.toContain('hanako.sato@example.com');

    const report = execFileSync('pdftotext', [path.join(out, 'package/data/report/report.pdf'), '-'], { encoding: 'utf8' });
    expect(report).toContain('一部未読');
    expect(report).not.toContain('hanako.sato@example.com');
  }, 300_000);
});
