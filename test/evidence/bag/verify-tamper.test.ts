import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../../main/case/case-folder';
import { canonicalJson } from '../../../main/common/canonical-json';
import { buildPackage } from '../../../main/evidence/bag/build-package';
import { listCustodyEvents } from '../../../main/evidence/custody-log';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { bagDigestsOfFile } from '../../../main/evidence/bag/bag-writer';
import { formatManifest, parseManifest } from '../../../main/evidence/bag/manifest-format';
import { keyFingerprint } from '../../../main/evidence/signing/examiner-key';
import { runShoko } from '../../helpers/run-cli';
import { copyBag, makeCaseAndBag } from './bag-fixture';

let root: string;
let bag: string;
let home: string;
let n = 0;
const fresh = () => copyBag(bag, path.join(root, `tamper-${++n}`));

/** Rewrites both manifests of a kind (payload or tag) from the files as they are now. */
function rehash(dir: string, kind: 'manifest' | 'tagmanifest'): void {
  for (const alg of ['sha256', 'sha512'] as const) {
    const file = path.join(dir, `${kind}-${alg}.txt`);
    const entries = parseManifest(fs.readFileSync(file, 'utf8'), file).entries;
    fs.writeFileSync(file, formatManifest(entries.map((e) => ({ path: e.path, digest: bagDigestsOfFile(path.join(dir, e.path))[alg] }))));
  }
}

/**
 * Makes a bag whose custody log was edited consistent again, as a forger would: Payload-Oxum grown by
 * `grewBy` bytes, both manifests re-hashed and the tag manifest signed with a new key. Only the
 * custody log's own hash chain can then tell.
 */
function reseal(d: string, grewBy: number): void {
  const info = path.join(d, 'bag-info.txt');
  fs.writeFileSync(info, fs.readFileSync(info, 'utf8').replace(/Payload-Oxum: (\d+)\./, (_m, b) => `Payload-Oxum: ${Number(b) + grewBy}.`));
  rehash(d, 'manifest');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  fs.writeFileSync(path.join(d, 'signature/public-key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  fs.writeFileSync(path.join(d, 'signature/fingerprint.txt'), `${keyFingerprint(publicKey)}\n`);
  rehash(d, 'tagmanifest');
  fs.writeFileSync(path.join(d, 'signature/tagmanifest.sig'), sign(null, fs.readFileSync(path.join(d, 'tagmanifest-sha256.txt')), privateKey));
}

beforeAll(async () => { ({ root, bag, home } = await makeCaseAndBag()); });

describe('shoko verify <bag>', () => {
  it('passes an untouched bag, printing each check, with exit 0', () => {
    const r = runShoko(['verify', bag], { env: { SHOKO_HOME: home } });
    expect(r.stderr).not.toContain('shoko:');
    expect(r.code).toBe(0);
    for (const line of ['ok   bagit.txt', 'Payload-Oxum', 'payload hashes match', 'tag files unaltered', 'RFC 8493: valid (BagIt 1.0, sha256, sha512)', 'signature: Ed25519', 'custody log:', 'timestamp request', 'timestamp: none']) expect(r.stdout).toContain(line);
    expect(r.stdout).toContain('RFC 8493:           valid (BagIt 1.0)');
    expect(r.stdout).toContain('Shoko attestations: verified (signature ok, custody ok, timestamp none)');
    expect(r.stdout).toContain('verified: all checks passed');
  });

  it('fails on an altered payload file and names it (exit 1)', () => {
    const d = fresh();
    const f = path.join(d, 'data/originals/100％_leak list.txt');
    fs.writeFileSync(f, 'member list sampl3\n');
    const r = runShoko(['verify', d]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NOT VERIFIED: payload file altered: data/originals/100％_leak list.txt');
  });

  it('fails on a file added to data/ and on one removed', async () => {
    const d = fresh();
    fs.writeFileSync(path.join(d, 'data/extra.txt'), 'x');
    // The file is named, not only the changed Payload-Oxum.
    expect((await verifyPackage(d)).failure).toMatch(/^payload file not in manifest-sha256\.txt: data\/extra\.txt/);
    const d2 = fresh();
    fs.writeFileSync(path.join(d2, 'data/findings.json'), fs.readFileSync(path.join(d2, 'data/findings.json'), 'utf8').replace('"format"', '"formaT"'));
    expect((await verifyPackage(d2)).failure).toMatch(/^payload file altered: data\/findings\.json/);
    const d3 = fresh();
    fs.rmSync(path.join(d3, 'data/report/report.pdf'));
    fs.writeFileSync(path.join(d3, 'data/report/other.pdf'), fs.readFileSync(path.join(bag, 'data/report/report.pdf')));
    // Both are named: the file deleted and the file added.
    expect((await verifyPackage(d3)).failure).toBe('payload does not match manifest-sha256.txt: 1 deleted (data/report/report.pdf), 1 added (data/report/other.pdf): deleted: listed in manifest-sha256.txt but not in the bag; added: in data/ but not listed');
    const d4 = fresh();
    fs.rmSync(path.join(d4, 'data/report/report.pdf'));
    expect((await verifyPackage(d4)).failure).toBe('payload file missing: data/report/report.pdf: listed in manifest-sha256.txt but not in the bag');
  });

  it('fails on an altered tag file and on an unlisted tag file', async () => {
    const d = fresh();
    fs.appendFileSync(path.join(d, 'bag-info.txt'), 'Contact-Phone: 000\n');
    expect((await verifyPackage(d)).failure).toMatch(/^tag file altered: bag-info\.txt/);
    const d2 = fresh();
    fs.writeFileSync(path.join(d2, 'notes.txt'), 'added later');
    expect((await verifyPackage(d2)).failure).toMatch(/^tag file not in tagmanifest-sha256\.txt: notes\.txt/);
  });

  it('fails on an altered signature', async () => {
    const d = fresh();
    const sig = fs.readFileSync(path.join(d, 'signature/tagmanifest.sig'));
    sig[10] ^= 0x01;
    fs.writeFileSync(path.join(d, 'signature/tagmanifest.sig'), sig);
    const v = await verifyPackage(d);
    expect(v.ok).toBe(false);
    expect(v.failure).toBe('signature invalid: signature does not match tagmanifest-sha256.txt');
  });

  it('fails on a rewritten custody log even when every manifest was recomputed and the bag re-signed with another key', async () => {
    const d = fresh();
    const logFile = path.join(d, 'data/custody-log.jsonl');
    const events = fs.readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    events[1].details.source = 'somewhere else';
    const before = fs.statSync(logFile).size;
    fs.writeFileSync(logFile, events.map((e) => `${canonicalJson(e)}\n`).join(''));
    reseal(d, fs.statSync(logFile).size - before);
    const v = await verifyPackage(d);
    expect(v.failure).not.toMatch(/^(payload|tag|signature)/);
    expect(v.failure).toBe('custody log broken at event 2: event 2 (evidence.added): content does not match its hash (altered)');
  });

  it('fails with a named line, not a crash, on a custody log line that is not an event (bag re-hashed and re-signed)', async () => {
    const d = fresh();
    const logFile = path.join(d, 'data/custody-log.jsonl');
    const before = fs.statSync(logFile).size;
    fs.appendFileSync(logFile, 'null\n');
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').length - 1;
    reseal(d, fs.statSync(logFile).size - before);
    const v = await verifyPackage(d);
    expect(v.ok).toBe(false);
    expect(v.failure).toBe(`custody log unreadable: data/custody-log.jsonl line ${lines}: not an event object`);
  });

  it('refuses an --out in a missing folder before logging package.started', async () => {
    const c = openCase(path.join(root, 'case'));
    try {
      const started = () => listCustodyEvents(c.db).filter((e) => e.action === 'package.started').length;
      const n0 = started();
      const missing = path.join(root, 'no-such-folder');
      await expect(buildPackage(c, { out: path.join(missing, 'bag') })).rejects.toThrow(`${missing}: no such folder for the package`);
      expect(started()).toBe(n0);
    } finally {
      c.close();
    }
  });

  it('the signature checks with plain OpenSSL too', () => {
    const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signature/public-key.pem', '-rawin', '-in', 'tagmanifest-sha256.txt', '-sigfile', 'signature/tagmanifest.sig'], { cwd: bag, encoding: 'utf8' });
    expect(out).toContain('Signature Verified Successfully');
  });

  it('builds and verifies a bag.zip with a single top-level folder through the CLI', async () => {
    const zip = path.join(root, 'pkg.zip');
    const caseDir = path.join(root, 'case');
    const r = runShoko(['package', caseDir, '--out', zip, '--json'], { env: { SHOKO_HOME: home } });
    expect(r.stderr).not.toContain('shoko:');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.kind).toBe('zip');
    const v = runShoko(['verify', zip, '--json']);
    expect(v.code).toBe(0);
    const out = JSON.parse(v.stdout);
    expect(out.zipSha256).toBe(res.sha256);
    expect(out.checks[0].what).toBe('bag.zip: one top-level folder pkg/');
    // The build is in the case's custody log with the zip's hash.
    const log = JSON.parse(runShoko(['log', caseDir, '--json']).stdout) as Array<{ action: string; details: { sha256?: string } }>;
    expect(log.filter((e) => e.action === 'package.built').at(-1)?.details.sha256).toBe(res.sha256);
  });
});
