import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../../../main/evidence/bag/verify-package';
import { importTimestampReply } from '../../../main/evidence/timestamp/import-reply';
import { makeLocalTsa, type LocalTsa } from '../../helpers/local-tsa';
import { copyBag, makeCaseAndBag } from './bag-fixture';

let root: string;
let bag: string;
let tsa: LocalTsa;

beforeAll(async () => {
  ({ root, bag } = await makeCaseAndBag());
  tsa = makeLocalTsa(path.join(root, 'tsa'));
});

describe('RFC 3161 timestamp of the tag manifest', () => {
  it('writes a request that openssl reads: SHA-256 of tagmanifest-sha256.txt, a nonce, certReq', () => {
    const text = execFileSync('openssl', ['ts', '-query', '-in', path.join(bag, 'timestamp/tagmanifest.tsq'), '-text'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(text).toContain('Hash Algorithm: sha256');
    expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(text).toContain('Certificate required: yes');
    const digest = execFileSync('openssl', ['dgst', '-sha256', '-r', path.join(bag, 'tagmanifest-sha256.txt')], { encoding: 'utf8' }).slice(0, 64);
    const hexInText = [...text.matchAll(/^\s+[0-9a-f]{4} - ([0-9a-f -]+?)\s{2,}/gm)].map((m) => m[1].replace(/[ -]/g, '')).join('');
    expect(hexInText).toBe(digest);
  });

  it('accepts a reply of a local openssl TSA, stores it, and verify then checks it', async () => {
    const d = copyBag(bag, path.join(root, 'stamped'));
    const reply = path.join(root, 'good.tsr');
    tsa.stamp(path.join(d, 'timestamp/tagmanifest.tsq'), reply);
    const r = await importTimestampReply(d, reply);
    expect(r.ok).toBe(true);
    expect(r.signatureChecked).toBe(true);
    expect(r.signerSubject).toBe('CN=Shoko Test TSA');
    expect(Math.abs(Date.parse(r.genTime!) - Date.now())).toBeLessThan(10 * 60_000);
    expect(fs.existsSync(path.join(d, 'timestamp/tagmanifest.tsr'))).toBe(true);
    const v = await verifyPackage(d);
    expect(v.failure).toBeUndefined();
    expect(v.timestamp?.genTime).toBe(r.genTime);
    // And openssl agrees, checking the TSA chain to the test CA.
    const out = execFileSync('openssl', ['ts', '-verify', '-queryfile', 'timestamp/tagmanifest.tsq', '-in', 'timestamp/tagmanifest.tsr', '-CAfile', tsa.caCert], { cwd: d, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('Verification: OK');
  });

  it('rejects a reply for another digest, and verify rejects such a reply placed by hand', async () => {
    const other = path.join(root, 'other.tsq');
    fs.writeFileSync(path.join(root, 'other.txt'), 'not the tag manifest');
    execFileSync('openssl', ['ts', '-query', '-data', path.join(root, 'other.txt'), '-sha256', '-cert', '-out', other], { stdio: 'pipe' });
    const reply = path.join(root, 'other.tsr');
    tsa.stamp(other, reply);
    const d = copyBag(bag, path.join(root, 'wrong'));
    await expect(importTimestampReply(d, reply)).rejects.toThrow(/timestamp reply rejected: the token stamps another digest/);
    expect(fs.existsSync(path.join(d, 'timestamp/tagmanifest.tsr'))).toBe(false);
    fs.copyFileSync(reply, path.join(d, 'timestamp/tagmanifest.tsr'));
    const v = await verifyPackage(d);
    expect(v.failure).toMatch(/^timestamp reply rejected: the token stamps another digest/);
  });
});
