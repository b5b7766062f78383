import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCase, type CaseHandle } from '../../main/case/case-folder';
import { setHitStatus } from '../../main/detect/store/hit-status';
import { anchorPath } from '../../main/evidence/custody-anchor';
import { appendCustodyEvent } from '../../main/evidence/custody-log';
import { hashFile } from '../../main/evidence/hashing';
import { verifyCase } from '../../main/evidence/verify-case';
import { runDemo } from '../../main/pipeline/demo';
import { bulkSetStatus } from '../../main/services/hit-bulk';
import { tmpDir } from '../helpers/paths';
import { runShoko } from '../helpers/run-cli';
import { bagFindingsErrors } from './bag/findings-schema';

// One real triage (the bundled demo: add, leak list, scan, detection, redaction, package), then each
// test tampers with its own copy of the case folder the way an insider with the files would.
let root: string;
let caseDir: string;
let home: string;
let n = 0;

beforeAll(async () => {
  root = tmpDir('shoko-custody-state-');
  home = path.join(root, 'home');
  process.env.SHOKO_HOME = home;
  await runDemo({ out: path.join(root, 'demo') });
  caseDir = path.join(root, 'demo', 'case');
});

/** A copy of the case folder (evidence files are read-only in a case; the copy's are made writable). */
function copyCase(): string {
  const to = path.join(root, `case-${++n}`);
  fs.cpSync(caseDir, to, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', to]);
  return to;
}

/** SQL run with the sqlite3 shell, as an insider would (the custody triggers dropped first when asked). */
function sql(dir: string, statements: string): void {
  execFileSync('sqlite3', [path.join(dir, 'case.sqlite'), statements]);
}

function verify(dir: string): ReturnType<typeof verifyCase> {
  const c = openCase(dir);
  try { return verifyCase(c); } finally { c.close(); }
}

const withCase = <T>(dir: string, fn: (c: CaseHandle) => T): T => {
  const c = openCase(dir);
  try { return fn(c); } finally { c.close(); }
};

describe('custody log that proves its length (signed anchor beside the store)', () => {
  it('the triage\'s bag holds findings.json as docs/findings.schema.json says', () => {
    expect(bagFindingsErrors(path.join(root, 'demo', 'package'))).toEqual([]);
  });

  it('a fresh case verifies, with the anchor at the last event', () => {
    const v = verify(caseDir);
    expect(v.failure).toBeUndefined();
    const anchor = JSON.parse(fs.readFileSync(anchorPath(caseDir), 'utf8'));
    const last = Number(execFileSync('sqlite3', [path.join(caseDir, 'case.sqlite'), 'SELECT MAX(seq) FROM custody_event'], { encoding: 'utf8' }));
    expect(anchor.events).toBe(last);
    expect(anchor.since).toBe(1);
    expect(v.checks.map((c) => c.what)).toContain(`custody anchor: ${last} events, head matches, signed by ${anchor.keyFingerprint}`);
    expect(v.checks.some((c) => c.what.startsWith('store matches the custody log: 1 items, 1 leak lists, 1 documents'))).toBe(true);
    expect(runShoko(['log', caseDir]).stdout).toContain(`anchor: ${last} events, head ${anchor.head.slice(0, 16)}…, signed by ${anchor.keyFingerprint}`);
  });

  it('catches the last events deleted from the table (triggers dropped), which the chain alone cannot see', () => {
    const d = copyCase();
    sql(d, 'DROP TRIGGER custody_event_no_delete; DELETE FROM custody_event WHERE seq >= (SELECT MAX(seq) - 1 FROM custody_event);');
    const v = verify(d);
    expect(v.checks.find((c) => c.what.startsWith('custody log:'))?.ok).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.failure).toMatch(/^custody log truncated: the anchor records (\d+) events, the store holds \d+/);
    // The package whose events went with the tail is state without its event.
    expect(v.checks.some((c) => !c.ok && /package 1 \(tag manifest [0-9a-f]{64}\) has no package\.built event/.test(c.what))).toBe(true);
    // The CLI says so with exit 1.
    const r = runShoko(['verify', d], { env: { SHOKO_HOME: home } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED: custody log truncated');
  });

  it('refuses a case whose anchor was deleted or altered', () => {
    const d = copyCase();
    fs.rmSync(anchorPath(d));
    expect(verify(d).failure).toMatch(/^custody anchor missing: custody-head\.json is not beside the store/);
    const d2 = copyCase();
    const a = JSON.parse(fs.readFileSync(anchorPath(d2), 'utf8'));
    a.events -= 2;
    fs.writeFileSync(anchorPath(d2), JSON.stringify(a));
    expect(verify(d2).failure).toMatch(/^custody anchor invalid: .*signature invalid/);
  });

  it('never moves the anchor back: appending after a truncation leaves the truncation visible', () => {
    const d = copyCase();
    sql(d, 'DROP TRIGGER custody_event_no_delete; DELETE FROM custody_event WHERE seq = (SELECT MAX(seq) FROM custody_event);');
    withCase(d, (c) => { appendCustodyEvent(c.db, { action: 'note.added', details: { text: 'after the deletion' } }); });
    expect(verify(d).failure).toMatch(/^custody log rewritten: event \d+ is not the one anchored/);
  });
});

describe('verify holds the store against the events that created it', () => {
  it('catches an evidence file substituted together with its hashes in evidence_item (16.2)', () => {
    const d = copyCase();
    const row = execFileSync('sqlite3', [path.join(d, 'case.sqlite'), 'SELECT sha256 FROM evidence_item WHERE id = 1'], { encoding: 'utf8' }).trim();
    const file = path.join(d, 'evidence', row);
    fs.appendFileSync(file, 'tampered');
    const h = hashFile(file);
    fs.renameSync(file, path.join(d, 'evidence', h.sha256));
    sql(d, `UPDATE evidence_item SET sha256 = '${h.sha256}', sha1 = '${h.sha1}', md5 = '${h.md5}', size = ${h.size} WHERE id = 1;`);
    const v = verify(d);
    expect(v.checks.find((c) => c.what.startsWith('item 1 '))?.ok).toBe(true);
    expect(v.failure).toMatch(/^store does not match the custody log: evidence item 1: sha256, sha1, md5, size in the store differ from evidence\.added \(event 2: sha256 [0-9a-f]{64}\)/);
  });

  it('catches a finding suppressed in the database without a review event (16.3)', () => {
    const d = copyCase();
    sql(d, "UPDATE hit SET status = 'dismissed' WHERE id = (SELECT MIN(id) FROM hit);");
    expect(verify(d).failure).toMatch(/^store does not match the custody log: hit \d+ is dismissed in the store, but no review decision is logged for it/);
  });

  it('accepts review decisions made through the engine, and catches one rewritten afterwards', () => {
    const d = copyCase();
    const id = withCase(d, (c) => {
      const hit = (c.db.prepare('SELECT MIN(id) AS id FROM hit').get() as { id: number }).id;
      setHitStatus(c, hit, 'dismissed');
      setHitStatus(c, hit + 1, 'confirmed');
      return hit;
    });
    expect(verify(d).failure).toBeUndefined();
    sql(d, `UPDATE hit SET status = 'confirmed' WHERE id = ${id};`);
    expect(verify(d).failure).toMatch(new RegExp(`hit ${id} is confirmed in the store, but its last review \\(event \\d+\\) says dismissed`));
  });

  it('accepts a bulk decision (ONE hit.reviewed.bulk event: count + SHA-256 of the sorted ids), and no more hits than it names', () => {
    const d = copyCase();
    const ids = withCase(d, (c) => {
      const rows = c.db.prepare('SELECT id, item_id FROM hit ORDER BY id LIMIT 5').all() as { id: number; item_id: number }[];
      const r = bulkSetStatus(c, 'dismissed', { itemId: rows[0].item_id, ids: rows.map((x) => x.id) });
      expect(r.count).toBe(5);
      return rows.map((x) => x.id);
    });
    expect(verify(d).failure).toBeUndefined();
    sql(d, `UPDATE hit SET status = 'dismissed' WHERE id = ${ids[4] + 1};`);
    expect(verify(d).failure).toMatch(/hit\.reviewed\.bulk \(event \d+\) set 5 hits to dismissed, but 6 hits hold that status without a later decision/);
    // Swapping one dismissed hit for another keeps the count but not the ids' hash.
    sql(d, `UPDATE hit SET status = 'pending' WHERE id = ${ids[0]};`);
    expect(verify(d).failure).toMatch(/hit\.reviewed\.bulk \(event \d+\): the hits now dismissed are not the ones it decided \(hit-id hash differs\)/);
  });

  it('catches a deleted export row, a deleted package row and a reviewed hit removed', () => {
    const d = copyCase();
    const hit = withCase(d, (c) => {
      const id = (c.db.prepare('SELECT MIN(id) AS id FROM hit').get() as { id: number }).id;
      setHitStatus(c, id, 'confirmed');
      return id;
    });
    sql(d, `DELETE FROM export WHERE id = 1; DELETE FROM package; DELETE FROM hit WHERE id = ${hit};`);
    const v = verify(d);
    const lines = v.checks.filter((c) => !c.ok).map((c) => c.what);
    expect(lines.some((l) => /^store does not match the custody log: export 1 \(event \d+\) is not in the store$/.test(l))).toBe(true);
    expect(lines.some((l) => /package built at event \d+ is not in the store/.test(l))).toBe(true);
    expect(lines.some((l) => new RegExp(`hit ${hit} \\(confirmed at event \\d+\\) is not in the store`).test(l))).toBe(true);
  });
});
