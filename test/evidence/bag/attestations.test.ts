import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bagDigestsOfFile } from '../../../main/evidence/bag/bag-writer';
import { formatManifest, parseManifest } from '../../../main/evidence/bag/manifest-format';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { keyFingerprint } from '../../../main/evidence/signing/examiner-key';
import { importTimestampReply } from '../../../main/evidence/timestamp/import-reply';
import { createTimestampRequest } from '../../../main/evidence/timestamp/timestamp-request';
import { makeLocalTsa, type LocalTsa } from '../../helpers/local-tsa';
import { REPO_ROOT } from '../../helpers/paths';
import { runShoko } from '../../helpers/run-cli';
import { copyBag, makeCaseAndBag } from './bag-fixture';

const BAGIT_PY = path.resolve(REPO_ROOT, '../shared/tools/bagit/bagit.py');
const CASE_VALIDATE = path.resolve(REPO_ROOT, '../shared/tools/case-validate/case_validate');

let root: string;
let bag: string;
let home: string;
let tsa: LocalTsa;
let otherTsa: LocalTsa;
let n = 0;
const fresh = () => copyBag(bag, path.join(root, `att-${++n}`));

beforeAll(async () => {
  ({ root, bag, home } = await makeCaseAndBag());
  tsa = makeLocalTsa(path.join(root, 'tsa'));
  otherTsa = makeLocalTsa(path.join(root, 'tsa-other'));
});

function rehashTags(d: string): void {
  for (const alg of ['sha256', 'sha512'] as const) {
    const file = path.join(d, `tagmanifest-${alg}.txt`);
    const entries = parseManifest(fs.readFileSync(file, 'utf8'), file).entries;
    fs.writeFileSync(file, formatManifest(entries.map((e) => ({ path: e.path, digest: bagDigestsOfFile(path.join(d, e.path))[alg] }))));
  }
}

/** Re-signs a bag with a new key as a forger would: new public key, fingerprint, signature, request. */
function resign(d: string, editInfo?: (info: string, fp: string) => string): string {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const fp = keyFingerprint(publicKey);
  fs.writeFileSync(path.join(d, 'signature/public-key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  fs.writeFileSync(path.join(d, 'signature/fingerprint.txt'), `${fp}\n`);
  const infoFile = path.join(d, 'bag-info.txt');
  if (editInfo) fs.writeFileSync(infoFile, editInfo(fs.readFileSync(infoFile, 'utf8'), fp));
  rehashTags(d);
  const tm = fs.readFileSync(path.join(d, 'tagmanifest-sha256.txt'));
  fs.writeFileSync(path.join(d, 'signature/tagmanifest.sig'), sign(null, tm, privateKey));
  const nonce = /Timestamp-Request-Nonce: ([0-9a-f]+)/.exec(fs.readFileSync(infoFile, 'utf8'))![1];
  fs.writeFileSync(path.join(d, 'timestamp/tagmanifest.tsq'), createTimestampRequest(tm, nonce).der);
  return fp;
}

describe('timestamps as evidence', () => {
  it('says "no timestamp" explicitly when no reply was imported', async () => {
    const v = await verifyPackage(bag);
    expect(v.ok).toBe(true);
    expect(v.checks.map((c) => c.what)).toContain('timestamp: none (no TSA reply in the bag: the time rests on the examiner\'s clock only; send timestamp/tagmanifest.tsq to a TSA, then shoko timestamp import)');
    expect(v.attestations).toMatchObject({ ok: true, timestamp: 'none' });
  });

  it('catches the request removed, replaced, or swapped for random bytes as a reply, and timestamp/ deleted', async () => {
    const d1 = fresh();
    fs.rmSync(path.join(d1, 'timestamp/tagmanifest.tsq'));
    expect((await verifyPackage(d1)).failure).toMatch(/^timestamp request removed: bag-info\.txt names request nonce [0-9a-f]+/);

    const d2 = fresh();
    fs.rmSync(path.join(d2, 'timestamp/tagmanifest.tsq'));
    fs.writeFileSync(path.join(d2, 'timestamp/tagmanifest.tsr'), randomBytes(300));
    const v2 = await verifyPackage(d2);
    expect(v2.ok).toBe(false);
    expect(v2.checks.filter((c) => !c.ok).map((c) => c.what)).toEqual(expect.arrayContaining(['timestamp request removed', 'timestamp reply without its request']));
    const r2 = runShoko(['verify', d2]);
    expect(r2.code).toBe(1);

    const d3 = fresh();
    fs.rmSync(path.join(d3, 'timestamp'), { recursive: true });
    expect((await verifyPackage(d3)).failure).toMatch(/^timestamp request removed/);

    const d4 = fresh();
    fs.writeFileSync(path.join(d4, 'timestamp/tagmanifest.tsq'), createTimestampRequest(fs.readFileSync(path.join(d4, 'tagmanifest-sha256.txt'))).der);
    expect((await verifyPackage(d4)).failure).toMatch(/^timestamp request replaced: its nonce [0-9a-f]+ is not bag-info\.txt's [0-9a-f]+/);

    const d5 = fresh();
    fs.writeFileSync(path.join(d5, 'timestamp/tagmanifest.tsr'), randomBytes(300));
    expect((await verifyPackage(d5)).failure).toMatch(/^timestamp reply rejected: the reply is not/);
  });

  it('a reply from a TSA nobody trusts: "TSA not validated against a trusted root"; checked against its CA: trusted; against another CA: refused', async () => {
    const d = fresh();
    const reply = path.join(root, 'reply.tsr');
    tsa.stamp(path.join(d, 'timestamp/tagmanifest.tsq'), reply);
    const imported = await importTimestampReply(d, reply);
    expect(imported.chainValidated).toBeNull();

    const plain = await verifyPackage(d);
    expect(plain.ok).toBe(true);
    expect(plain.timestamp?.trusted).toBe(false);
    expect(plain.checks.some((c) => /^timestamp: granted at .*; TSA not validated against a trusted root$/.test(c.what))).toBe(true);
    const cli = runShoko(['verify', d], { env: { SHOKO_HOME: home } });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('timestamp granted, TSA not validated against a trusted root');

    const trusted = await verifyPackage(d, { caFiles: [tsa.caCert] });
    expect(trusted.ok).toBe(true);
    expect(trusted.timestamp?.trusted).toBe(true);
    expect(runShoko(['verify', d, '--ca-file', tsa.caCert]).stdout).toContain('timestamp granted, trusted root');

    const other = await verifyPackage(d, { caFiles: [otherTsa.caCert] });
    expect(other.ok).toBe(false);
    expect(other.failure).toMatch(/^timestamp reply rejected: the TSA certificate \(CN=Shoko Test TSA\) does not chain to a trusted root/);

    // The installation's trust store is used when no --ca-file is given.
    const store = path.join(root, 'home-trust');
    fs.mkdirSync(path.join(store, 'trust', 'tsa'), { recursive: true });
    fs.copyFileSync(tsa.caCert, path.join(store, 'trust', 'tsa', 'test-ca.pem'));
    const viaStore = runShoko(['verify', d, '--json'], { env: { SHOKO_HOME: store } });
    expect(JSON.parse(viaStore.stdout).timestamp.trusted).toBe(true);
  });

  it('timestamp import --ca-file refuses a reply whose TSA does not chain to the given CA, and records a trusted one', () => {
    const d = fresh();
    const reply = path.join(root, 'reply2.tsr');
    tsa.stamp(path.join(d, 'timestamp/tagmanifest.tsq'), reply);
    const refused = runShoko(['timestamp', 'import', d, reply, '--ca-file', otherTsa.caCert]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not chain to a trusted root/);
    expect(fs.existsSync(path.join(d, 'timestamp/tagmanifest.tsr'))).toBe(false);
    const ok = runShoko(['timestamp', 'import', d, reply, '--ca-file', tsa.caCert]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('the TSA certificate chains to a trusted root');
    // openssl agrees with the same CA, and refuses the other.
    const o = spawnSync('openssl', ['ts', '-verify', '-queryfile', 'timestamp/tagmanifest.tsq', '-in', 'timestamp/tagmanifest.tsr', '-CAfile', otherTsa.caCert], { cwd: d, encoding: 'utf8' });
    expect(o.status).not.toBe(0);
  });
});

describe('a bag re-signed with another key (16.4)', () => {
  it('fails against bag-info\'s Examiner-Key-Fingerprint though signature, fingerprint file and request were all redone', async () => {
    const d = fresh();
    const fp = resign(d);
    const v = await verifyPackage(d);
    expect(v.checks.find((c) => c.what.startsWith('signature: Ed25519'))?.ok).toBe(true);
    expect(v.failure).toMatch(new RegExp(`^bag signed with another key than the examiner's: signature key ${fp}, bag-info\\.txt Examiner-Key-Fingerprint SHA256:[0-9a-f]{64}$`));
    expect(v.attestations).toMatchObject({ ok: false, signature: false });
  });

  it('fails against the custody log\'s package.started when bag-info was rewritten too', async () => {
    const d = fresh();
    const fp = resign(d, (info, newFp) => info.replace(/Examiner-Key-Fingerprint: .*/, `Examiner-Key-Fingerprint: ${newFp}`));
    const v = await verifyPackage(d);
    expect(v.failure).toMatch(new RegExp(`^bag signed with another key than the examiner's: signature key ${fp}, the custody log's package\\.started \\(event \\d+\\) names SHA256:`));
  });
});

describe('RFC 8493 rules a Shoko bag is held to as well', () => {
  it('refuses a signed bag with fetch.txt pointing out of the bag, and checks a manifest of another algorithm', async () => {
    const d = fresh();
    fs.writeFileSync(path.join(d, 'fetch.txt'), 'https://example.com/x - ../../../etc/passwd\n');
    expect((await verifyPackage(d)).failure).toMatch(/^fetch\.txt line 1: path out of the bag's scope: "\.\.\/\.\.\/\.\.\/etc\/passwd"/);

    const d2 = fresh();
    const lines = parseManifest(fs.readFileSync(path.join(d2, 'manifest-sha256.txt'), 'utf8'), 'm').entries;
    const md5 = (p: string) => execFileSync('md5sum', [path.join(d2, p)], { encoding: 'utf8' }).slice(0, 32);
    fs.writeFileSync(path.join(d2, 'manifest-md5.txt'), lines.map((e, i) => `${i === 0 ? '0'.repeat(32) : md5(e.path)}  ${e.path}\n`).join(''));
    const v = await verifyPackage(d2);
    expect(v.failure).toMatch(/^payload file altered: .*: md5 is [0-9a-f]{32}, manifest-md5\.txt says 0{32}/);
  });

  it('bagit-python (LoC reference) validates the bag, and refuses it once a payload byte changes', () => {
    const ok = spawnSync('python3', [BAGIT_PY, '--validate', bag], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('is valid');
    const d = fresh();
    fs.appendFileSync(path.join(d, 'data/findings.json'), ' ');
    expect(spawnSync('python3', [BAGIT_PY, '--validate', d], { encoding: 'utf8' }).status).toBe(1);
  });
});

describe('how to verify, inside the bag', () => {
  it('carries data/report/VERIFY.txt with the commands and the key fingerprint, listed in the manifests', () => {
    const text = fs.readFileSync(path.join(bag, 'data/report/VERIFY.txt'), 'utf8');
    for (const s of ['sha256sum -c manifest-sha256.txt', '-sigfile signature/tagmanifest.sig', 'openssl ts -verify', 'Custody-Log-Head', '事件番号 / Case number: T-2026-7']) expect(text).toContain(s);
    const fp = fs.readFileSync(path.join(bag, 'signature/fingerprint.txt'), 'utf8').trim();
    expect(text.replace(/\n\s+/g, '')).toContain(fp);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8')).toMatch(/ data\/report\/VERIFY\.txt$/m);
  });
});

describe('CASE/UCO provenance', () => {
  it('conforms for case_validate (CASE 1.4.0): no violation, no warning; identified nodes with UUID IRIs', () => {
    const r = spawnSync(CASE_VALIDATE, [path.join(bag, 'data/provenance.jsonld')], { encoding: 'utf8' });
    expect(r.stdout).toContain('Conforms: True');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/Severity: sh:(Violation|Warning)/);
    const graph = JSON.parse(fs.readFileSync(path.join(bag, 'data/provenance.jsonld'), 'utf8'))['@graph'] as Array<Record<string, unknown>>;
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const node of graph) expect(String(node['@id']), JSON.stringify(node).slice(0, 120)).toMatch(uuid);
    // No blank node anywhere: every nested object is a reference or a typed literal.
    const nested = (v: unknown): void => {
      if (Array.isArray(v)) { v.forEach(nested); return; }
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        expect('@id' in o || '@value' in o, JSON.stringify(o).slice(0, 120)).toBe(true);
      }
    };
    for (const node of graph) for (const [k, v] of Object.entries(node)) if (!k.startsWith('@')) nested(v);
  });
});
