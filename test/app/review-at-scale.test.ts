// The Review screen's engine side on a real (small) seed case: paged hits with filters, counts in SQL,
// one custody event per bulk decision, the records table, the overview and the export's pending guard.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase, type CaseHandle } from '../../main/case/case-folder';
import { listCustodyEvents, verifyCustodyChain } from '../../main/evidence/custody-log';
import { documentPool } from '../../main/documents/worker-pool';
import { caseOverview } from '../../main/services/case-overview';
import { BULK_REVIEW_ACTION, bulkSetStatus, idsSha256 } from '../../main/services/hit-bulk';
import { hitsSummary, listHits } from '../../main/services/hit-query';
import { checkPendingAcknowledged, leftVisible } from '../../main/services/export-safety';
import { recordsView, writeRecordsCsv } from '../../main/services/records-view';
import { main } from '../../main/cli/main';
import { buildSeedCase, type SeedCase } from '../e2e/seed-case';

let work: string;
let seed: SeedCase;
let c: CaseHandle;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-review-scale-'));
  seed = await buildSeedCase(work, { records: 400, pages: 40, perPage: 4 });
  c = openCase(seed.dir);
});

afterAll(async () => {
  c?.close();
  await documentPool().close();
  fs.rmSync(work, { recursive: true, force: true });
});

const count = (sql: string, ...p: unknown[]) => (c.db.prepare(sql).get(...p) as { n: number }).n;

describe('hits at scale', () => {
  it('pages through every hit in order with a cursor, and filters in SQL', () => {
    expect(seed.pageCount).toBe(40);
    expect(seed.hits).toBeGreaterThan(1000);
    const seen: number[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const p = listHits(c, { itemId: seed.itemId, cursor, limit: 250 });
      expect(p.total).toBe(seed.hits);
      seen.push(...p.hits.map((h) => h.id));
      for (let i = 1; i < p.hits.length; i++) expect(p.hits[i].page).toBeGreaterThanOrEqual(p.hits[i - 1].page);
      cursor = p.nextCursor ?? undefined;
      calls++;
    } while (cursor);
    expect(calls).toBe(Math.ceil(seed.hits / 250));
    expect(new Set(seen).size).toBe(seed.hits);

    const page3 = listHits(c, { itemId: seed.itemId, pageFrom: 3, pageTo: 3, limit: 5000 });
    expect(page3.hits.length).toBe(count('SELECT COUNT(*) AS n FROM hit WHERE page_index = 3'));
    expect(page3.hits.every((h) => h.page === 3)).toBe(true);
    const emails = listHits(c, { itemId: seed.itemId, kind: 'email', limit: 5000 });
    expect(emails.total).toBe(count("SELECT COUNT(*) AS n FROM hit WHERE kind = 'pii' AND field = 'email'"));
    expect(emails.hits.every((h) => h.kind === 'email' && h.recordKey === null)).toBe(true);
    const key = page3.hits.find((h) => h.recordKey)!.recordKey!;
    const rec = listHits(c, { itemId: seed.itemId, recordKey: key });
    expect(rec.hits.length).toBeGreaterThan(1);
    expect(rec.hits.every((h) => h.recordKey === key && h.kind === 'leak')).toBe(true);
  });

  it('counts per page, kind and field by status', () => {
    const s = hitsSummary(c, seed.itemId);
    expect(s.totals.pending + s.totals.confirmed + s.totals.dismissed).toBe(seed.hits);
    expect(s.pages.length).toBe(40);
    expect(s.pages.reduce((n, p) => n + p.pending, 0)).toBe(s.totals.pending);
    expect(s.kinds.find((k) => k.kind === 'leak')!.pending).toBe(count("SELECT COUNT(*) AS n FROM hit WHERE kind = 'record'"));
    expect(s.recordsInList).toBe(400);
    expect(s.recordsPresent).toBe(seed.listedInBook);
  });
});

describe('bulk decisions', () => {
  it('confirms one record, one page and one field each as ONE custody event fingerprinting the ids', () => {
    const before = listCustodyEvents(c.db).length;
    const key = listHits(c, { itemId: seed.itemId, pageFrom: 0, pageTo: 0 }).hits.find((h) => h.recordKey)!.recordKey!;
    const recIds = listHits(c, { itemId: seed.itemId, recordKey: key }).hits.map((h) => h.id);
    const r1 = bulkSetStatus(c, 'confirmed', { itemId: seed.itemId, recordKey: key });
    expect(r1.count).toBe(recIds.length);
    expect(r1.idsSha256).toBe(createHash('sha256').update([...recIds].sort((a, b) => a - b).join(',')).digest('hex'));

    const r2 = bulkSetStatus(c, 'dismissed', { itemId: seed.itemId, page: 5, onlyStatus: 'pending' });
    expect(r2.count).toBe(count("SELECT COUNT(*) AS n FROM hit WHERE page_index = 5 AND status = 'dismissed'"));
    const r3 = bulkSetStatus(c, 'confirmed', { itemId: seed.itemId, field: 'email', onlyStatus: 'pending' });
    expect(r3.count).toBeGreaterThan(30);

    const events = listCustodyEvents(c.db);
    expect(events.length).toBe(before + 3);
    const last = events.slice(-3);
    expect(last.map((e) => e.action)).toEqual([BULK_REVIEW_ACTION, BULK_REVIEW_ACTION, BULK_REVIEW_ACTION]);
    expect(last[0].details).toMatchObject({ status: 'confirmed', count: recIds.length, idsSha256: r1.idsSha256, select: { recordKey: key }, from: { pending: recIds.length } });
    expect(last[1].details).toMatchObject({ status: 'dismissed', count: r2.count, select: { page: 6, onlyStatus: 'pending' }, pages: [6, 6] });
    // Anyone can check an event against the store: the confirmed e-mails hash to what the event says.
    const emailIds = (c.db.prepare("SELECT id FROM hit WHERE field = 'email' AND status = 'confirmed' AND id NOT IN (SELECT value FROM json_each(?))").all(JSON.stringify(recIds)) as { id: number }[]).map((x) => x.id);
    expect(idsSha256(emailIds.filter((id) => r3.changed.some((x) => x.id === id)))).toBe(r3.idsSha256);
    expect(verifyCustodyChain(events).ok).toBe(true);

    // Undo: the changed ids go back to what they were, again as one event.
    const undo = bulkSetStatus(c, 'pending', { itemId: seed.itemId, ids: r2.changed.map((x) => x.id) });
    expect(undo.count).toBe(r2.count);
    expect(count("SELECT COUNT(*) AS n FROM hit WHERE page_index = 5 AND status = 'dismissed'")).toBe(0);
  });

  it('`shoko review` with several ids is one decision: one bulk event', async () => {
    const ids = (c.db.prepare("SELECT id FROM hit WHERE page_index = 7 AND status = 'pending' ORDER BY id LIMIT 4").all() as { id: number }[]).map((r) => r.id);
    const before = listCustodyEvents(c.db).length;
    let out = '';
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
    let code: number;
    try { code = await main(['node', 'shoko', 'review', seed.dir, ...ids.map(String), '--status', 'dismissed', '--json']); } finally { process.stdout.write = write; }
    expect(code).toBe(0);
    expect((JSON.parse(out) as { changed: boolean }[]).every((r) => r.changed)).toBe(true);
    const events = listCustodyEvents(c.db);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ action: BULK_REVIEW_ACTION, details: { status: 'dismissed', count: 4, idsSha256: idsSha256(ids), select: { ids: 4 }, pages: [8, 8] } });
  });

  it('refuses a selection that names nothing and ids of another item', () => {
    expect(() => bulkSetStatus(c, 'confirmed', { itemId: seed.itemId })).toThrow(/needs hit ids, a page, a kind, a record or a field/);
    expect(() => bulkSetStatus(c, 'confirmed', { itemId: seed.itemId, ids: [999_999] })).toThrow(/1 of the 1 hit ids are not hits of item/);
  });
});

describe('records, overview, export guard', () => {
  it('lists every record of the list by key, found or not, and writes it as CSV', () => {
    const v = recordsView(c);
    expect(v.total).toBe(400);
    expect(v.found).toBe(seed.listedInBook);
    // Records not in the book: most have no hit at all; a few have weak hits (a shared street) still to decide.
    expect(v.records.filter((r) => !r.found).length).toBe(400 - seed.listedInBook);
    const noHit = v.records.filter((r) => r.status === 'not-found');
    expect(noHit.length).toBeGreaterThan(0);
    expect(noHit.every((r) => r.hits === 0 && r.fields.length === 0 && r.firstPage === null)).toBe(true);
    const found = v.records.find((r) => r.found)!;
    expect(found.fields).toEqual(expect.arrayContaining(['email', 'name']));
    expect(found.firstPage).not.toBeNull();
    const csv = writeRecordsCsv(c);
    const text = fs.readFileSync(path.join(c.dir, csv.path), 'utf8');
    expect(text.startsWith('\uFEFFrecord_key,found,status')).toBe(true);
    expect(text.trim().split('\r\n').length).toBe(401);
    expect(listCustodyEvents(c.db).at(-1)!.action).toBe('records.exported');
  });

  it('says what is left and what to do next', () => {
    const o = caseOverview(c);
    expect(o.evidence).toMatchObject({ items: 1, scanned: 1, pages: 40 });
    expect(o.hits.total).toBe(seed.hits);
    expect(o.records).toEqual({ found: seed.listedInBook, total: 400 });
    expect(o.next).toBe('review');
    expect(o.custody.ok).toBe(true);
  });

  it('refuses an export of confirmed hits that leaves pending hits visible, unless acknowledged', () => {
    const left = leftVisible(c, seed.itemId, [0, 1, 2], 'confirmed');
    expect(left.pending).toBe(count("SELECT COUNT(*) AS n FROM hit WHERE page_index IN (0, 1, 2) AND status = 'pending'"));
    expect(left.pending).toBeGreaterThan(0);
    expect(() => checkPendingAcknowledged(left, false)).toThrow(/pending hit\(s\) on \d+ exported page\(s\) \(p\. 1, 2, 3\) would stay visible/);
    expect(() => checkPendingAcknowledged(left, true)).not.toThrow();
    expect(leftVisible(c, seed.itemId, [0, 1, 2], 'not-dismissed').pending).toBe(0);
  });
});
