import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { main } from '../../main/cli/main';
import { saveExtraction } from '../../main/documents/document-store';
import { addEvidence } from '../../main/evidence/intake';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { detectItem } from '../../main/detect/store/detect-item';
import { hitsReport } from '../../main/detect/store/hits-report';
import { makePeople, toCsv } from './support/fake-people';
import { makePage } from './support/pages';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-detect-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('detection over a case', () => {
  it('writes hits with exact boxes, keeps statuses and is idempotent; shoko hits --json has the issue\'s shape', async () => {
    const people = makePeople(50, 3);
    const list = path.join(tmp, 'list.csv');
    fs.writeFileSync(list, toCsv(people));
    const dir = path.join(tmp, 'case');
    const c = initCase(dir, { name: 'detect test' });
    try {
      await importLeakList(c, list, { key: '会員ID' });
      const [item] = await addEvidence(c, [path.resolve('../shared/corpus/pdf/ja-pdfjs-noembed-sjis.pdf')]);
      const p = people[4];
      const pages = [
        makePage(0, ['はじめに', `氏名：${p.name}　電話：${p.phone.replace(/-/g, '')}`, `〒${p.postal} マイナンバー 1234 5678 9018`]),
        makePage(1, [`${people[9].name}さんの話`]),
      ];
      saveExtraction(c.db, item.id, { status: 'ok', format: 'pdf', layout: null, pageCount: 2, metadata: null, pages }, 'test');
      const first = await detectItem(c, item.id);
      expect(first.recordsPresent).toBe(1);
      const report = hitsReport(c);
      expect(report.summary).toEqual({ recordsPresent: 1, recordsInList: 50, pagesWithHits: 2 });
      const rec = report.records.find((r) => r.present)!;
      expect(rec.key).toBe('M000005');
      const phone = rec.occurrences.find((o) => o.field === 'phone')!;
      // the phone is chars 9.. of line 1 ('氏名：' + name + '　電話：'); its box is exactly those chars' boxes
      const line = pages[0].lines[1];
      const at = line.text.indexOf(p.phone.replace(/-/g, ''));
      expect(phone.text).toBe(p.phone.replace(/-/g, ''));
      expect(phone.boxes).toEqual([[line.chars[at].box[0], line.chars[at].box[1], line.chars[at + phone.text.length - 1].box[2], line.chars[at].box[3]]]);
      expect(report.records.find((r) => r.key === 'M000010')?.present).toBe(false); // name alone: weak
      expect(report.pii.map((h) => h.type).sort()).toEqual(expect.arrayContaining(['my_number', 'phone_jp', 'postal_code_jp']));

      c.db.prepare("UPDATE hit SET status = 'confirmed' WHERE id = ?").run(phone.id);
      const count = (c.db.prepare('SELECT count(*) AS n FROM hit').get() as { n: number }).n;
      await detectItem(c, item.id);
      expect((c.db.prepare('SELECT count(*) AS n FROM hit').get() as { n: number }).n).toBe(count);
      expect((c.db.prepare('SELECT status FROM hit WHERE id = ?').get(phone.id) as { status: string }).status).toBe('confirmed');
    } finally {
      c.close();
    }
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
    let code: number;
    try { code = await main(['node', 'shoko', 'hits', dir, '--json']); } finally { process.stdout.write = write; }
    expect(code).toBe(1); // a listed record is present
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['leakSet', 'records', 'pii', 'summary']));
    expect(json.records[0]).toMatchObject({ key: 'M000005', present: true, occurrences: expect.arrayContaining([expect.objectContaining({ item: 1, page: 1, pageIndex: 0, field: 'phone', source: 'native' })]) });
  });
});
