// Coverage in the case store (migration 007): what extractItem writes, what the custody log says, and
// items extracted before coverage existed being read again so that they are measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initCase } from '../../main/case/case-folder';
import { listCustodyEvents } from '../../main/evidence/custody-log';
import { addEvidence } from '../../main/evidence/intake';
import { getDocument, readStatusOf } from '../../main/documents/document-store';
import { extractItem } from '../../main/documents/extract-item';
import { DocumentWorkerPool } from '../../main/documents/worker-pool';
import { corpus, writeEpub } from './generate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-coverage-store-'));
const pool = new DocumentWorkerPool(1);
afterAll(async () => {
  await pool.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('coverage in the store', () => {
  it('stores coverage, places, notes and the partial reason; logs them; re-measures rows from before migration 007', async () => {
    const hidden = path.join(tmp, 'hidden.epub');
    const body = Array.from({ length: 10 }, (_, k) => `<p>第${k}節 吾輩は猫である。名前はまだ無い。Chapter ${k}.</p>`).join('');
    await writeEpub(hidden, { title: '隠し', chapters: [body, `${body}<p class="x">佐藤花子 hanako.sato@example.com</p>`], css: '.x { display: none }' });
    const c = initCase(path.join(tmp, 'case'), { name: 'coverage store' });
    try {
      const [whole, part, pdf] = await addEvidence(c, [corpus('mobi/libmobi-sample-ncx.mobi'), hidden, corpus('pdf/' + fs.readdirSync(corpus('pdf')).find((f) => f.endsWith('.pdf')))]);

      const a = await extractItem(c, whole.id, { pool });
      expect(a).toMatchObject({ status: 'ok', readStatus: 'ok', coverage: 1 });
      expect(a.partialReason).toBeUndefined();

      const b = await extractItem(c, part.id, { pool });
      expect(b.status).toBe('ok');
      expect(b.readStatus).toBe('partial');
      expect(b.partialReason).toMatch(/^coverage \d+\.\d %: 27 of \d+ source characters on no page, first in OEBPS\/c1\.xhtml at character \d+$/);
      const doc = getDocument(c, part.id)!;
      expect(readStatusOf(doc)).toBe('partial');
      expect(doc.coverageChecked).toBe(true);
      expect(doc.coverageDetail!.missing[0]).toMatchObject({ document: 'OEBPS/c1.xhtml', missing: 27, excerpt: '佐藤花子hanako.sato@example.com' });
      const event = listCustodyEvents(c.db).filter((e) => e.action === 'document.extracted' && e.itemId === part.id).at(-1)!;
      expect(event.details).toMatchObject({ status: 'ok', coverage: doc.coverage, partialReason: doc.partialReason, readNotes: [] });

      // Fixed-layout documents are not measured.
      await extractItem(c, pdf.id, { pool });
      expect(getDocument(c, pdf.id)).toMatchObject({ status: 'ok', coverage: null, partialReason: null, coverageChecked: true });

      // A row as migration 007 leaves an older extraction: a re-run reads the item again and measures it.
      c.db.prepare('UPDATE document SET coverage = NULL, coverage_json = NULL, partial_reason = NULL, coverage_checked = 0 WHERE item_id = ?').run(part.id);
      expect(readStatusOf(getDocument(c, part.id)!)).toBe('ok');
      const again = await extractItem(c, part.id, { pool });
      expect(again.skipped).toBe(false);
      expect(again.readStatus).toBe('partial');
      // Measured now: the next run skips it.
      expect((await extractItem(c, part.id, { pool })).skipped).toBe(true);
      expect((await extractItem(c, pdf.id, { pool })).skipped).toBe(true);
    } finally {
      c.close();
    }
  }, 120_000);
});
