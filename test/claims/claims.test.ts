import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCase, type CaseHandle } from '../../main/case/case-folder';
import { loadCommitment, loadSalts } from '../../main/claims/claim-store';
import { commitListFile } from '../../main/claims/commit-list';
import { recordLeaves } from '../../main/claims/commitment';
import { exportClaims, verifyClaimsAt, verifyClaimsDir } from '../../main/claims/export-claims';
import { fieldSalt } from '../../main/claims/merkle';
import { forEachListedRecord, listLeakSets } from '../../main/detect/leaks/load-list';
import { importLeakList } from '../../main/detect/leaks/import-list';
import { addEvidence } from '../../main/evidence/intake';
import { scanCase } from '../../main/pipeline/scan';
import { buildPackage } from '../../main/evidence/bag/build-package';
import { verifyPackage } from '../../main/evidence/bag/verify-package';
import { REPO_ROOT, tmpDir } from '../helpers/paths';

const BOOK = path.join(REPO_ROOT, 'resources/demo/demo-member-directory.epub');
const LIST = path.join(REPO_ROOT, 'resources/demo/demo-leak-list.csv');
const VERIFIER = path.join(REPO_ROOT, 'resources/claims/verify_claims.py');

function python(args: string[]): { code: number; out: string } {
  const r = spawnSync('python3', [VERIFIER, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** Unzips a claims bundle with the system's own unzip (python's zipfile: an independent reader). */
function unzip(zip: string): string {
  const dir = tmpDir('shoko-claims-unzip-');
  execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, dir]);
  return path.join(dir, 'claims');
}

function editJson(file: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(doc);
  fs.writeFileSync(file, JSON.stringify(doc));
}

describe('claims: "these are our members" without the list', () => {
  let c: CaseHandle;
  let root: string;
  let zip: string;

  beforeAll(async () => {
    root = tmpDir('shoko-claims-');
    process.env.SHOKO_HOME = path.join(root, 'home');
    c = initCase(path.join(root, 'case'), { name: 'claims test', caseNumber: 'C-1' });
    await addEvidence(c, [BOOK]);
    await importLeakList(c, LIST, { key: '会員ID' });
    await scanCase(c, { ocr: 'never' });
    zip = path.join(root, 'claims.zip');
    await exportClaims(c, zip);
  });

  it('commits at import: a signed root over every record, salts kept in the case, the event logged', () => {
    const set = listLeakSets(c)[0];
    const commitment = loadCommitment(c.db, set.id)!;
    expect(commitment.statement.records).toBe(40);
    expect(commitment.statement.leaves).toBeGreaterThan(40 * 3);
    expect(commitment.statement.list.sha256).toBe(set.sha256);
    expect(loadSalts(c.db, set.id).size).toBe(40);
    const ev = c.db.prepare("SELECT details FROM custody_event WHERE action = 'leaks.committed'").get() as { details: string };
    expect(JSON.parse(ev.details).root).toBe(commitment.statement.root);
  });

  it('the Python verifier (stdlib + openssl) confirms every present record from the bundle and a copy of the book', () => {
    const r = python([zip, '--book', BOOK]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/signature: Ed25519 signature by SHA256:[0-9a-f]{64} verified/);
    expect(r.out).toMatch(/page \d+: 会員ID \S+ メール e-mail matches the committed list/);
    const total = r.out.match(/(\d+) of (\d+) claims verified, (\d+) record\(s\)/)!;
    expect(total[1]).toBe(total[2]);
    // The demo book republishes 12 of the 40 listed members.
    expect(Number(total[3])).toBe(12);
    expect(r.out).toContain('named in the claims');
  });

  it('shoko verifies the same bundle', async () => {
    const v = await verifyClaimsAt(zip);
    expect(v.ok).toBe(true);
    expect(new Set(v.claims.map((x) => x.record)).size).toBe(12);
    expect(v.claims.every((x) => x.ok)).toBe(true);
  });

  it('one changed character of a value, a salt, a path node or the root fails, with the reason', () => {
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['value', (d) => editJson(path.join(d, 'list-1/claims.json'), (doc) => { doc.claims[0].value = `${doc.claims[0].value.slice(0, -1)}x`; }), /leaf does not match/],
      ['salt', (d) => editJson(path.join(d, 'list-1/claims.json'), (doc) => { doc.claims[0].salt = `${doc.claims[0].salt[0] === '0' ? '1' : '0'}${doc.claims[0].salt.slice(1)}`; }), /leaf does not match/],
      ['path', (d) => editJson(path.join(d, 'list-1/claims.json'), (doc) => {
        const step = doc.claims[0].path[0];
        step.hash = `${step.hash[0] === '0' ? '1' : '0'}${step.hash.slice(1)}`;
      }), /path does not lead to the committed root/],
      ['root', (d) => {
        const f = path.join(d, 'list-1/commitment.json');
        const s = fs.readFileSync(f, 'utf8');
        const m = s.match(/"root":"([0-9a-f])/)!;
        fs.writeFileSync(f, s.replace(`"root":"${m[1]}`, `"root":"${m[1] === '0' ? '1' : '0'}`));
      }, /signature does not verify|another commitment/],
    ];
    for (const [what, tamper, reason] of cases) {
      const dir = unzip(zip);
      tamper(dir);
      const r = python([dir]);
      expect(r.code, `${what}: ${r.out}`).toBe(1);
      expect(r.out, what).toMatch(reason);
      expect(r.out, what).toMatch(/FAIL/);
      expect(verifyClaimsDir(dir).ok, what).toBe(false);
    }
  });

  it('a claim for a record that was never in the list cannot be made to verify', () => {
    const dir = unzip(zip);
    editJson(path.join(dir, 'list-1/claims.json'), (doc) => {
      const forged = structuredClone(doc.claims[0]);
      forged.record = 'M99999';
      forged.value = 'forged@example.com';
      forged.field = 'email';
      // The forger computes a leaf of their own; its path cannot reach the signed root.
      doc.claims.push(forged);
    });
    const r = python([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL .*M99999.*leaf does not match/);
  });

  // Other records appear only through opaque subtree roots on the paths (their share of the root): never a
  // field's leaf, salt or value.
  it('nothing in the bundle lets anyone recover a record that is not in the book', async () => {
    const set = listLeakSets(c)[0];
    const salts = loadSalts(c.db, set.id);
    const present = new Set((c.db.prepare("SELECT DISTINCT record_key FROM hit WHERE kind = 'record' AND present = 1").all() as { record_key: string }[]).map((r) => r.record_key));
    expect(present.size).toBe(12);
    const dir = unzip(zip);
    const bytes = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .map((f) => fs.readFileSync(path.join(dir, f)).toString('utf8')).join('\n');
    let checked = 0;
    await forEachListedRecord(set, undefined, (key, normalized) => {
      if (present.has(key)) return;
      const salt = salts.get(key)!;
      expect(bytes).not.toContain(salt.toString('hex'));
      for (const v of recordLeaves(salt, key, normalized)) {
        expect(bytes).not.toContain(v.leaf.toString('hex'));
        expect(bytes).not.toContain(fieldSalt(salt, v.field).toString('hex'));
        if (v.value.length >= 6) expect(bytes).not.toContain(v.value);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(28 * 3);
    // A present record discloses only the salts of the fields it claims.
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'list-1/claims.json'), 'utf8'));
    for (const cl of doc.claims) expect(cl.salt).not.toBe(salts.get(cl.record)!.toString('hex'));
  });

  it('every package carries the claims; shoko verify and the verifier inside the bag check them', async () => {
    const bag = path.join(root, 'bag');
    const pkg = await buildPackage(c, { out: bag });
    expect(pkg.claims).toBe('12 record(s) claimed in data/claims/');
    expect(fs.existsSync(path.join(bag, 'data/claims/verify_claims.py'))).toBe(true);
    const v = await verifyPackage(bag);
    expect(v.ok, v.failure).toBe(true);
    expect(v.checks.map((x) => x.what)).toContainEqual(expect.stringMatching(/^claims: (\d+) of \1 verified against the signed list commitment \(12 record\(s\)\)/));
    const r = spawnSync('python3', ['data/claims/verify_claims.py', '.', '--book', BOOK], { cwd: bag, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('12 record(s) shown to be in the committed list');
    // A changed claim inside the bag fails the bag's own manifest and the claims check.
    editJson(path.join(bag, 'data/claims/list-1/claims.json'), (doc) => { doc.claims[0].value = 'x'; });
    const bad = await verifyPackage(bag);
    expect(bad.ok).toBe(false);
    expect(bad.checks.filter((x) => !x.ok).map((x) => x.what).join(' ')).toMatch(/manifest|claims/);
  });

  it('a list committed before any incident (leaks commit) gives the same root when imported with its salts', async () => {
    const out = path.join(root, 'members.commitment.json');
    const standalone = await commitListFile(LIST, out, { key: '会員ID' });
    expect(fs.statSync(standalone.files.salts).mode & 0o777).toBe(0o600);
    expect(execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', standalone.files.publicKey, '-rawin', '-in', out, '-sigfile', standalone.files.signature], { encoding: 'utf8' }))
      .toContain('Signature Verified Successfully');
    expect(execFileSync('openssl', ['ts', '-query', '-in', standalone.files.request, '-text'], { encoding: 'utf8' })).toContain('Hash Algorithm: sha256');
    const c2 = initCase(path.join(root, 'case2'), { name: 'adopted salts' });
    await importLeakList(c2, LIST, { key: '会員ID', salts: standalone.files.salts });
    expect(loadCommitment(c2.db, listLeakSets(c2)[0].id)!.statement.root).toBe(standalone.statement.root);
    // Without them, a fresh commitment: another root (the salts are random).
    expect(loadCommitment(c.db, listLeakSets(c)[0].id)!.statement.root).not.toBe(standalone.statement.root);
    c2.db.close();
  });
});
